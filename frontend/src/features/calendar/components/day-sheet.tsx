import { cn } from "@/utils/cn";
import type { CalendarAppointment } from "../types";
import { formatClock, formatLongDay, zoneLabel } from "@/lib/format";
import { BLOCK_LOOK, STATUS_LOOK, type GridColumn } from "./time-grid";

/**
 * The printable day sheet: per column (doctor, or day of the week view) the list of visits in
 * order, with what blocks the day. Hidden on screen unless `preview`; shown alone when printing.
 */
export function DaySheet({ title, officeName, timeZone, columns, printedAt, preview = false }: { title: string; officeName: string; timeZone: string; columns: GridColumn[]; printedAt: Date; preview?: boolean }) {
  const first = columns[0]?.date;
  const manyDays = new Set(columns.map((c) => c.date)).size > 1;
  return (
    <section aria-label="Day sheet" className={cn("day-sheet text-sm text-black", preview ? "block" : "hidden print:block")}>
      <h1 className="text-xl font-bold">{title}</h1>
      <p className="mb-4">
        {officeName} · times in {first ? zoneLabel(timeZone, first) : timeZone} · printed {formatClock(printedAt, timeZone)}
      </p>
      {columns.map((column) => {
        const visits = [...column.appointments].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
        return (
          <section key={column.key} className="mb-5 break-inside-avoid">
            <h2 className="border-b border-black text-base font-semibold">
              {column.title}
              {column.subtitle ? ` — ${column.subtitle}` : ""}
              {manyDays && ` · ${formatLongDay(column.date)}`}
            </h2>
            {column.day.blocked.length > 0 && (
              <p className="mt-1 italic">
                {column.day.blocked.map((b) => `${BLOCK_LOOK[b.kind].label}${b.label ? ` (${b.label})` : ""} ${formatClock(b.starts_at, timeZone)}–${formatClock(b.ends_at, timeZone)}`).join("; ")}
              </p>
            )}
            {visits.length === 0 ? (
              <p className="mt-1">No visits.</p>
            ) : (
              <table className="mt-1 w-full border-collapse text-left">
                <thead>
                  <tr className="border-b border-slate-400">
                    <th scope="col" className="w-32 py-1 pr-2">Time</th>
                    <th scope="col" className="py-1 pr-2">Patient</th>
                    <th scope="col" className="py-1 pr-2">Reason</th>
                    <th scope="col" className="w-32 py-1">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {visits.map((a: CalendarAppointment) => (
                    <tr key={a.id} className="border-b border-slate-200 align-top">
                      <td className="py-1 pr-2 whitespace-nowrap">
                        {formatClock(a.starts_at, timeZone)}–{formatClock(a.ends_at, timeZone)}
                      </td>
                      <td className="py-1 pr-2">{a.patient_name}</td>
                      <td className="py-1 pr-2">{a.reason ?? ""}</td>
                      <td className="py-1">
                        {STATUS_LOOK[a.status].label}
                        {a.is_overbooked && " · overbooked"}
                        {a.outside_availability && " · booked into a closure or time off"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </section>
  );
}

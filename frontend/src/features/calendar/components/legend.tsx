import type { AppointmentStatus } from "@/features/appointments/api/appointments";
import { cn } from "@/utils/cn";
import { BLOCK_LOOK, STATUS_LOOK } from "./time-grid";

const STATUSES: AppointmentStatus[] = ["scheduled", "confirmed", "checked_in", "completed", "no_show", "cancelled"];

/** What the colours and marks of the grid mean. */
export function GridLegend() {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-700 print:hidden" aria-label="Legend" role="group">
      {STATUSES.map((s) => (
        <span key={s} className="inline-flex items-center gap-1">
          <span className={cn("inline-block h-3.5 w-5 rounded-sm border-l-4", STATUS_LOOK[s].swatch)} aria-hidden />
          {STATUS_LOOK[s].label}
        </span>
      ))}
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-3.5 w-5 rounded-sm bg-sky-100 outline-2 outline-offset-[-2px] outline-dashed outline-red-700" aria-hidden />
        Overbooked
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-3.5 w-5 rounded-sm border border-slate-300 bg-white" aria-hidden />
        Open hours
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-3.5 w-5 rounded-sm bg-slate-100" style={{ backgroundImage: "repeating-linear-gradient(135deg, transparent 0 3px, rgb(0 0 0 / 0.12) 3px 6px)" }} aria-hidden />
        Not working
      </span>
      {(["time_off", "closure", "day_off"] as const).map((k) => (
        <span key={k} className="inline-flex items-center gap-1">
          <span className={cn("inline-block h-3.5 w-5 rounded-sm", BLOCK_LOOK[k].className)} aria-hidden />
          {k === "closure" ? "Clinic closed" : BLOCK_LOOK[k].label}
        </span>
      ))}
      <span className="inline-flex items-center gap-1">
        <span className="inline-block w-5 border-t-2 border-red-600" aria-hidden />
        Now
      </span>
    </div>
  );
}

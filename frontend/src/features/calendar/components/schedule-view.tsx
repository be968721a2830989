import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { ErrorState, Loading } from "@/components/ui/states";
import { isActive, useInvalidateScheduling, type AppointmentAction } from "@/features/appointments/api/appointments";
import { doctorName, useDoctorOffices, useDoctors, useOffices } from "@/features/directory/api/directory";
import { cn } from "@/utils/cn";
import { useCalendar, useCalendarParams, useNow } from "../api/calendar";
import { useLiveSchedule } from "../api/live";
import { LiveIndicator } from "./live-indicator";
import { buildColumns } from "../columns";
import { visibleHours } from "../layout";
import type { CalendarAppointment } from "../types";
import { mondayOf, shiftDate, todayIn, wallClock } from "../zone";
import { formatClock, formatDay, formatLongDay, zoneLabel } from "@/lib/format";
import { BookDialog } from "./book-dialog";
import { DaySheet } from "./day-sheet";
import { GridLegend } from "./legend";
import { MoveDialog } from "./move-dialog";
import { TimeGrid, type GridColumn, type MoveTarget } from "./time-grid";
import { VisitDetails } from "./visit-details";
import { useDocumentTitle } from "@/lib/document-title";

export interface ScheduleViewProps {
  /** "staff": every doctor of an office, booking and overbooking; "doctor": only `doctorId`'s own column. */
  mode: "staff" | "doctor";
  title: string;
  doctorId?: number | null;
  actions: AppointmentAction[];
  /** Links shown with the chosen visit (the doctor's chart and record). */
  visitExtra?: (a: CalendarAppointment) => ReactNode;
}

/** May this visit still be moved (the server has the last word)? */
function movable(a: CalendarAppointment): boolean {
  return a.status === "scheduled" || a.status === "confirmed";
}

/**
 * The schedule as a time grid, with its day, view, office and doctor in the URL. Used by the
 * front desk (all doctors of an office) and by a doctor (their own column or week).
 */
export function ScheduleView({ mode, title, doctorId: self = null, actions, visitExtra }: ScheduleViewProps) {
  const params = useCalendarParams();
  const staff = mode === "staff";
  const offices = useOffices({ is_active: true });
  const ownOffices = useDoctorOffices(staff ? null : self);
  const officeList = staff ? (offices.data?.items ?? []).map((o) => ({ id: o.id, name: o.name, time_zone: o.time_zone })) : (ownOffices.data?.offices ?? []).filter((o) => o.is_active);
  const officesPending = staff ? offices.isPending : ownOffices.isPending;
  const office = officeList.find((o) => o.id === params.office) ?? officeList[0] ?? null;
  const doctors = useDoctors(office && staff ? { office_id: office.id } : {});
  const doctorList = staff && office ? (doctors.data?.items ?? []) : [];
  const view = params.view;
  const zone = office?.time_zone ?? "UTC";
  const now = useNow();
  const date = params.date ?? todayIn(zone, now);
  const doctor = staff ? (params.doctor ?? (view === "week" ? (doctorList[0]?.id ?? null) : null)) : self;
  const from = view === "week" ? mondayOf(date) : date;
  const days = view === "week" ? 7 : 1;
  const query = office && (view === "day" || doctor !== null) ? { office_id: office.id, from, days, ...(doctor !== null ? { doctor_id: doctor } : {}) } : null;
  const calendar = useCalendar(query);
  const live = useLiveSchedule(query);
  const [showCancelled, setShowCancelled] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [moving, setMoving] = useState<{ appointment: CalendarAppointment; target: MoveTarget | null } | null>(null);
  const [booking, setBooking] = useState<{ column: GridColumn; minutes: number | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const invalidate = useInvalidateScheduling();

  // Keep the URL complete, so what is on screen is what a reload or a shared link shows.
  useEffect(() => {
    if (!office) return;
    const patch: Record<string, string | number> = {};
    if (params.office !== office.id) patch.office = office.id;
    if (params.date === null) patch.date = date;
    if (staff && view === "week" && params.doctor === null && doctor !== null) patch.doctor = doctor;
    if (Object.keys(patch).length > 0) params.update(patch, { replace: true });
  }, [office, params, date, staff, view, doctor]);

  useDocumentTitle(`${title} · ${formatDay(date)}`);

  const data = calendar.data && calendar.data.office_id === office?.id ? calendar.data : undefined;
  const timeZone = data?.time_zone ?? zone;
  const columns = useMemo(() => (data ? buildColumns(data, view, date, view === "week" || !staff ? doctor : params.doctor, showCancelled) : []), [data, view, date, doctor, staff, params.doctor, showCancelled]);
  const hours = useMemo(() => visibleHours(columns.map((c) => ({ day: c.day, appointments: c.appointments })), timeZone), [columns, timeZone]);
  const selected = data?.appointments.find((a) => a.id === selectedId) ?? null;
  const today = todayIn(timeZone, now);
  const count = columns.reduce((n, c) => n + c.appointments.filter((a) => a.status !== "cancelled").length, 0);

  if (!staff && self === null) return <p role="alert">This account has no doctor profile.</p>;
  const step = view === "week" ? 7 : 1;
  const heading = view === "week" ? `${formatDay(from)} – ${formatDay(shiftDate(from, 6))}` : formatLongDay(date);
  const sheetTitle = view === "week" ? `${columns[0]?.doctorName ?? ""} · week of ${formatLongDay(from)}` : `Day sheet · ${formatLongDay(date)}`;

  return (
    <>
      <div className="print:hidden">
        <PageHeader
          title={title}
          description={
            <>
              {heading}
              {office && (
                <span className="block text-sm">
                  {data?.office_name ?? office.name} · times in {zoneLabel(timeZone, from)}
                </span>
              )}
              {office && (
                <span className="block">
                  <LiveIndicator live={live} />
                </span>
              )}
            </>
          }
          actions={
            <Button variant="secondary" onClick={() => window.print()} disabled={!data}>
              Print {view === "week" ? "week" : "day"} sheet
            </Button>
          }
        />
        <Card className="mb-4">
          <div className="flex flex-wrap items-end gap-3">
            <div role="group" aria-label="View" className="flex rounded-md border border-slate-300">
              {(["day", "week"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  aria-pressed={view === v}
                  onClick={() => params.update({ view: v })}
                  className={cn("min-h-11 px-4 text-sm font-medium capitalize first:rounded-l-md last:rounded-r-md", view === v ? "bg-brand-600 text-white" : "bg-white text-slate-800 hover:bg-slate-100")}
                >
                  {v}
                </button>
              ))}
            </div>
            <Button variant="secondary" onClick={() => params.update({ date: shiftDate(date, -step) })} aria-label={`Previous ${view}`}>
              ←
            </Button>
            <TextField label="Date" type="date" value={date} onChange={(e) => e.target.value && params.update({ date: e.target.value })} />
            <Button variant="secondary" onClick={() => params.update({ date: shiftDate(date, step) })} aria-label={`Next ${view}`}>
              →
            </Button>
            <Button variant="ghost" onClick={() => params.update({ date: todayIn(timeZone, new Date()) })}>
              Today
            </Button>
            <SelectField label="Office" className="min-w-48" value={office?.id ?? ""} onChange={(e) => params.update({ office: Number(e.target.value), doctor: null })} disabled={officeList.length === 0}>
              {officeList.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            {staff && (
              <SelectField label="Doctor" className="min-w-48" value={doctor ?? ""} onChange={(e) => params.update({ doctor: e.target.value ? Number(e.target.value) : null })}>
                {view === "day" && <option value="">All doctors</option>}
                {doctorList.map((d) => (
                  <option key={d.id} value={d.id}>
                    {doctorName(d)}
                  </option>
                ))}
              </SelectField>
            )}
            <label className="inline-flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" className="size-4" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} />
              Show cancelled
            </label>
          </div>
        </Card>
        {notice && (
          <div className="mb-3" role="status">
            <Alert tone="success">{notice}</Alert>
          </div>
        )}
        <GridLegend />
        <p className="mb-2 text-sm text-slate-700" aria-live="polite">
          {data ? `${count} ${count === 1 ? "visit" : "visits"}${view === "week" ? " this week" : date === today ? " today" : " on this day"}.` : ""}
          {data && columns.some((c) => c.date === today) && <span> Now: {formatClock(now, timeZone)}.</span>}
          {staff && data && " Click a free time to book there; drag a visit (or focus it and press M) to move it."}
        </p>
      </div>
      {officesPending ? (
        <Loading />
      ) : officeList.length === 0 ? (
        <Alert tone="info">{staff ? "No office is open." : "You work at no open office."}</Alert>
      ) : calendar.error && !data ? (
        <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : !data ? (
        <Loading label="Loading the schedule…" />
      ) : columns.length === 0 ? (
        <Alert tone="info">No doctor works at this office.</Alert>
      ) : (
        <>
          <TimeGrid
            columns={columns}
            timeZone={timeZone}
            hours={hours}
            now={now}
            view={view}
            selectedId={selectedId}
            canMove={movable}
            onOpen={(a) => setSelectedId(a.id)}
            onMove={(appointment, target) => setMoving({ appointment, target })}
            onBook={(column, minutes) => setBooking({ column, minutes })}
          />
          {selected && (
            <VisitDetails
              appointment={selected}
              timeZone={timeZone}
              actions={actions}
              canMove={movable(selected) && isActive(selected.status)}
              onMove={() => setMoving({ appointment: selected, target: null })}
              onClose={() => setSelectedId(null)}
              extra={visitExtra?.(selected)}
            />
          )}
          <DaySheet title={sheetTitle} officeName={data.office_name} timeZone={timeZone} columns={columns} printedAt={now} />
        </>
      )}
      {moving && data && (
        <MoveDialog
          appointment={moving.appointment}
          target={moving.target}
          timeZone={timeZone}
          mayOverbook={staff}
          onClose={() => setMoving(null)}
          onMoved={(moved) => {
            setMoving(null);
            setSelectedId(moved.id);
            setNotice(`Moved ${moved.patient_name}'s visit to ${formatDay(wallClock(moved.starts_at, timeZone).date)} ${formatClock(moved.starts_at, timeZone)}.`);
            invalidate();
          }}
        />
      )}
      {booking && data && (
        <BookDialog
          column={booking.column}
          minutes={booking.minutes}
          officeId={data.office_id}
          officeName={data.office_name}
          timeZone={timeZone}
          mayOverbook={staff}
          onClose={() => setBooking(null)}
          onBooked={(a) => {
            setBooking(null);
            setSelectedId(a.id);
            setNotice(`Booked ${a.patient_name} with ${booking.column.doctorName} at ${formatClock(a.starts_at, timeZone)}${a.is_overbooked ? " (overbooked)" : ""}.`);
            invalidate();
          }}
        />
      )}
    </>
  );
}

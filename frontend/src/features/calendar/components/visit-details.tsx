import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { AppointmentAction } from "@/features/appointments/api/appointments";
import { AppointmentActions } from "@/features/appointments/components/appointment-actions";
import { AppointmentStatusBadge } from "@/features/appointments/components/status-badge";
import type { CalendarAppointment } from "../types";
import { wallClock } from "../zone";
import { formatClock, formatDay, zoneLabel } from "@/lib/format";

/** The visit chosen on the grid: who, when (office time), why, and what may be done with it. */
export function VisitDetails({
  appointment,
  timeZone,
  actions,
  canMove,
  onMove,
  onClose,
  extra,
}: {
  appointment: CalendarAppointment;
  timeZone: string;
  actions: AppointmentAction[];
  canMove: boolean;
  onMove: () => void;
  onClose: () => void;
  extra?: ReactNode;
}) {
  const a = appointment;
  const day = wallClock(a.starts_at, timeZone).date;
  return (
    <section aria-label="Selected visit" className="mt-4 rounded-lg border border-brand-600 bg-white p-4 shadow-sm print:hidden">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-lg font-semibold text-slate-900">{a.patient_name}</h2>
          <p className="text-sm text-slate-700">
            <time dateTime={a.starts_at}>
              {formatDay(day)}, {formatClock(a.starts_at, timeZone)}–{formatClock(a.ends_at, timeZone)}
            </time>{" "}
            <span className="text-slate-500">({zoneLabel(timeZone, day)})</span>
          </p>
          <p className="text-sm text-slate-700">
            {a.doctor_name} · {a.office_name} · {a.duration_minutes} minutes
          </p>
          {a.reason && <p className="mt-1 text-sm text-slate-600">Reason: {a.reason}</p>}
          {a.is_overbooked && <p className="mt-1 text-sm text-red-800">Overbooked{a.overbook_reason ? `: ${a.overbook_reason}` : ""}</p>}
          {a.cancellation_reason && <p className="mt-1 text-sm text-slate-600">Cancelled: {a.cancellation_reason}</p>}
        </div>
        <div className="flex items-center gap-2">
          {a.is_overbooked && <Badge tone="red">Overbooked</Badge>}
          <AppointmentStatusBadge status={a.status} />
          <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close the visit's details">
            Close
          </Button>
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <AppointmentActions appointment={a} allowed={actions} />
        {canMove && (
          <Button size="sm" variant="secondary" onClick={onMove}>
            Move…
          </Button>
        )}
        {extra}
      </div>
    </section>
  );
}

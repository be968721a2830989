import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatDateTimeRange } from "@/lib/format";
import { isActive, type Appointment, type AppointmentAction } from "../api/appointments";
import { AppointmentActions } from "./appointment-actions";
import { ReschedulePanel } from "./reschedule-panel";
import { AppointmentStatusBadge } from "./status-badge";

/** One appointment with the actions the viewer may take. */
export function AppointmentCard({
  appointment,
  actions = [],
  canReschedule = false,
  show = "doctor",
  extra,
}: {
  appointment: Appointment;
  actions?: AppointmentAction[];
  canReschedule?: boolean;
  show?: "doctor" | "patient" | "both";
  extra?: ReactNode;
}) {
  const [moving, setMoving] = useState(false);
  const a = appointment;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Appointment ${formatDateTime(a.starts_at, a.office_time_zone)}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-semibold text-slate-900">
            <time dateTime={a.starts_at}>{formatDateTimeRange(a.starts_at, a.ends_at, a.office_time_zone)}</time>
          </p>
          <p className="text-sm text-slate-700">
            {show !== "patient" && <span>{a.doctor_name}</span>}
            {show === "both" && " · "}
            {show !== "doctor" && <span>{a.patient_name}</span>} · {a.office_name}
          </p>
          {a.reason && <p className="mt-1 text-sm text-slate-600">Reason: {a.reason}</p>}
        </div>
        <div className="flex items-center gap-2">
          {a.is_overbooked && <Badge tone="amber">Overbooked</Badge>}
          <AppointmentStatusBadge status={a.status} />
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <AppointmentActions appointment={a} allowed={actions} />
        {canReschedule && isActive(a.status) && a.status !== "checked_in" && !moving && (
          <Button size="sm" variant="secondary" onClick={() => setMoving(true)}>
            Reschedule
          </Button>
        )}
        {extra}
      </div>
      {moving && <ReschedulePanel appointment={a} onDone={() => setMoving(false)} />}
    </li>
  );
}

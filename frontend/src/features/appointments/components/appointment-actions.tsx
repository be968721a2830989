import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { formatDateTimeRange } from "@/lib/format";
import { problemMessage } from "@/utils/problem";
import { actionsFor, notYet, useAppointmentAction, type Appointment, type AppointmentAction } from "../api/appointments";

const LABELS: Record<AppointmentAction, string> = {
  confirm: "Confirm",
  "check-in": "Check in",
  complete: "Complete",
  "no-show": "No-show",
  cancel: "Cancel",
};

function ActionButton({ appointment, action }: { appointment: Appointment; action: AppointmentAction }) {
  const mutation = useAppointmentAction(action);
  const blocked = notYet(appointment, action);
  const hintId = `hint-${action}-${appointment.id}`;
  const [confirming, setConfirming] = useState(false);
  const path = { params: { path: { id: appointment.id } } };
  function run() {
    if (action === "cancel" || action === "no-show") {
      mutation.reset();
      setConfirming(true);
      return;
    }
    mutation.mutate(path);
  }
  const when = formatDateTimeRange(appointment.starts_at, appointment.ends_at, appointment.office_time_zone);
  const visit = `${appointment.patient_name} with ${appointment.doctor_name}, ${when}, at ${appointment.office_name}.`;
  return (
    <>
      <Button
        size="sm"
        variant={action === "cancel" || action === "no-show" ? "secondary" : "primary"}
        busy={mutation.isPending}
        disabled={blocked !== null}
        title={blocked ?? undefined}
        aria-describedby={blocked !== null ? hintId : undefined}
        onClick={run}
        aria-label={`${LABELS[action]}: ${appointment.patient_name}, ${appointment.doctor_name}`}
      >
        {LABELS[action]}
      </Button>
      {blocked !== null && (
        <span id={hintId} className="text-xs text-slate-600">
          {blocked}
        </span>
      )}
      {confirming && action === "cancel" && (
        <ConfirmDialog
          title={`Cancel ${appointment.patient_name}'s visit?`}
          message={visit}
          confirmLabel="Cancel visit"
          cancelLabel="Keep visit"
          tone="danger"
          // The server knows the late-cancellation window: a reason is required inside it.
          reason={{ label: "Reason for cancelling", maxLength: 1000, hint: "Required close to the start of the visit (the front desk can tell you the window)." }}
          busy={mutation.isPending}
          error={mutation.error != null ? problemMessage(mutation.error) : undefined}
          onConfirm={(reason) => mutation.mutate({ ...path, body: reason ? { reason } : {} }, { onSuccess: () => setConfirming(false) })}
          onClose={() => setConfirming(false)}
        />
      )}
      {confirming && action === "no-show" && (
        <ConfirmDialog
          title={`Mark ${appointment.patient_name} as a no-show?`}
          message={visit}
          confirmLabel="Mark as no-show"
          tone="danger"
          busy={mutation.isPending}
          error={mutation.error != null ? problemMessage(mutation.error) : undefined}
          onConfirm={() => mutation.mutate(path, { onSuccess: () => setConfirming(false) })}
          onClose={() => setConfirming(false)}
        />
      )}
      {mutation.error != null && !confirming && (
        <span role="alert" className="basis-full text-sm text-red-700">
          {problemMessage(mutation.error)}
        </span>
      )}
    </>
  );
}

/** The buttons for the given actions that the appointment's status allows. */
export function AppointmentActions({ appointment, allowed }: { appointment: Appointment; allowed: AppointmentAction[] }) {
  const actions = actionsFor(appointment.status).filter((a) => allowed.includes(a));
  if (actions.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {actions.map((action) => (
        <ActionButton key={action} appointment={appointment} action={action} />
      ))}
    </div>
  );
}

import { Button } from "@/components/ui/button";
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
  function run() {
    if (action === "cancel") {
      // A late cancellation by the front desk or the doctor needs a reason; a patient may give one.
      const reason = window.prompt(
        `Cancel the appointment with ${appointment.doctor_name}? Reason (required within the late-cancellation window):`,
        "",
      );
      if (reason === null) return;
      const body = reason.trim() === "" ? {} : { reason: reason.trim() };
      mutation.mutate({ params: { path: { id: appointment.id } }, body });
      return;
    }
    if (action === "no-show" && !window.confirm(`Mark ${appointment.patient_name} as a no-show?`)) return;
    mutation.mutate({ params: { path: { id: appointment.id } } });
  }
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
      {mutation.error != null && (
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

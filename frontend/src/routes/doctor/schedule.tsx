import { Link } from "react-router";
import { useCurrentUser } from "@/features/auth/current-user";
import { ScheduleView } from "@/features/calendar/components/schedule-view";

/** The doctor's own day (or week) on the same time grid as the front desk's. */
export function DoctorSchedulePage() {
  const user = useCurrentUser();
  return (
    <ScheduleView
      mode="doctor"
      title="Your schedule"
      doctorId={user.doctor_id ?? null}
      actions={["confirm", "check-in", "complete", "no-show"]}
      visitExtra={(a) => (
        <>
          <Link to={`/doctor/patients/${a.patient_id}`} className="text-sm font-medium text-brand-700 underline">
            Chart
          </Link>
          {(a.status === "checked_in" || a.status === "completed") && (
            <Link to={`/doctor/appointments/${a.id}/record`} className="text-sm font-medium text-brand-700 underline">
              Write record
            </Link>
          )}
        </>
      )}
    />
  );
}

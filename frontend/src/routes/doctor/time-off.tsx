import { Card, PageHeader } from "@/components/ui/card";
import { useCurrentUser } from "@/features/auth/current-user";
import { useDocumentTitle } from "@/lib/document-title";
import { ExceptionsManager } from "@/features/availability/components/exceptions-manager";
import { TimeOffManager } from "@/features/availability/components/time-off-manager";

/** A doctor's time off and dated changes to their hours; patients cannot book them then. */
export function DoctorTimeOffPage() {
  const user = useCurrentUser();
  useDocumentTitle("Time off");
  if (user.doctor_id == null) return <p role="alert">This account has no doctor profile.</p>;
  return (
    <>
      <PageHeader title="Time off" description="When you are away, nobody can book you online. The front desk sees your reason; patients never do." />
      <div className="space-y-6">
        <Card>
          <TimeOffManager doctorId={user.doctor_id} />
        </Card>
        <Card>
          <ExceptionsManager doctorId={user.doctor_id} />
        </Card>
      </div>
    </>
  );
}

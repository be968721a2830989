import { Card, PageHeader } from "@/components/ui/card";
import { useCurrentUser } from "@/features/auth/current-user";
import { WorkingHoursEditor } from "@/features/directory/components/working-hours-editor";

/** A doctor keeps their own weekly hours; patients book only inside them. */
export function DoctorHoursPage() {
  const user = useCurrentUser();
  if (user.doctor_id == null) return <p role="alert">This account has no doctor profile.</p>;
  return (
    <>
      <PageHeader title="Your working hours" description="Patients and the front desk can book you only inside these hours." />
      <Card>
        <WorkingHoursEditor doctorId={user.doctor_id} />
      </Card>
    </>
  );
}

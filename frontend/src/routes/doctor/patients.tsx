import { useNavigate } from "react-router";
import { Card, PageHeader } from "@/components/ui/card";
import { PatientSearch } from "@/features/patients/components/patient-search";

export function DoctorPatientsPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="Your patients" description="Patients in your care team or with an appointment with you." />
      <Card>
        <PatientSearch actionLabel="Open chart" onSelect={(p) => navigate(`/doctor/patients/${p.id}`)} />
      </Card>
    </>
  );
}

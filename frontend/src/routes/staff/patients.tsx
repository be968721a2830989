import { useState } from "react";
import { useNavigate } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { PatientForm } from "@/features/patients/components/patient-form";
import { PatientSearch } from "@/features/patients/components/patient-search";

export function StaffPatientsPage() {
  const navigate = useNavigate();
  const [registering, setRegistering] = useState(false);
  return (
    <>
      <PageHeader
        title="Patients"
        actions={
          <Button variant={registering ? "secondary" : "primary"} onClick={() => setRegistering((r) => !r)} aria-expanded={registering}>
            {registering ? "Close registration" : "Register a patient"}
          </Button>
        }
      />
      {registering && (
        <Card className="mb-6" aria-labelledby="register-title">
          <SectionTitle id="register-title">Register a patient</SectionTitle>
          <PatientForm onSaved={(p) => navigate(`/staff/patients/${p.id}`)} />
        </Card>
      )}
      <Card>
        <PatientSearch actionLabel="Open" onSelect={(p) => navigate(`/staff/patients/${p.id}`)} />
      </Card>
    </>
  );
}

import { useSearchParams } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { Loading } from "@/components/ui/states";
import { BookingForm } from "@/features/appointments/components/booking-form";
import { patientName, usePatient } from "@/features/patients/api/patients";
import { PatientSearch } from "@/features/patients/components/patient-search";

export function StaffBookPage() {
  const [params, setParams] = useSearchParams();
  const patientId = params.get("patient") ? Number(params.get("patient")) : null;
  const patient = usePatient(patientId);
  return (
    <>
      <PageHeader title="Book for a patient" />
      <Card className="mb-6" aria-labelledby="who-title">
        <SectionTitle id="who-title">Patient</SectionTitle>
        {patientId === null ? (
          <PatientSearch onSelect={(p) => setParams({ patient: String(p.id) })} />
        ) : patient.isPending ? (
          <Loading />
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <p className="font-medium">{patient.data ? patientName(patient.data) : `Patient ${patientId}`}</p>
            <Button variant="secondary" size="sm" onClick={() => setParams({})}>
              Choose another patient
            </Button>
          </div>
        )}
      </Card>
      {patientId !== null && (
        <Card aria-labelledby="when-title">
          <SectionTitle id="when-title">Doctor, office and time</SectionTitle>
          <BookingForm key={patientId} patientId={patientId} />
        </Card>
      )}
    </>
  );
}

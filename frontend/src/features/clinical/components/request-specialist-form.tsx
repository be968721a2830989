import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { doctorName, useDoctors } from "@/features/directory/api/directory";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useRequestSpecialist } from "../api/clinical";

export function RequestSpecialistForm({ patientId, selfDoctorId }: { patientId: number; selfDoctorId?: number | null }) {
  const doctors = useDoctors();
  const request = useRequestSpecialist();
  const [specialistId, setSpecialistId] = useState("");
  const [reason, setReason] = useState("");
  const errors = fieldErrors(request.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate(
      { body: { patient_id: patientId, specialist_id: Number(specialistId), reason: reason.trim() } },
      {
        onSuccess: () => {
          setSpecialistId("");
          setReason("");
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Request a specialist">
      {request.isSuccess && <Alert tone="success">The request has been sent to the specialist.</Alert>}
      {request.error != null && <Alert tone="error">{problemMessage(request.error, ["specialist_id", "reason"])}</Alert>}
      <SelectField label="Specialist" required value={specialistId} error={errors.specialist_id} onChange={(e) => setSpecialistId(e.target.value)}>
        <option value="">Choose a specialist</option>
        {(doctors.data?.items ?? [])
          .filter((d) => d.id !== selfDoctorId)
          .map((d) => (
            <option key={d.id} value={d.id}>
              {doctorName(d)} — {d.specialty_name}
            </option>
          ))}
      </SelectField>
      <TextAreaField label="Reason" required value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
      <Button type="submit" busy={request.isPending} disabled={!specialistId}>
        Request specialist
      </Button>
    </form>
  );
}

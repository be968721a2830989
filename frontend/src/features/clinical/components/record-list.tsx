import { EmptyState, QueryState } from "@/components/ui/states";
import { usePrescriptions, useRecords } from "../api/clinical";
import { RecordCard } from "./record-card";

/** A patient's records (newest first as the API orders them), or those of one visit, with their
 * prescriptions. */
export function RecordList({ patientId, appointmentId, emptyTitle = "No medical records yet.", doctorId }: { patientId?: number; appointmentId?: number; emptyTitle?: string; doctorId?: number | null }) {
  const records = useRecords({ ...(patientId !== undefined && { patient_id: patientId }), ...(appointmentId !== undefined && { appointment_id: appointmentId }) });
  const prescriptions = usePrescriptions(patientId === undefined ? {} : { patient_id: patientId });
  return (
    <QueryState query={records} empty={<EmptyState title={emptyTitle} />}>
      {(data) => (
        <ul className="space-y-3">
          {data.items.map((r) => (
            <RecordCard key={r.id} record={r} prescriptions={(prescriptions.data?.items ?? []).filter((p) => p.record_id === r.id)} canAmend={doctorId != null && doctorId === r.doctor_id} />
          ))}
        </ul>
      )}
    </QueryState>
  );
}

import { Badge } from "@/components/ui/badge";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime } from "@/lib/format";
import { isFlagged, type MedicalRecord, type Prescription } from "../api/clinical";
import { PrescriptionList } from "./prescription-list";
import { TestResultsTable } from "./test-results-table";

/** A visit's record: diagnosis, notes, test results and the prescriptions written with it. */
export function RecordCard({ record, prescriptions = [] }: { record: MedicalRecord; prescriptions?: Prescription[] }) {
  const zone = useClinicTimeZone();
  const flagged = record.test_results.filter((r) => isFlagged(r.flag)).length;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Record of ${formatDateTime(record.created_at, zone)}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-semibold">{record.diagnosis || "Visit record"}</p>
          <p className="text-sm text-slate-600">
            {formatDateTime(record.created_at, zone)} · {record.doctor_name}
          </p>
        </div>
        {flagged > 0 && <Badge tone="red">{flagged} flagged result{flagged === 1 ? "" : "s"}</Badge>}
      </div>
      {record.notes && <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{record.notes}</p>}
      {record.test_results.length > 0 && (
        <div className="mt-3">
          <h3 className="mb-1 text-sm font-semibold">Test results</h3>
          <TestResultsTable results={record.test_results} />
        </div>
      )}
      {prescriptions.length > 0 && (
        <div className="mt-3">
          <h3 className="mb-1 text-sm font-semibold">Prescriptions</h3>
          <PrescriptionList items={prescriptions} />
        </div>
      )}
    </li>
  );
}

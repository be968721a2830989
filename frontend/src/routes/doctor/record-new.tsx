import { Link, useParams } from "react-router";
import { Card, PageHeader } from "@/components/ui/card";
import { QueryState } from "@/components/ui/states";
import { RecordForm } from "@/features/clinical/components/record-form";
import { $api } from "@/lib/api-client";
import { formatDateTime } from "@/utils/dates";

export function NewRecordPage() {
  const id = Number(useParams().id);
  const appointment = $api.useQuery("get", "/api/v1/appointments/{id}", { params: { path: { id } } });
  return (
    <QueryState query={appointment}>
      {(a) => (
        <>
          <PageHeader title={`Record for ${a.patient_name}`} description={`Visit of ${formatDateTime(a.starts_at)} at ${a.office_name}`} />
          <Card>
            <RecordForm appointmentId={a.id} />
          </Card>
          <p className="mt-4 flex gap-4 text-sm">
            <Link to={`/doctor/patients/${a.patient_id}`} className="text-brand-700 underline">
              Open the chart
            </Link>
            <Link to="/doctor/schedule" className="text-brand-700 underline">
              Back to the schedule
            </Link>
          </p>
        </>
      )}
    </QueryState>
  );
}

import { Link, useParams } from "react-router";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { QueryState } from "@/components/ui/states";
import { RecordForm } from "@/features/clinical/components/record-form";
import { RecordList } from "@/features/clinical/components/record-list";
import { $api } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";

export function NewRecordPage() {
  const id = Number(useParams().id);
  const appointment = $api.useQuery("get", "/api/v1/appointments/{id}", { params: { path: { id } } });
  return (
    <QueryState query={appointment}>
      {(a) => (
        <>
          <PageHeader title={`Record for ${a.patient_name}`} description={`Visit of ${formatDateTime(a.starts_at, a.office_time_zone)} at ${a.office_name}`} />
          {/* What is already written for this visit comes first, so nobody writes it twice. */}
          <section aria-labelledby="visit-records" className="mb-6">
            <SectionTitle id="visit-records">Records of this visit</SectionTitle>
            <RecordList patientId={a.patient_id} appointmentId={a.id} emptyTitle="Nothing written for this visit yet." />
          </section>
          <Card aria-labelledby="new-record">
            <SectionTitle id="new-record">New record</SectionTitle>
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

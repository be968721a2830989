import { useParams } from "react-router";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useAppointments } from "@/features/appointments/api/appointments";
import { AppointmentCard } from "@/features/appointments/components/appointment-card";
import { formatPhone, patientName, usePatient } from "@/features/patients/api/patients";
import { CareTeamPanel } from "@/features/patients/components/care-team-panel";
import { InsurancesPanel } from "@/features/patients/components/insurances-panel";
import { formatCalendarDate } from "@/lib/format";
import { useCurrentUser } from "@/features/auth/current-user";
import { useApprovals } from "@/features/clinical/api/clinical";
import { ApprovalCard } from "@/features/clinical/components/approval-card";
import { RecordList } from "@/features/clinical/components/record-list";
import { RequestSpecialistForm } from "@/features/clinical/components/request-specialist-form";

/** What a treating doctor sees of a patient. */
export function PatientChartPage() {
  const id = Number(useParams().id);
  const patient = usePatient(id);
  const visits = useAppointments({ patient_id: id, per_page: 50 });
  const user = useCurrentUser();
  const approvals = useApprovals({ patient_id: id });
  return (
    <QueryState query={patient}>
      {(p) => (
        <>
          <PageHeader title={patientName(p)} description={[p.dob && `Born ${formatCalendarDate(p.dob)}`, p.phone && formatPhone(p.phone), p.email].filter(Boolean).join(" · ")} />
          <div className="grid gap-6 lg:grid-cols-2">
            <Card aria-labelledby="records-title" className="lg:col-span-2">
              <SectionTitle id="records-title">Records and prescriptions</SectionTitle>
              <RecordList patientId={p.id} />
            </Card>
            <Card aria-labelledby="approvals-title">
              <SectionTitle id="approvals-title">Specialist approvals</SectionTitle>
              <QueryState query={approvals} empty={<EmptyState title="No approvals." />}>
                {(data) => (
                  <ul className="space-y-3">
                    {data.items.map((a) => (
                      <ApprovalCard key={a.id} approval={a} decide={a.specialist_id === user.doctor_id} cancel={a.requesting_doctor_id === user.doctor_id} />
                    ))}
                  </ul>
                )}
              </QueryState>
            </Card>
            <Card aria-labelledby="request-title">
              <SectionTitle id="request-title">Request a specialist</SectionTitle>
              <RequestSpecialistForm patientId={p.id} selfDoctorId={user.doctor_id} />
            </Card>
            <Card aria-labelledby="visits-title" className="lg:col-span-2">
              <SectionTitle id="visits-title">Visits</SectionTitle>
              <QueryState query={visits} empty={<EmptyState title="No visits." />}>
                {(data) => (
                  <ul className="space-y-3">
                    {[...data.items].reverse().map((a) => (
                      <AppointmentCard key={a.id} appointment={a} />
                    ))}
                  </ul>
                )}
              </QueryState>
            </Card>
            <Card aria-labelledby="team-title">
              <SectionTitle id="team-title">Care team</SectionTitle>
              <CareTeamPanel patientId={p.id} />
            </Card>
            <Card aria-labelledby="ins-title">
              <SectionTitle id="ins-title">Insurances</SectionTitle>
              <InsurancesPanel patientId={p.id} />
            </Card>
          </div>
        </>
      )}
    </QueryState>
  );
}

import { Link, useParams } from "react-router";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { QueryState } from "@/components/ui/states";
import { CareTeamPanel } from "@/features/patients/components/care-team-panel";
import { EmergencyContactsPanel } from "@/features/patients/components/emergency-contacts-panel";
import { InsurancesPanel } from "@/features/patients/components/insurances-panel";
import { PatientForm } from "@/features/patients/components/patient-form";
import { patientName, usePatient } from "@/features/patients/api/patients";
import { DemographicsForm } from "@/features/profile/components/demographics-form";
import { formatCalendarDate } from "@/lib/format";

const linkButton = "inline-flex min-h-11 items-center rounded-md px-4 py-2 font-medium";

export function StaffPatientDetailPage() {
  const id = Number(useParams().id);
  const patient = usePatient(id);
  return (
    <QueryState query={patient}>
      {(p) => (
        <>
          <PageHeader
            title={patientName(p)}
            description={p.dob ? `Born ${formatCalendarDate(p.dob)}` : undefined}
            actions={
              <>
                <Link to={`/staff/book?patient=${p.id}`} className={`${linkButton} bg-brand-600 text-white hover:bg-brand-700`}>
                  Book for this patient
                </Link>
                <Link to={`/staff/billing?patient=${p.id}`} className={`${linkButton} border border-slate-300 bg-white hover:bg-slate-100`}>
                  Bills
                </Link>
              </>
            }
          />
          <div className="grid gap-6 lg:grid-cols-2">
            <Card aria-labelledby="contact-title" className="lg:col-span-2">
              <SectionTitle id="contact-title">Contact data</SectionTitle>
              <PatientForm key={p.updated_at} patient={p} />
            </Card>
            <Card aria-labelledby="team-title">
              <SectionTitle id="team-title">Care team</SectionTitle>
              <CareTeamPanel patientId={p.id} patientName={`${p.first_name} ${p.last_name}`} manage />
            </Card>
            <Card aria-labelledby="ins-title">
              <SectionTitle id="ins-title">Insurances</SectionTitle>
              <InsurancesPanel patientId={p.id} manage />
            </Card>
            <Card aria-labelledby="ec-title">
              <SectionTitle id="ec-title">Emergency contacts</SectionTitle>
              <EmergencyContactsPanel patientId={p.id} manage />
            </Card>
            <Card aria-labelledby="demo-title">
              <SectionTitle id="demo-title">Demographics</SectionTitle>
              <DemographicsForm userId={p.user_id} />
            </Card>
          </div>
        </>
      )}
    </QueryState>
  );
}

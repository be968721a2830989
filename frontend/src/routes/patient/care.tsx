import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { useCurrentUser } from "@/features/auth/current-user";
import { CareTeamPanel } from "@/features/patients/components/care-team-panel";
import { EmergencyContactsPanel } from "@/features/patients/components/emergency-contacts-panel";
import { InsurancesPanel } from "@/features/patients/components/insurances-panel";

/** The patient's own care team, insurances, emergency contacts and contact data. */
export function PatientCarePage() {
  const user = useCurrentUser();
  const patientId = user.patient_id ?? null;
  if (patientId === null) return <p role="alert">This account has no patient profile.</p>;
  return (
    <>
      <PageHeader title="Care & insurance" description="Your doctors, insurance and emergency contacts. Contact data is on your profile." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="team-title">
          <SectionTitle id="team-title">Your care team</SectionTitle>
          <CareTeamPanel patientId={patientId} />
        </Card>
        <Card aria-labelledby="ins-title">
          <SectionTitle id="ins-title">Insurances</SectionTitle>
          <InsurancesPanel patientId={patientId} manage />
        </Card>
        <Card aria-labelledby="ec-title">
          <SectionTitle id="ec-title">Emergency contacts</SectionTitle>
          <EmergencyContactsPanel patientId={patientId} manage />
        </Card>
      </div>
    </>
  );
}

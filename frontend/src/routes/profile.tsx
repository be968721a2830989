import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { useCurrentUser } from "@/features/auth/current-user";
import { DemographicsForm } from "@/features/profile/components/demographics-form";
import { PasswordForm } from "@/features/profile/components/password-form";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime } from "@/lib/format";
import { QueryState } from "@/components/ui/states";
import { usePatient } from "@/features/patients/api/patients";
import { PatientForm } from "@/features/patients/components/patient-form";

export function ProfilePage() {
  const user = useCurrentUser();
  const zone = useClinicTimeZone();
  const phone = user.phone ? [user.phone.country_code, user.phone.number, user.phone.extension && `ext. ${user.phone.extension}`].filter(Boolean).join(" ") : "—";
  return (
    <>
      <PageHeader title="Your profile" description="Your account, contact data and password." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="account-title">
          <SectionTitle id="account-title">Account</SectionTitle>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="font-medium text-slate-600">Username</dt>
            <dd>{user.username}</dd>
            <dt className="font-medium text-slate-600">Email</dt>
            <dd className="break-all">{user.email}</dd>
            <dt className="font-medium text-slate-600">Phone</dt>
            <dd>{phone}</dd>
            <dt className="font-medium text-slate-600">Role</dt>
            <dd className="capitalize">{user.role}</dd>
            {user.last_login && (
              <>
                <dt className="font-medium text-slate-600">Last sign-in</dt>
                <dd>{formatDateTime(user.last_login, zone)}</dd>
              </>
            )}
          </dl>
          {user.patient_id == null && <p className="mt-4 text-sm text-slate-600">To change your username or email, ask an administrator.</p>}
        </Card>
        {user.patient_id != null && (
          <Card aria-labelledby="contact-title">
            <SectionTitle id="contact-title">Contact data</SectionTitle>
            <PatientContact patientId={user.patient_id} />
          </Card>
        )}
        <Card aria-labelledby="password-title">
          <SectionTitle id="password-title">Password</SectionTitle>
          <PasswordForm />
        </Card>
        <Card aria-labelledby="demographics-title" className="lg:col-span-2">
          <SectionTitle id="demographics-title">Demographics</SectionTitle>
          <DemographicsForm userId={user.id} />
        </Card>
      </div>
    </>
  );
}

function PatientContact({ patientId }: { patientId: number }) {
  const patient = usePatient(patientId);
  return <QueryState query={patient}>{(p) => <PatientForm key={p.updated_at} patient={p} />}</QueryState>;
}

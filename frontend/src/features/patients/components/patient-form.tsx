import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
import { todayIn } from "@/features/calendar/zone";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { date, email, maxLength, minLength, notInFuture, pattern, phone, required, requiredWhen, username, type Schema } from "@/lib/forms";
import { useForm } from "@/lib/use-form";
import { useRegisterPatient, useUpdatePatient, type Address, type Patient } from "../api/patients";

type Form = {
  first_name: string;
  middle_name: string;
  last_name: string;
  email: string;
  phone: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  username: string;
  password: string;
  dob: string;
};

function initial(p?: Patient): Form {
  return {
    first_name: p?.first_name ?? "",
    middle_name: p?.middle_name ?? "",
    last_name: p?.last_name ?? "",
    email: p?.email ?? "",
    phone: p?.phone?.number ?? "",
    line1: p?.address?.line1 ?? "",
    line2: p?.address?.line2 ?? "",
    city: p?.address?.city ?? "",
    state: p?.address?.state ?? "",
    postal_code: p?.address?.postal_code ?? "",
    country: p?.address?.country ?? "",
    username: "",
    password: "",
    dob: p?.dob ?? "",
  };
}

const ADDRESS_PARTS = ["line1", "line2", "city", "state", "postal_code", "country"] as const;

/** The address is optional, but once any part of it is typed, street, city and country are needed. */
const addressGiven = (v: Record<string, unknown>) => ADDRESS_PARTS.some((k) => String(v[k] ?? "").trim() !== "");

function address(f: Form): Address | null {
  if (!addressGiven(f)) return null;
  return {
    line1: f.line1.trim(),
    line2: f.line2.trim() || null,
    city: f.city.trim(),
    state: f.state.trim() || null,
    postal_code: f.postal_code.trim() || null,
    country: f.country.trim().toUpperCase(),
  };
}

/** The API's limits (`CreatePatientRequest`, `UpdatePatientRequest`, `AddressBody`). */
export function patientSchema(today: string, registering: boolean): Schema<keyof Form> {
  const contact: Schema<keyof Form> = {
    first_name: { label: "First name", rules: [required(), maxLength(100)] },
    middle_name: { label: "Middle name", rules: [maxLength(100)] },
    last_name: { label: "Last name", rules: [required(), maxLength(100)] },
    email: { label: "Email", rules: [required(), email()] },
    phone: { label: "Phone", rules: [phone()] },
    line1: { label: "Street", rules: [requiredWhen(addressGiven, "Enter the street, or leave the whole address empty."), maxLength(200)] },
    line2: { label: "Apartment, suite", rules: [maxLength(200)] },
    city: { label: "City", rules: [requiredWhen(addressGiven, "Enter the city, or leave the whole address empty."), maxLength(100)] },
    state: { label: "State", rules: [maxLength(100)] },
    postal_code: { label: "Postal code", rules: [maxLength(20), pattern(/^[A-Za-z0-9 -]+$/, "Use only letters, digits, spaces and dashes.")] },
    country: {
      label: "Country",
      rules: [requiredWhen(addressGiven, "Enter the country, or leave the whole address empty."), pattern(/^[A-Za-z]{2}$/, "Enter the two-letter country code, such as US.")],
    },
  };
  if (!registering) return contact;
  return {
    ...contact,
    dob: { label: "Date of birth", rules: [required(), date(), notInFuture(today, "A date of birth cannot be in the future.")] },
    username: { label: "Username", rules: [required(), minLength(3), maxLength(50), username()] },
    password: { label: "Initial password", rules: [minLength(12), maxLength(128)] },
  };
}

/**
 * A patient's name and contact data. Without `patient` it registers a new patient (front desk),
 * with one it edits the profile. The API's rules are checked before sending, every field at
 * once; the server's answer lands on the same fields (`address.city` on City, `phone.number`
 * on Phone).
 */
export function PatientForm({ patient, onSaved }: { patient?: Patient; onSaved?: (p: Patient) => void }) {
  const create = useRegisterPatient();
  const update = useUpdatePatient();
  const today = todayIn(useClinicTimeZone());
  const form = useForm({
    initial: initial(patient),
    schema: patientSchema(today, !patient),
    aliases: { address: "line1", ...Object.fromEntries(ADDRESS_PARTS.map((k) => [`address.${k}`, k])) },
    submit: (f) => {
      const common = {
        first_name: f.first_name.trim(),
        middle_name: f.middle_name.trim() || null,
        last_name: f.last_name.trim(),
        email: f.email.trim(),
        phone: f.phone.trim() ? { number: f.phone.trim() } : null,
        address: address(f),
      };
      return patient
        ? update.mutateAsync({ params: { path: { id: patient.id } }, body: common })
        : create.mutateAsync({ body: { ...common, username: f.username.trim(), password: f.password || null, dob: f.dob } });
    },
    onSuccess: (p) => {
      if (!patient) form.reset(initial());
      onSaved?.(p);
    },
  });
  const saved = (patient ? update : create).isSuccess;

  return (
    <form {...form.formProps} className="space-y-4" aria-label={patient ? "Contact data" : "Register a patient"}>
      {saved && <Alert tone="success">{patient ? "Saved." : "The patient is registered."}</Alert>}
      <FormErrors form={form} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField {...form.field("first_name")} required />
        <TextField {...form.field("middle_name")} />
        <TextField {...form.field("last_name")} required />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...form.field("email")} type="email" required />
        <TextField {...form.field("phone")} type="tel" />
      </div>
      {!patient && (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField {...form.field("dob")} type="date" required />
          <TextField {...form.field("username")} required hint="3 to 50 letters, digits, dots, dashes or underscores." />
          <TextField {...form.field("password")} type="password" autoComplete="new-password" hint="Optional; without one the patient cannot sign in yet." />
        </div>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Address (optional)</legend>
        <TextField {...form.field("line1")} />
        <TextField {...form.field("line2")} />
        <TextField {...form.field("city")} />
        <TextField {...form.field("state")} />
        <TextField {...form.field("postal_code")} />
        <TextField {...form.field("country")} hint="Two letters, such as US." />
      </fieldset>
      <Button type="submit" busy={form.submitting}>
        {patient ? "Save contact data" : "Register patient"}
      </Button>
    </form>
  );
}

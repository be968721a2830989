import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors, problemMessage } from "@/utils/problem";
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

function address(f: Form): Address | null {
  if (!f.line1.trim() && !f.city.trim() && !f.country.trim()) return null;
  return {
    line1: f.line1.trim(),
    line2: f.line2.trim() || null,
    city: f.city.trim(),
    state: f.state.trim() || null,
    postal_code: f.postal_code.trim() || null,
    country: f.country.trim(),
  };
}

/**
 * A patient's name and contact data. Without `patient` it registers a new patient (front desk),
 * with one it edits the profile.
 */
export function PatientForm({ patient, onSaved }: { patient?: Patient; onSaved?: (p: Patient) => void }) {
  const create = useRegisterPatient();
  const update = useUpdatePatient();
  const mutation = patient ? update : create;
  const [form, setForm] = useState(() => initial(patient));
  const errors = fieldErrors(mutation.error);
  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const phone = form.phone.trim() ? { number: form.phone.trim() } : null;
  const err = (k: string) => errors[k] ?? errors[`address.${k}`];

  function submit(event: FormEvent) {
    event.preventDefault();
    const common = {
      first_name: form.first_name.trim(),
      middle_name: form.middle_name.trim() || null,
      last_name: form.last_name.trim(),
      email: form.email.trim(),
      phone,
      address: address(form),
    };
    if (patient) {
      update.mutate({ params: { path: { id: patient.id } }, body: common }, { onSuccess: (p) => onSaved?.(p) });
    } else {
      create.mutate(
        { body: { ...common, username: form.username.trim(), password: form.password || null, dob: form.dob } },
        {
          onSuccess: (p) => {
            setForm(initial());
            onSaved?.(p);
          },
        },
      );
    }
  }

  const shown = [...Object.keys(form), "phone.number", ...["line1", "line2", "city", "state", "postal_code", "country"].map((k) => `address.${k}`), "address"];
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={patient ? "Contact data" : "Register a patient"}>
      {mutation.isSuccess && <Alert tone="success">{patient ? "Saved." : "The patient is registered."}</Alert>}
      {mutation.error != null && <Alert tone="error">{problemMessage(mutation.error, shown)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="First name" required value={form.first_name} error={errors.first_name} onChange={set("first_name")} />
        <TextField label="Middle name" value={form.middle_name} error={errors.middle_name} onChange={set("middle_name")} />
        <TextField label="Last name" required value={form.last_name} error={errors.last_name} onChange={set("last_name")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Email" type="email" required value={form.email} error={errors.email} onChange={set("email")} />
        <TextField label="Phone" type="tel" value={form.phone} error={errors.phone ?? errors["phone.number"]} onChange={set("phone")} />
      </div>
      {!patient && (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Date of birth" type="date" required value={form.dob} error={errors.dob} onChange={set("dob")} />
          <TextField label="Username" required value={form.username} error={errors.username} onChange={set("username")} />
          <TextField label="Initial password" type="password" autoComplete="new-password" hint="Optional; without one the patient cannot sign in yet." value={form.password} error={errors.password} onChange={set("password")} />
        </div>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Address (optional)</legend>
        <TextField label="Street" value={form.line1} error={err("line1") ?? errors.address} onChange={set("line1")} />
        <TextField label="Apartment, suite" value={form.line2} error={err("line2")} onChange={set("line2")} />
        <TextField label="City" value={form.city} error={err("city")} onChange={set("city")} />
        <TextField label="State" value={form.state} error={err("state")} onChange={set("state")} />
        <TextField label="Postal code" value={form.postal_code} error={err("postal_code")} onChange={set("postal_code")} />
        <TextField label="Country" value={form.country} error={err("country")} onChange={set("country")} />
      </fieldset>
      <Button type="submit" busy={mutation.isPending}>
        {patient ? "Save contact data" : "Register patient"}
      </Button>
    </form>
  );
}

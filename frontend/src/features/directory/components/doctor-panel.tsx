/**
 * The admin's doctor panel: profile, offices and working hours in ONE form with ONE save.
 * The API keeps them as three resources (`PATCH /doctors/{id}`, `PUT /doctors/{id}/offices`,
 * `PUT /doctors/{id}/working-hours`), so one submit sends the parts that changed, in that
 * order (hours after offices: a block must be at one of the doctor's offices, and the server
 * drops the hours of an office that leaves the set). Everything is checked before the first
 * request, all at once. Each part's progress is shown; when a part fails, the parts before it
 * stay saved, the parts after it are not sent, and the panel says exactly that. Saving again
 * sends only what is not saved yet.
 */
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormErrors } from "@/components/ui/form-errors";
import { QueryState } from "@/components/ui/states";
import { $api, type Schemas } from "@/lib/api-client";
import { integer, maxLength, required, type Schema } from "@/lib/forms";
import { useForm, type FormState } from "@/lib/use-form";
import { useInvalidateDoctors, useOffices, useSpecialties, type Doctor } from "../api/directory";
import { HOURS_ALIASES, hoursBody, hoursSchema, hoursValues, HoursFields } from "./working-hours-editor";

type Values = Record<string, string | boolean>;
const PROFILE = ["first_name", "middle_name", "last_name", "license_number", "specialty_id", "years_of_experience"] as const;

/** The API's limits (`CreateDoctorRequest`, `UpdateDoctorRequest`). */
export const PROFILE_SCHEMA: Schema = {
  first_name: { label: "First name", rules: [required(), maxLength(100)] },
  middle_name: { label: "Middle name", rules: [maxLength(100)] },
  last_name: { label: "Last name", rules: [required(), maxLength(100)] },
  license_number: { label: "License number", rules: [required(), maxLength(50)] },
  specialty_id: { label: "Specialty", rules: [required("Choose a specialty.")] },
  years_of_experience: { label: "Years of experience", rules: [required("Enter the years of experience."), integer(0, 70)] },
};

export function profileValues(d?: Doctor): Record<(typeof PROFILE)[number], string> {
  return {
    first_name: d?.first_name ?? "",
    middle_name: d?.middle_name ?? "",
    last_name: d?.last_name ?? "",
    license_number: d?.license_number ?? "",
    specialty_id: d?.specialty_id.toString() ?? "",
    years_of_experience: d?.years_of_experience.toString() ?? "0",
  };
}

export function profileBody(v: Values) {
  return {
    first_name: String(v.first_name).trim(),
    middle_name: String(v.middle_name).trim() || null,
    last_name: String(v.last_name).trim(),
    license_number: String(v.license_number).trim(),
    specialty_id: Number(v.specialty_id),
    years_of_experience: Number(v.years_of_experience),
  };
}

/** The chosen offices are one value, ids joined by commas ("" for none). */
const officeList = (v: Values): string[] => String(v.offices ?? "").split(",").filter(Boolean);

/** The profile's inputs (shared by the panel and the new-doctor form). */
export function ProfileFields<V extends Values>({ form }: { form: FormState<V> }) {
  const specialties = useSpecialties();
  const f = (name: (typeof PROFILE)[number]) => form.field(name as Extract<keyof V, string>);
  return (
    <>
      <TextField {...f("first_name")} required />
      <TextField {...f("middle_name")} />
      <TextField {...f("last_name")} required />
      <TextField {...f("license_number")} required />
      <SelectField {...f("specialty_id")} required>
        <option value="">Choose a specialty</option>
        {(specialties.data ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <TextField {...f("years_of_experience")} type="number" min={0} max={70} required />
    </>
  );
}

type Part = "profile" | "offices" | "hours";
type StepState = "unchanged" | "waiting" | "saving" | "saved" | "failed" | "not sent";
const PART_LABELS: Record<Part, string> = { profile: "Profile", offices: "Offices", hours: "Working hours" };
const PARTS: Part[] = ["profile", "offices", "hours"];

/** What the panel says after a save, in words: what was saved, what failed, what was not sent. */
export function saveSummary(steps: Record<Part, StepState>): { tone: "success" | "error" | "info"; text: string } {
  const named = (s: StepState) => PARTS.filter((p) => steps[p] === s).map((p) => PART_LABELS[p].toLowerCase());
  const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);
  const saved = named("saved");
  const failed = named("failed");
  const notSent = named("not sent");
  if (failed.length === 0 && saved.length === 0) return { tone: "info", text: "Nothing to save: nothing was changed." };
  if (failed.length === 0) return { tone: "success", text: `Doctor saved (${list(saved)}).` };
  const parts = [
    saved.length > 0 ? `Saved: ${list(saved)}.` : "Nothing was saved.",
    `Not saved: ${list(failed)}.`,
    notSent.length > 0 ? `Not sent because of that: ${list(notSent)}.` : "",
    "Correct what is marked and save again; only what is not saved yet is sent.",
  ];
  return { tone: "error", text: parts.filter(Boolean).join(" ") };
}

/** The doctor's whole panel: loads the offices and hours, then shows the one form. */
export function DoctorPanel({ doctor, onCancel }: { doctor: Doctor; onCancel: () => void }) {
  const current = $api.useQuery("get", "/api/v1/doctors/{id}/offices", { params: { path: { id: doctor.id } } });
  const hours = $api.useQuery("get", "/api/v1/doctors/{id}/working-hours", { params: { path: { id: doctor.id } } });
  return (
    <QueryState query={current}>
      {(offices) => (
        <QueryState query={hours}>
          {(week) => <DoctorPanelForm doctor={doctor} officeIds={offices.office_ids} blocks={week.working_hours} onCancel={onCancel} />}
        </QueryState>
      )}
    </QueryState>
  );
}

function DoctorPanelForm({
  doctor,
  officeIds,
  blocks,
  onCancel,
}: {
  doctor: Doctor;
  officeIds: number[];
  blocks: Schemas["WorkingHoursBlock"][];
  onCancel: () => void;
}) {
  const invalidate = useInvalidateDoctors();
  const allOffices = useOffices();
  const path = { params: { path: { id: doctor.id } } };
  const updateProfile = $api.useMutation("patch", "/api/v1/doctors/{id}");
  const saveOffices = $api.useMutation("put", "/api/v1/doctors/{id}/offices");
  const saveHours = $api.useMutation("put", "/api/v1/doctors/{id}/working-hours");
  const [steps, setSteps] = useState<Record<Part, StepState> | null>(null);

  const initial: Values = { ...profileValues(doctor), offices: [...officeIds].sort((a, b) => a - b).join(","), ...hoursValues(blocks) };
  // What the server holds now, per part (moves on as each part is saved).
  const saved = useRef({ profile: JSON.stringify(profileBody(initial)), offices: String(initial.offices), hours: JSON.stringify(hoursBody(initial)) });

  const form = useForm<Values>({
    initial,
    schema: (v) => ({ ...PROFILE_SCHEMA, ...hoursSchema(v, officeList(v)) }),
    aliases: { ...HOURS_ALIASES, office_ids: "offices" },
    submit: async (v) => {
      const body = { profile: profileBody(v), offices: officeList(v).map(Number), hours: hoursBody(v) };
      const now = { profile: JSON.stringify(body.profile), offices: String(v.offices), hours: JSON.stringify(body.hours) };
      const state = Object.fromEntries(PARTS.map((p) => [p, now[p] === saved.current[p] ? "unchanged" : "waiting"])) as Record<Part, StepState>;
      const show = () => setSteps({ ...state });
      show();
      const send: Record<Part, () => Promise<unknown>> = {
        profile: () => updateProfile.mutateAsync({ ...path, body: body.profile }),
        offices: () => saveOffices.mutateAsync({ ...path, body: { office_ids: body.offices } }),
        hours: () => saveHours.mutateAsync({ ...path, body: { working_hours: body.hours } }),
      };
      try {
        for (const part of PARTS) {
          if (state[part] !== "waiting") continue;
          state[part] = "saving";
          show();
          try {
            await send[part]();
          } catch (error) {
            state[part] = "failed";
            for (const later of PARTS) if (state[later] === "waiting") state[later] = "not sent";
            show();
            throw error;
          }
          saved.current[part] = now[part];
          state[part] = "saved";
          show();
        }
      } finally {
        if (PARTS.some((p) => state[p] === "saved")) invalidate();
      }
      return state;
    },
  });

  const chosen = officeList(form.values);
  const offices = allOffices.data?.items ?? [];
  const summary = steps && !PARTS.some((p) => steps[p] === "saving" || steps[p] === "waiting") ? saveSummary(steps) : null;
  const setOffice = (id: number, on: boolean) => {
    const next = on ? [...chosen, String(id)] : chosen.filter((x) => x !== String(id));
    form.set("offices", next.map(Number).sort((a, b) => a - b).join(","));
  };

  return (
    <form {...form.formProps} className="space-y-6" aria-label="Doctor profile">
      {summary && <Alert tone={summary.tone}>{summary.text}</Alert>}
      <FormErrors form={form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <ProfileFields form={form} />
      </div>
      <fieldset className="space-y-2" aria-describedby={form.errors.offices ? `${form.idOf("offices")}-error` : undefined}>
        <legend className="font-semibold">Offices</legend>
        <div className="flex flex-wrap gap-4">
          {offices.map((o, n) => (
            <label key={o.id} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4"
                id={n === 0 ? form.idOf("offices") : undefined}
                checked={chosen.includes(String(o.id))}
                onChange={(e) => setOffice(o.id, e.target.checked)}
              />
              {o.name}
            </label>
          ))}
        </div>
        {form.errors.offices && (
          <p id={`${form.idOf("offices")}-error`} className="text-sm font-medium text-red-700">
            {form.errors.offices}
          </p>
        )}
      </fieldset>
      <HoursFields form={form} offices={offices.filter((o) => chosen.includes(String(o.id)))} />
      {steps && (
        <div role="status">
          <ul aria-label="Saving" className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
            {PARTS.filter((p) => steps[p] !== "unchanged").map((p) => (
              <li key={p}>
                {PART_LABELS[p]}: {steps[p]}
              </li>
            ))}
          </ul>
        </div>
      )}
      <FormActions save="Save doctor" busy={form.submitting} onCancel={onCancel} />
    </form>
  );
}

/** A new doctor: the account (a user with the doctor role and no profile) and the profile. */
export function NewDoctorForm({ onDone }: { onDone: () => void }) {
  const invalidate = useInvalidateDoctors();
  const create = $api.useMutation("post", "/api/v1/doctors");
  const accounts = $api.useQuery("get", "/api/v1/users", { params: { query: { role: "doctor", per_page: 100 } } });
  const form = useForm<Values>({
    initial: { user_id: "", ...profileValues() },
    schema: { user_id: { label: "Account", rules: [required("Choose the doctor's account.")] }, ...PROFILE_SCHEMA },
    submit: (v) => create.mutateAsync({ body: { ...profileBody(v), user_id: Number(v.user_id) } }),
    onSuccess: () => {
      invalidate();
      onDone();
    },
  });
  const freeAccounts = (accounts.data?.items ?? []).filter((u) => u.doctor_id == null && u.is_active);
  return (
    <form {...form.formProps} className="grid gap-4 sm:grid-cols-2" aria-label="Doctor profile">
      <FormErrors form={form} className="sm:col-span-2" />
      <SelectField {...form.field("user_id")} required hint="A user with the doctor role and no profile yet." className="sm:col-span-2">
        <option value="">Choose an account</option>
        {freeAccounts.map((u) => (
          <option key={u.id} value={u.id}>
            {u.username} ({u.email})
          </option>
        ))}
      </SelectField>
      <ProfileFields form={form} />
      <FormActions save="Save doctor" busy={form.submitting} onCancel={onDone} className="sm:col-span-2" />
    </form>
  );
}

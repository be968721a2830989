import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { QueryState } from "@/components/ui/states";
import { $api, type Schemas } from "@/lib/api-client";
import { fieldErrors, problemMessage } from "@/utils/problem";

type Demographics = Schemas["DemographicsResponse"];

/** Race, ethnicity, gender and date of birth of a user, from the code tables. */
export function DemographicsForm({ userId }: { userId: number }) {
  const demographics = $api.useQuery("get", "/api/v1/users/{id}/demographics", { params: { path: { id: userId } } });
  return (
    <QueryState query={demographics}>
      {(data) => <DemographicsEditor userId={userId} initial={data} />}
    </QueryState>
  );
}

function DemographicsEditor({ userId, initial }: { userId: number; initial: Demographics }) {
  const queryClient = useQueryClient();
  const races = $api.useQuery("get", "/api/v1/codes/races", undefined, { staleTime: Infinity });
  const ethnicities = $api.useQuery("get", "/api/v1/codes/ethnicities", undefined, { staleTime: Infinity });
  const genders = $api.useQuery("get", "/api/v1/codes/genders", undefined, { staleTime: Infinity });
  const save = $api.useMutation("put", "/api/v1/users/{id}/demographics", {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["get", "/api/v1/users/{id}/demographics"] }),
  });
  const [form, setForm] = useState({
    race: initial.race?.toString() ?? "",
    ethnicity: initial.ethnicity?.toString() ?? "",
    gender: initial.gender?.toString() ?? "",
    dob: initial.dob ?? "",
  });
  const errors = fieldErrors(save.error);
  const num = (v: string) => (v === "" ? null : Number(v));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      params: { path: { id: userId } },
      body: { race: num(form.race), ethnicity: num(form.ethnicity), gender: num(form.gender), dob: form.dob || null },
    });
  }

  const options = (codes: Schemas["CodeResponse"][] | undefined) =>
    (codes ?? []).map((c) => (
      <option key={c.code} value={c.code}>
        {c.text}
      </option>
    ));

  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Demographics">
      {save.isSuccess && <Alert tone="success" className="sm:col-span-2">Saved.</Alert>}
      {save.error != null && <Alert tone="error" className="sm:col-span-2">{problemMessage(save.error, ["race", "ethnicity", "gender", "dob"])}</Alert>}
      <SelectField label="Gender" value={form.gender} error={errors.gender} onChange={(e) => setForm({ ...form, gender: e.target.value })}>
        <option value="">Not stated</option>
        {options(genders.data)}
      </SelectField>
      <TextField label="Date of birth" type="date" value={form.dob} error={errors.dob} onChange={(e) => setForm({ ...form, dob: e.target.value })} />
      <SelectField label="Race" value={form.race} error={errors.race} onChange={(e) => setForm({ ...form, race: e.target.value })}>
        <option value="">Not stated</option>
        {options(races.data)}
      </SelectField>
      <SelectField label="Ethnicity" value={form.ethnicity} error={errors.ethnicity} onChange={(e) => setForm({ ...form, ethnicity: e.target.value })}>
        <option value="">Not stated</option>
        {options(ethnicities.data)}
      </SelectField>
      <div className="sm:col-span-2">
        <Button type="submit" busy={save.isPending}>
          Save demographics
        </Button>
      </div>
    </form>
  );
}

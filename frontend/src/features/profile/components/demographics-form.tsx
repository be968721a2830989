import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
import { QueryState } from "@/components/ui/states";
import { $api, type Schemas } from "@/lib/api-client";
import { todayIn } from "@/features/calendar/zone";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { date, notInFuture } from "@/lib/forms";
import { useForm } from "@/lib/use-form";

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
  const today = todayIn(useClinicTimeZone());
  const num = (v: string) => (v === "" ? null : Number(v));
  const form = useForm({
    initial: {
      race: initial.race?.toString() ?? "",
      ethnicity: initial.ethnicity?.toString() ?? "",
      gender: initial.gender?.toString() ?? "",
      dob: initial.dob ?? "",
    },
    schema: {
      gender: { label: "Gender" },
      dob: { label: "Date of birth", rules: [date(), notInFuture(today, "A date of birth cannot be in the future.")] },
      race: { label: "Race" },
      ethnicity: { label: "Ethnicity" },
    },
    submit: (f) =>
      save.mutateAsync({
        params: { path: { id: userId } },
        body: { race: num(f.race), ethnicity: num(f.ethnicity), gender: num(f.gender), dob: f.dob || null },
      }),
  });

  const options = (codes: Schemas["CodeResponse"][] | undefined) =>
    (codes ?? []).map((c) => (
      <option key={c.code} value={c.code}>
        {c.text}
      </option>
    ));

  return (
    <form {...form.formProps} className="grid gap-4 sm:grid-cols-2" aria-label="Demographics">
      {save.isSuccess && <Alert tone="success" className="sm:col-span-2">Saved.</Alert>}
      <FormErrors form={form} className="sm:col-span-2" />
      <SelectField {...form.field("gender")}>
        <option value="">Not stated</option>
        {options(genders.data)}
      </SelectField>
      <TextField {...form.field("dob")} type="date" />
      <SelectField {...form.field("race")}>
        <option value="">Not stated</option>
        {options(races.data)}
      </SelectField>
      <SelectField {...form.field("ethnicity")}>
        <option value="">Not stated</option>
        {options(ethnicities.data)}
      </SelectField>
      <div className="sm:col-span-2">
        <Button type="submit" busy={form.submitting}>
          Save demographics
        </Button>
      </div>
    </form>
  );
}

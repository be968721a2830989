import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { useSpecialties } from "@/features/directory/api/directory";
import { $api, type Schemas } from "@/lib/api-client";
import { formatMoney, toCents, fromCents } from "@/lib/format";
import { fieldErrors, problemMessage } from "@/utils/problem";

type Specialty = Schemas["SpecialtyResponse"];

export function AdminSpecialtiesPage() {
  const specialties = useSpecialties();
  const [editing, setEditing] = useState<Specialty | "new" | null>(null);
  return (
    <>
      <PageHeader title="Specialties" actions={<Button onClick={() => setEditing("new")}>New specialty</Button>} />
      {editing && (
        <Card className="mb-6" aria-labelledby="spec-form">
          <SectionTitle id="spec-form">{editing === "new" ? "New specialty" : `Edit ${editing.name}`}</SectionTitle>
          <SpecialtyForm key={editing === "new" ? "new" : editing.id} specialty={editing === "new" ? undefined : editing} onDone={() => setEditing(null)} />
        </Card>
      )}
      <Card>
        <QueryState query={specialties} empty={<EmptyState title="No specialties yet." />}>
          {(items) => (
            <Table caption="Specialties" head={["Name", "Referral needed", "Consultation fee", ""]}>
              {items.map((s) => (
                <tr key={s.id}>
                  <Td className="font-medium">{s.name}</Td>
                  <Td>{s.requires_referral ? "Yes" : "No"}</Td>
                  <Td className="tabular-nums">{formatMoney(s.consultation_fee)}</Td>
                  <Td>
                    <Button size="sm" variant="secondary" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s)}>
                      Edit
                    </Button>
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </QueryState>
      </Card>
    </>
  );
}

function SpecialtyForm({ specialty, onDone }: { specialty?: Specialty; onDone: () => void }) {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: ["get", "/api/v1/specialties"] });
    onDone();
  };
  const create = $api.useMutation("post", "/api/v1/specialties", { onSuccess });
  const update = $api.useMutation("patch", "/api/v1/specialties/{id}", { onSuccess });
  const mutation = specialty ? update : create;
  const [f, setF] = useState({ name: specialty?.name ?? "", requires_referral: specialty?.requires_referral ?? false, fee: specialty?.consultation_fee ?? "" });
  const [feeError, setFeeError] = useState<string>();
  const errors = fieldErrors(mutation.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    const cents = toCents(f.fee);
    if (cents === null || cents < 0n) {
      setFeeError("Enter an amount such as 150.00");
      return;
    }
    setFeeError(undefined);
    const body = { name: f.name.trim(), requires_referral: f.requires_referral, consultation_fee: fromCents(cents) };
    if (specialty) update.mutate({ params: { path: { id: specialty.id } }, body });
    else create.mutate({ body });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Specialty">
      {mutation.error != null && <Alert tone="error">{problemMessage(mutation.error, ["name", "consultation_fee", "requires_referral"])}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" required value={f.name} error={errors.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        <TextField label="Consultation fee" inputMode="decimal" required value={f.fee} error={feeError ?? errors.consultation_fee} onChange={(e) => setF({ ...f, fee: e.target.value })} />
      </div>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" checked={f.requires_referral} onChange={(e) => setF({ ...f, requires_referral: e.target.checked })} />
        Requires a referral (specialist approval)
      </label>
      <div className="flex gap-2">
        <Button type="submit" busy={mutation.isPending}>
          Save
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

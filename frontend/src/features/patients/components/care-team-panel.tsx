import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { doctorName, useDoctors } from "@/features/directory/api/directory";
import { problemMessage } from "@/utils/problem";
import { useAddCareTeamMember, useCareTeam, useRemoveCareTeamMember, useSetPrimaryDoctor } from "../api/patients";

/** The doctors caring for a patient; with `manage`, staff add, remove and choose the primary. */
export function CareTeamPanel({ patientId, patientName, manage = false }: { patientId: number; patientName?: string; manage?: boolean }) {
  const team = useCareTeam(patientId);
  const add = useAddCareTeamMember();
  const remove = useRemoveCareTeamMember();
  const primary = useSetPrimaryDoctor();
  const [removing, setRemoving] = useState<{ doctor_id: number; name: string } | null>(null);
  const error = add.error ?? primary.error;
  return (
    <div className="space-y-3">
      {error != null && <Alert tone="error">{problemMessage(error)}</Alert>}
      <QueryState query={team} empty={<EmptyState title="No doctors in the care team yet." />}>
        {(data) => (
          <ul className="divide-y divide-slate-200" aria-label="Care team">
            {data.items.map((m) => (
              <li key={m.doctor_id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div>
                  <p className="font-medium">
                    {doctorName(m)} {m.is_primary && <Badge tone="green">Primary</Badge>}
                  </p>
                  <p className="text-sm text-slate-600">{m.specialty_name}</p>
                </div>
                {manage && (
                  <div className="flex gap-2">
                    {!m.is_primary && (
                      <Button size="sm" variant="secondary" busy={primary.isPending} onClick={() => primary.mutate({ params: { path: { id: patientId } }, body: { doctor_id: m.doctor_id } })}>
                        Make primary
                      </Button>
                    )}
                    <Button
                      size="sm"
                      variant="ghost"
                      busy={remove.isPending}
                      aria-label={`Remove ${doctorName(m)} from the care team`}
                      onClick={() => {
                        remove.reset();
                        setRemoving({ doctor_id: m.doctor_id, name: doctorName(m) });
                      }}
                    >
                      Remove
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name} from ${patientName ? `${patientName}'s` : "the"} care team?`}
          message={`${removing.name} will no longer be listed as caring for ${patientName ?? "this patient"}. You can add them again later.`}
          confirmLabel="Remove"
          cancelLabel="Keep"
          tone="danger"
          busy={remove.isPending}
          error={remove.error != null ? problemMessage(remove.error) : undefined}
          onConfirm={() => remove.mutate({ params: { path: { id: patientId, doctor_id: removing.doctor_id } } }, { onSuccess: () => setRemoving(null) })}
          onClose={() => setRemoving(null)}
        />
      )}
      {manage && <AddMember patientId={patientId} existing={team.data?.items.map((m) => m.doctor_id) ?? []} onAdd={(doctorId, isPrimary) => add.mutate({ params: { path: { id: patientId } }, body: { doctor_id: doctorId, is_primary: isPrimary } })} busy={add.isPending} />}
    </div>
  );
}

function AddMember({ existing, onAdd, busy }: { patientId: number; existing: number[]; onAdd: (doctorId: number, primary: boolean) => void; busy: boolean }) {
  const doctors = useDoctors();
  const [doctorId, setDoctorId] = useState("");
  const [isPrimary, setIsPrimary] = useState(false);
  const choices = (doctors.data?.items ?? []).filter((d) => !existing.includes(d.id));
  return (
    <div className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-3">
      <SelectField label="Add a doctor" className="min-w-60 flex-1" value={doctorId} onChange={(e) => setDoctorId(e.target.value)}>
        <option value="">Choose a doctor</option>
        {choices.map((d) => (
          <option key={d.id} value={d.id}>
            {doctorName(d)} — {d.specialty_name}
          </option>
        ))}
      </SelectField>
      <label className="mb-3 inline-flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" checked={isPrimary} onChange={(e) => setIsPrimary(e.target.checked)} />
        Primary doctor
      </label>
      <Button className="mb-0.5" disabled={!doctorId} busy={busy} onClick={() => { onAdd(Number(doctorId), isPrimary); setDoctorId(""); setIsPrimary(false); }}>
        Add to care team
      </Button>
    </div>
  );
}

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { doctorName, useDoctors, useInvalidateDoctors, useOffices, useSpecialties, type Doctor } from "@/features/directory/api/directory";
import { WorkingHoursEditor } from "@/features/directory/components/working-hours-editor";
import { $api } from "@/lib/api-client";
import { fieldErrors, problemMessage } from "@/utils/problem";

export function AdminDoctorsPage() {
  const doctors = useDoctors();
  const [selected, setSelected] = useState<Doctor | "new" | null>(null);
  return (
    <>
      <PageHeader title="Doctors" actions={<Button onClick={() => setSelected("new")}>New doctor</Button>} />
      {selected === "new" && (
        <Card className="mb-6" aria-labelledby="new-doctor">
          <SectionTitle id="new-doctor">New doctor</SectionTitle>
          <DoctorForm onDone={() => setSelected(null)} />
        </Card>
      )}
      {selected && selected !== "new" && <DoctorDetail key={selected.id} doctor={selected} onClose={() => setSelected(null)} />}
      <Card>
        <QueryState query={doctors} empty={<EmptyState title="No doctors yet." />}>
          {(data) => (
            <Table caption="Doctors" head={["Name", "Specialty", "License", "Experience", ""]}>
              {data.items.map((d) => (
                <tr key={d.id}>
                  <Td className="font-medium">{doctorName(d)}</Td>
                  <Td>{d.specialty_name}</Td>
                  <Td>{d.license_number}</Td>
                  <Td>{d.years_of_experience} years</Td>
                  <Td>
                    <Button size="sm" variant="secondary" aria-label={`Manage ${doctorName(d)}`} onClick={() => setSelected(d)}>
                      Manage
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

function DoctorForm({ doctor, onDone }: { doctor?: Doctor; onDone: () => void }) {
  const invalidate = useInvalidateDoctors();
  const onSuccess = () => {
    invalidate();
    onDone();
  };
  const create = $api.useMutation("post", "/api/v1/doctors", { onSuccess });
  const update = $api.useMutation("patch", "/api/v1/doctors/{id}", { onSuccess });
  const mutation = doctor ? update : create;
  const specialties = useSpecialties();
  const accounts = $api.useQuery("get", "/api/v1/users", { params: { query: { role: "doctor", per_page: 100 } } }, { enabled: !doctor });
  const [f, setF] = useState({
    user_id: "",
    first_name: doctor?.first_name ?? "",
    middle_name: doctor?.middle_name ?? "",
    last_name: doctor?.last_name ?? "",
    license_number: doctor?.license_number ?? "",
    specialty_id: doctor?.specialty_id.toString() ?? "",
    years_of_experience: doctor?.years_of_experience.toString() ?? "0",
  });
  const errors = fieldErrors(mutation.error);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    const common = {
      first_name: f.first_name.trim(),
      middle_name: f.middle_name.trim() || null,
      last_name: f.last_name.trim(),
      license_number: f.license_number.trim(),
      specialty_id: Number(f.specialty_id),
      years_of_experience: Number(f.years_of_experience),
    };
    if (doctor) update.mutate({ params: { path: { id: doctor.id } }, body: common });
    else create.mutate({ body: { ...common, user_id: Number(f.user_id) } });
  }
  const freeAccounts = (accounts.data?.items ?? []).filter((u) => u.doctor_id == null && u.is_active);
  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Doctor profile">
      {mutation.error != null && <Alert tone="error" className="sm:col-span-2">{problemMessage(mutation.error, Object.keys(f))}</Alert>}
      {!doctor && (
        <SelectField label="Account" required hint="A user with the doctor role and no profile yet." value={f.user_id} error={errors.user_id} onChange={set("user_id")} className="sm:col-span-2">
          <option value="">Choose an account</option>
          {freeAccounts.map((u) => (
            <option key={u.id} value={u.id}>
              {u.username} ({u.email})
            </option>
          ))}
        </SelectField>
      )}
      <TextField label="First name" required value={f.first_name} error={errors.first_name} onChange={set("first_name")} />
      <TextField label="Middle name" value={f.middle_name} error={errors.middle_name} onChange={set("middle_name")} />
      <TextField label="Last name" required value={f.last_name} error={errors.last_name} onChange={set("last_name")} />
      <TextField label="License number" required value={f.license_number} error={errors.license_number} onChange={set("license_number")} />
      <SelectField label="Specialty" required value={f.specialty_id} error={errors.specialty_id} onChange={set("specialty_id")}>
        <option value="">Choose a specialty</option>
        {(specialties.data ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <TextField label="Years of experience" type="number" min={0} required value={f.years_of_experience} error={errors.years_of_experience} onChange={set("years_of_experience")} />
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" busy={mutation.isPending}>
          Save doctor
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DoctorDetail({ doctor, onClose }: { doctor: Doctor; onClose: () => void }) {
  return (
    <Card className="mb-6 space-y-6" aria-labelledby="doctor-detail">
      <div className="flex items-center justify-between">
        <SectionTitle id="doctor-detail">{doctorName(doctor)}</SectionTitle>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <DoctorForm doctor={doctor} onDone={onClose} />
      <DoctorOffices doctorId={doctor.id} />
      <WorkingHoursEditor doctorId={doctor.id} />
    </Card>
  );
}

function DoctorOffices({ doctorId }: { doctorId: number }) {
  const offices = useOffices();
  const current = $api.useQuery("get", "/api/v1/doctors/{id}/offices", { params: { path: { id: doctorId } } });
  const save = $api.useMutation("put", "/api/v1/doctors/{id}/offices", { onSuccess: useInvalidateDoctors() });
  const [chosen, setChosen] = useState<number[] | null>(null);
  const ids = chosen ?? current.data?.office_ids ?? [];
  return (
    <fieldset className="space-y-2">
      <legend className="font-semibold">Offices</legend>
      {save.error != null && <Alert tone="error">{problemMessage(save.error)}</Alert>}
      {save.isSuccess && <Alert tone="success">Offices saved.</Alert>}
      <QueryState query={offices}>
        {(data) => (
          <div className="flex flex-wrap gap-4">
            {data.items.map((o) => (
              <label key={o.id} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" className="size-4" checked={ids.includes(o.id)} onChange={(e) => setChosen(e.target.checked ? [...ids, o.id] : ids.filter((x) => x !== o.id))} />
                {o.name}
              </label>
            ))}
          </div>
        )}
      </QueryState>
      <Button size="sm" busy={save.isPending} onClick={() => save.mutate({ params: { path: { id: doctorId } }, body: { office_ids: ids } })}>
        Save offices
      </Button>
    </fieldset>
  );
}

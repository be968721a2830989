import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { useOffices, type Office } from "@/features/directory/api/directory";
import { $api } from "@/lib/api-client";
import { formatMoney, fromCents, toCents } from "@/lib/format";
import { fieldErrors, problemMessage } from "@/utils/problem";

export function AdminOfficesPage() {
  const offices = useOffices();
  const [editing, setEditing] = useState<Office | "new" | null>(null);
  return (
    <>
      <PageHeader title="Offices" actions={<Button onClick={() => setEditing("new")}>New office</Button>} />
      {editing && (
        <Card className="mb-6" aria-labelledby="office-form">
          <SectionTitle id="office-form">{editing === "new" ? "New office" : `Edit ${editing.name}`}</SectionTitle>
          <OfficeForm key={editing === "new" ? "new" : editing.id} office={editing === "new" ? undefined : editing} onDone={() => setEditing(null)} />
        </Card>
      )}
      <Card>
        <QueryState query={offices} empty={<EmptyState title="No offices yet." />}>
          {(data) => (
            <Table caption="Offices" head={["Name", "Address", "Time zone", "Services", "Status", ""]}>
              {data.items.map((o) => (
                <tr key={o.id}>
                  <Td className="font-medium">{o.name}</Td>
                  <Td>
                    {o.address.line1}, {o.address.city}
                  </Td>
                  <Td>{o.time_zone}</Td>
                  <Td>{o.services.map((s) => `${s.name}${s.price ? ` (${formatMoney(s.price)})` : ""}`).join(", ") || "—"}</Td>
                  <Td>{o.is_active ? <Badge tone="green">Open</Badge> : <Badge>Closed</Badge>}</Td>
                  <Td>
                    <Button size="sm" variant="secondary" aria-label={`Edit ${o.name}`} onClick={() => setEditing(o)}>
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

type ServiceRow = { name: string; price: string };

function OfficeForm({ office, onDone }: { office?: Office; onDone: () => void }) {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: ["get", "/api/v1/offices"] });
    onDone();
  };
  const create = $api.useMutation("post", "/api/v1/offices", { onSuccess });
  const update = $api.useMutation("patch", "/api/v1/offices/{id}", { onSuccess });
  const mutation = office ? update : create;
  const [f, setF] = useState({
    name: office?.name ?? "",
    line1: office?.address.line1 ?? "",
    line2: office?.address.line2 ?? "",
    city: office?.address.city ?? "",
    state: office?.address.state ?? "",
    postal_code: office?.address.postal_code ?? "",
    country: office?.address.country ?? "US",
    phone: office?.phone?.number ?? "",
    email: office?.email ?? "",
    time_zone: office?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    is_active: office?.is_active ?? true,
  });
  const [services, setServices] = useState<ServiceRow[]>(office?.services.map((s) => ({ name: s.name, price: s.price ?? "" })) ?? []);
  const [priceErrors, setPriceErrors] = useState<Record<number, string>>({});
  const errors = fieldErrors(mutation.error);
  const zones = $api.useQuery("get", "/api/v1/codes/time-zones", {}, { staleTime: Infinity });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const err = (k: string) => errors[k] ?? errors[`address.${k}`];

  function submit(event: FormEvent) {
    event.preventDefault();
    const bad: Record<number, string> = {};
    const body_services = services.map((s, i) => {
      const cents = s.price.trim() ? toCents(s.price) : null;
      if (s.price.trim() && (cents === null || cents < 0n)) bad[i] = "Enter an amount such as 40.00";
      return { name: s.name.trim(), price: cents === null ? null : fromCents(cents) };
    });
    setPriceErrors(bad);
    if (Object.keys(bad).length) return;
    const body = {
      name: f.name.trim(),
      address: { line1: f.line1.trim(), line2: f.line2.trim() || null, city: f.city.trim(), state: f.state.trim() || null, postal_code: f.postal_code.trim() || null, country: f.country.trim() },
      phone: f.phone.trim() ? { number: f.phone.trim() } : null,
      email: f.email.trim() || null,
      time_zone: f.time_zone.trim(),
      is_active: f.is_active,
      services: body_services,
    };
    if (office) update.mutate({ params: { path: { id: office.id } }, body });
    else create.mutate({ body });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Office">
      {mutation.error != null && <Alert tone="error">{problemMessage(mutation.error, [...Object.keys(f), ...Object.keys(f).map((k) => `address.${k}`), "phone.number"])}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" required value={f.name} error={errors.name} onChange={set("name")} />
        <SelectField label="Time zone" required hint="Visit times, hours and messages of this office are in this zone." value={f.time_zone} error={errors.time_zone} onChange={set("time_zone")}>
          {/* The server's list, so what is offered is exactly what it accepts. */}
          {!zones.data?.includes(f.time_zone) && <option value={f.time_zone}>{f.time_zone}</option>}
          {(zones.data ?? []).map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </SelectField>
        <TextField label="Street" required value={f.line1} error={err("line1")} onChange={set("line1")} />
        <TextField label="Suite" value={f.line2} error={err("line2")} onChange={set("line2")} />
        <TextField label="City" required value={f.city} error={err("city")} onChange={set("city")} />
        <TextField label="State" value={f.state} error={err("state")} onChange={set("state")} />
        <TextField label="Postal code" value={f.postal_code} error={err("postal_code")} onChange={set("postal_code")} />
        <TextField label="Country" required value={f.country} error={err("country")} onChange={set("country")} />
        <TextField label="Phone" type="tel" value={f.phone} error={errors.phone ?? errors["phone.number"]} onChange={set("phone")} />
        <TextField label="Email" type="email" value={f.email} error={errors.email} onChange={set("email")} />
      </div>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" checked={f.is_active} onChange={(e) => setF({ ...f, is_active: e.target.checked })} />
        Open for appointments
      </label>
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">Services</legend>
        {services.map((s, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <TextField label={`Service ${i + 1}`} value={s.name} error={errors[`services[${i}].name`] ?? errors[`services.${i}.name`]} onChange={(e) => setServices(services.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
            <TextField label="Price" inputMode="decimal" className="w-32" value={s.price} error={priceErrors[i] ?? errors[`services[${i}].price`] ?? errors[`services.${i}.price`]} onChange={(e) => setServices(services.map((x, j) => (j === i ? { ...x, price: e.target.value } : x)))} />
            <Button variant="ghost" aria-label={`Remove service ${i + 1}`} onClick={() => setServices(services.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => setServices([...services, { name: "", price: "" }])}>
          Add a service
        </Button>
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" busy={mutation.isPending}>
          Save office
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { $api, type Schemas } from "@/lib/api-client";
import { formatDateTime } from "@/utils/dates";
import { fieldErrors, problemMessage } from "@/utils/problem";

type Role = Schemas["RoleDto"];
const ROLES: Role[] = ["admin", "staff", "doctor", "patient"];

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ["get", "/api/v1/users"] });
}

export function AdminUsersPage() {
  const [role, setRole] = useState<Role | "">("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const users = $api.useQuery("get", "/api/v1/users", { params: { query: { page, per_page: 25, ...(role ? { role } : {}), ...(q.trim() ? { q: q.trim() } : {}) } } });
  const deactivate = $api.useMutation("post", "/api/v1/users/{id}/deactivate", { onSuccess: useInvalidateUsers() });
  const [deactivating, setDeactivating] = useState<{ id: number; username: string } | null>(null);
  return (
    <>
      <PageHeader
        title="Users"
        actions={
          <Button onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
            {creating ? "Close" : "New user"}
          </Button>
        }
      />
      {creating && (
        <Card className="mb-6" aria-labelledby="new-user">
          <SectionTitle id="new-user">New user</SectionTitle>
          <CreateUserForm onDone={() => setCreating(false)} />
        </Card>
      )}
      <Card>
        <div className="mb-4 grid gap-3 sm:grid-cols-[1fr_12rem]">
          <TextField label="Search by name or email" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
          <SelectField label="Role" value={role} onChange={(e) => { setRole(e.target.value as Role | ""); setPage(1); }}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
        </div>
        {deactivating && (
          <ConfirmDialog
            title={`Deactivate ${deactivating.username}?`}
            message="They will be signed out everywhere and cannot sign in until the account is active again."
            confirmLabel="Deactivate"
            cancelLabel="Keep active"
            tone="danger"
            busy={deactivate.isPending}
            error={deactivate.error != null ? problemMessage(deactivate.error) : undefined}
            onConfirm={() => deactivate.mutate({ params: { path: { id: deactivating.id } } }, { onSuccess: () => setDeactivating(null) })}
            onClose={() => setDeactivating(null)}
          />
        )}
        <QueryState query={users} empty={<EmptyState title="No users match." />}>
          {(data) => (
            <>
              <Table caption="Users" head={["Username", "Email", "Role", "Status", "Last sign-in", ""]}>
                {data.items.map((u) => (
                  <tr key={u.id}>
                    <Td className="font-medium">{u.username}</Td>
                    <Td className="break-all">{u.email}</Td>
                    <Td className="capitalize">{u.role}</Td>
                    <Td>{u.is_active ? <Badge tone="green">Active</Badge> : <Badge>Deactivated</Badge>}</Td>
                    <Td>{u.last_login ? formatDateTime(u.last_login) : "—"}</Td>
                    <Td>
                      {u.is_active && (
                        <Button size="sm" variant="secondary" aria-label={`Deactivate ${u.username}`} onClick={() => { deactivate.reset(); setDeactivating({ id: u.id, username: u.username }); }}>
                          Deactivate
                        </Button>
                      )}
                    </Td>
                  </tr>
                ))}
              </Table>
              <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const create = $api.useMutation("post", "/api/v1/users", { onSuccess: useInvalidateUsers() });
  const [f, setF] = useState({ username: "", email: "", password: "", role: "staff" as Role, phone: "" });
  const errors = fieldErrors(create.error);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { body: { username: f.username.trim(), email: f.email.trim(), password: f.password || null, role: f.role, phone: f.phone.trim() ? { number: f.phone.trim() } : null } },
      { onSuccess: onDone },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="New user">
      {create.error != null && <Alert tone="error" className="sm:col-span-2">{problemMessage(create.error, [...Object.keys(f), "phone.number"])}</Alert>}
      <TextField label="Username" required value={f.username} error={errors.username} onChange={set("username")} />
      <TextField label="Email" type="email" required value={f.email} error={errors.email} onChange={set("email")} />
      <TextField label="Password" type="password" autoComplete="new-password" hint="Optional: 12 to 128 characters." value={f.password} error={errors.password} onChange={set("password")} />
      <SelectField label="Role" required value={f.role} error={errors.role} onChange={set("role")}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <TextField label="Phone" type="tel" value={f.phone} error={errors.phone ?? errors["phone.number"]} onChange={set("phone")} />
      <div className="sm:col-span-2">
        <Button type="submit" busy={create.isPending}>
          Create user
        </Button>
      </div>
    </form>
  );
}

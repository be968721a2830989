import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { UsersTable } from "@/features/admin/components/users-table";
import { useDocumentTitle } from "@/lib/document-title";
import { $api, type Schemas } from "@/lib/api-client";
import { fieldErrors, problemMessage } from "@/utils/problem";

type Role = Schemas["RoleDto"];
const ROLES: Role[] = ["admin", "staff", "doctor", "patient"];
const ROLE_LABELS: Record<Role, string> = { admin: "Admin", staff: "Front desk", doctor: "Doctor", patient: "Patient" };

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
  const invalidate = useInvalidateUsers();
  const deactivate = $api.useMutation("post", "/api/v1/users/{id}/deactivate", { onSuccess: invalidate });
  const reactivate = $api.useMutation("post", "/api/v1/users/{id}/reactivate", { onSuccess: invalidate });
  const [deactivating, setDeactivating] = useState<{ id: number; username: string } | null>(null);
  useDocumentTitle("Users");
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
          <TextField label="Search by name, username or email" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
          <SelectField label="Role" value={role} onChange={(e) => { setRole(e.target.value as Role | ""); setPage(1); }}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </SelectField>
        </div>
        {reactivate.error != null && <Alert tone="error" className="mb-3">{problemMessage(reactivate.error)}</Alert>}
        {deactivating && (
          <ConfirmDialog
            title={`Deactivate ${deactivating.username}?`}
            message="They will be signed out everywhere and cannot sign in until the account is reactivated."
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
              <UsersTable
                users={data.items}
                busyId={reactivate.isPending ? (reactivate.variables?.params.path.id ?? null) : null}
                onDeactivate={(u) => { deactivate.reset(); setDeactivating({ id: u.id, username: u.username }); }}
                onReactivate={(u) => reactivate.mutate({ params: { path: { id: u.id } } })}
              />
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
  // No default role: the admin picks one (the API refuses a user without it).
  const [f, setF] = useState({ username: "", email: "", password: "", role: "" as Role | "", phone: "" });
  const errors = fieldErrors(create.error);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { body: { username: f.username.trim(), email: f.email.trim(), password: f.password || null, role: (f.role || undefined) as Role, phone: f.phone.trim() ? { number: f.phone.trim() } : null } },
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
        <option value="" disabled>
          Choose a role…
        </option>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
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

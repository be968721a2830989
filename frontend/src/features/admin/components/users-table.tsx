import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td } from "@/components/ui/table";
import type { Schemas } from "@/lib/api-client";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime } from "@/lib/format";

type User = Schemas["UserResponse"];
const ROLE_LABELS: Record<User["role"], string> = { admin: "Admin", staff: "Front desk", doctor: "Doctor", patient: "Patient" };

/** Accounts as a dense table: one row each, the action that fits the account's state. */
export function UsersTable({ users, busyId, onDeactivate, onReactivate }: { users: User[]; busyId: number | null; onDeactivate: (u: User) => void; onReactivate: (u: User) => void }) {
  const zone = useClinicTimeZone();
  return (
    <Table caption="Users" head={["Name", "Username", "Email", "Role", "Status", "Last sign-in", "Action"]}>
      {users.map((u) => (
        <tr key={u.id} className="text-sm">
          <Td className="font-medium">{u.full_name ?? "—"}</Td>
          <Td>{u.username}</Td>
          <Td className="break-all">{u.email}</Td>
          <Td>{ROLE_LABELS[u.role]}</Td>
          <Td>{u.is_active ? <Badge tone="green">Active</Badge> : <Badge>Deactivated</Badge>}</Td>
          <Td className="whitespace-nowrap">{u.last_login ? formatDateTime(u.last_login, zone) : "Never"}</Td>
          <Td>
            {u.is_active ? (
              <Button size="sm" variant="secondary" busy={busyId === u.id} aria-label={`Deactivate ${u.username}`} onClick={() => onDeactivate(u)}>
                Deactivate
              </Button>
            ) : (
              <Button size="sm" variant="secondary" busy={busyId === u.id} aria-label={`Reactivate ${u.username}`} onClick={() => onReactivate(u)}>
                Reactivate
              </Button>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}

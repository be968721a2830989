import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import type { components } from "@/api/schema";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime, MESSAGE_KIND_LABELS, OUTBOX_STATUS_LABELS } from "@/lib/format";

export type OutboxMessage = components["schemas"]["OutboxMessageResponse"];
export type OutboxStatus = components["schemas"]["OutboxStatusDto"];

/** What each status means, in the front desk's words. */
export const STATUS_LABELS = OUTBOX_STATUS_LABELS;

const STATUS_TONES: Record<OutboxStatus, "gray" | "blue" | "green" | "red" | "amber"> = {
  pending: "blue",
  sending: "blue",
  sent: "green",
  failed: "red",
  skipped: "gray",
  unsent: "amber",
};

/** The outbox's messages: who is told what, when, and how delivery went. */
export function OutboxTable({ messages }: { messages: OutboxMessage[] }) {
  const zone = useClinicTimeZone();
  return (
    <Table caption="Messages to patients" head={["Due", "Recipient", "Message", "Status", "Attempts", "Note"]}>
      {messages.map((m) => (
        <tr key={m.id}>
          <Td className="whitespace-nowrap">{formatDateTime(m.due_at, zone)}</Td>
          <Td>
            {m.recipient_name}
            <span className="block text-xs text-slate-600">
              {m.channel === "email" ? "Email" : "Text message"} · appointment #{m.appointment_id}
            </span>
          </Td>
          <Td>
            {MESSAGE_KIND_LABELS[m.kind]}
            <span className="block text-xs text-slate-600">{m.subject}</span>
          </Td>
          <Td>
            <Badge tone={STATUS_TONES[m.status]}>{STATUS_LABELS[m.status]}</Badge>
            {m.sent_at && <span className="block text-xs text-slate-600">at {formatDateTime(m.sent_at, zone)}</span>}
            {m.status === "pending" && m.attempts > 0 && m.next_attempt_at && (
              <span className="block text-xs text-slate-600">next try {formatDateTime(m.next_attempt_at, zone)}</span>
            )}
          </Td>
          <Td>{m.attempts}</Td>
          <Td className="text-slate-700">{m.last_error ?? "—"}</Td>
        </tr>
      ))}
    </Table>
  );
}

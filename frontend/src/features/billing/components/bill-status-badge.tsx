import { Badge, type Tone } from "@/components/ui/badge";
import { billStatusLabel } from "@/lib/format";
import type { BillStatus } from "../api/bills";

const TONE: Record<BillStatus, Tone> = {
  unpaid: "amber",
  partially_paid: "blue",
  paid: "green",
  overdue: "red",
  void: "gray",
};

export function BillStatusBadge({ status }: { status: BillStatus }) {
  return <Badge tone={TONE[status]}>{billStatusLabel(status)}</Badge>;
}

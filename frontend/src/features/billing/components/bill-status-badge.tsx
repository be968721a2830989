import { Badge, type Tone } from "@/components/ui/badge";
import type { BillStatus } from "../api/bills";

const LOOK: Record<BillStatus, [string, Tone]> = {
  unpaid: ["Unpaid", "amber"],
  partially_paid: ["Partially paid", "blue"],
  paid: ["Paid", "green"],
  overdue: ["Overdue", "red"],
  void: ["Void", "gray"],
};

export function BillStatusBadge({ status }: { status: BillStatus }) {
  const [label, tone] = LOOK[status];
  return <Badge tone={tone}>{label}</Badge>;
}

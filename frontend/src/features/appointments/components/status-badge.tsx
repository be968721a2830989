import { Badge, type Tone } from "@/components/ui/badge";
import type { AppointmentStatus } from "../api/appointments";

const LOOK: Record<AppointmentStatus, [string, Tone]> = {
  scheduled: ["Scheduled", "blue"],
  confirmed: ["Confirmed", "purple"],
  checked_in: ["Checked in", "amber"],
  completed: ["Completed", "green"],
  cancelled: ["Cancelled", "gray"],
  no_show: ["No-show", "red"],
};

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  const [label, tone] = LOOK[status];
  return <Badge tone={tone}>{label}</Badge>;
}

import { Badge, type Tone } from "@/components/ui/badge";
import { appointmentStatusLabel } from "@/lib/format";
import type { AppointmentStatus } from "../api/appointments";

const TONE: Record<AppointmentStatus, Tone> = {
  scheduled: "blue",
  confirmed: "purple",
  checked_in: "amber",
  completed: "green",
  cancelled: "gray",
  no_show: "red",
};

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  return <Badge tone={TONE[status]}>{appointmentStatusLabel(status)}</Badge>;
}

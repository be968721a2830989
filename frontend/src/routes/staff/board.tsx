import { ScheduleView } from "@/features/calendar/components/schedule-view";

/** The front desk's day: a time grid of every doctor at an office (or one doctor's week). */
export function ScheduleBoardPage() {
  return <ScheduleView mode="staff" title="Schedule" actions={["confirm", "check-in", "no-show", "cancel"]} />;
}

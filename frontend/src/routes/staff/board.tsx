import { CheckoutButton } from "@/features/billing/components/checkout-button";
import { ScheduleView } from "@/features/calendar/components/schedule-view";

/** The desk's time grid; the selected visit's panel offers checkout (bill, payment, receipt). */
export function ScheduleBoardPage() {
  return <ScheduleView mode="staff" title="Schedule" actions={["confirm", "check-in", "no-show", "cancel"]} visitExtra={(a) => <CheckoutButton appointment={a} />} />;
}

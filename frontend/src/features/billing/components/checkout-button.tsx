import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckoutDialog } from "./checkout-dialog";

/** The statuses of a visit the patient came to, which the desk checks out (the server decides too). */
const CHECKOUT_STATUSES = new Set(["checked_in", "completed"]);

/** "Check out" on the selected visit: bill, payment, receipt in one dialog. */
export function CheckoutButton({ appointment }: { appointment: { id: number; status: string; patient_name: string } }) {
  const [open, setOpen] = useState(false);
  if (!CHECKOUT_STATUSES.has(appointment.status)) return null;
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Check out
      </Button>
      {open && <CheckoutDialog appointmentId={appointment.id} patientName={appointment.patient_name} onClose={() => setOpen(false)} />}
    </>
  );
}

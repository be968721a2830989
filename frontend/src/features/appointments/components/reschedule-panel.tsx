import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Schemas } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { problemMessage } from "@/utils/problem";
import { useReschedule, type Appointment } from "../api/appointments";
import { SlotPicker } from "./slot-picker";

/** Picks a new free slot with the same doctor and office and moves the appointment there. */
export function ReschedulePanel({ appointment, onDone }: { appointment: Appointment; onDone: () => void }) {
  const [slot, setSlot] = useState<Schemas["Slot"] | null>(null);
  const reschedule = useReschedule();
  return (
    <div className="mt-3 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <SlotPicker doctorId={appointment.doctor_id} officeId={appointment.office_id} value={slot?.starts_at ?? null} onChange={setSlot} />
      {reschedule.error != null && <Alert tone="error">{problemMessage(reschedule.error)}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          disabled={!slot}
          busy={reschedule.isPending}
          onClick={() =>
            slot &&
            reschedule.mutate(
              { params: { path: { id: appointment.id } }, body: { starts_at: slot.starts_at } },
              { onSuccess: onDone },
            )
          }
        >
          {slot ? `Move to ${formatDateTime(slot.starts_at, appointment.office_time_zone)}` : "Choose a new time"}
        </Button>
        <Button size="sm" variant="secondary" onClick={onDone}>
          Keep the current time
        </Button>
      </div>
    </div>
  );
}

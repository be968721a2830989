import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td } from "@/components/ui/table";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { problemMessage } from "@/utils/problem";
import { URGENCIES, useWithdraw, waitlistMessage, weekdaysLabel, windowLabel, type WaitlistEntry } from "../api/waitlist";

const STATUS_TONES: Record<WaitlistEntry["status"], Tone> = {
  active: "blue",
  offered: "green",
  booked: "purple",
  expired: "gray",
  withdrawn: "gray",
};

const URGENCY_TONES: Record<WaitlistEntry["urgency"], Tone> = { routine: "gray", soon: "amber", urgent: "red" };

/** Waitlist entries; `showPatient` for the front desk. Withdraw is offered where the API allows it. */
export function EntryTable({ entries, showPatient = false }: { entries: WaitlistEntry[]; showPatient?: boolean }) {
  const zone = useClinicTimeZone();
  const withdraw = useWithdraw();
  const head = [...(showPatient ? ["Patient"] : []), "Doctor", "Office", "Days", "Hours", "Urgency", "Status", "Until", ""];
  return (
    <div className="space-y-3">
      {withdraw.error != null && <Alert tone="error">{waitlistMessage(withdraw.error) ?? problemMessage(withdraw.error)}</Alert>}
      <Table caption="Waitlist entries" head={head}>
        {entries.map((e) => (
          <tr key={e.id}>
            {showPatient && <Td>{e.patient_name}</Td>}
            <Td>{e.doctor_name}</Td>
            <Td>{e.office_name ?? "Any office"}</Td>
            <Td>{weekdaysLabel(e.weekdays)}</Td>
            <Td>{windowLabel(e)}</Td>
            <Td>
              <Badge tone={URGENCY_TONES[e.urgency]}>{URGENCIES.find((u) => u.value === e.urgency)?.label}</Badge>
            </Td>
            <Td>
              <Badge tone={STATUS_TONES[e.status]}>{e.status}</Badge>
            </Td>
            <Td>{e.latest_date ? formatCalendarDate(e.latest_date) : formatDate(e.stale_at, zone)}</Td>
            <Td>
              {e.can_withdraw && (
                <Button
                  size="sm"
                  variant="secondary"
                  busy={withdraw.isPending && withdraw.variables?.params.path.id === e.id}
                  onClick={() => withdraw.mutate({ params: { path: { id: e.id } } })}
                  aria-label={`Withdraw ${showPatient ? `${e.patient_name}'s ` : ""}entry for ${e.doctor_name}`}
                >
                  Withdraw
                </Button>
              )}
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

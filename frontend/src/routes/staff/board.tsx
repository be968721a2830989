import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useAppointments, type Appointment } from "@/features/appointments/api/appointments";
import { AppointmentCard } from "@/features/appointments/components/appointment-card";
import { useOffices } from "@/features/directory/api/directory";
import { addDays, formatCalendarDate, localDayRange, today } from "@/utils/dates";

/** The day across offices and doctors: who is coming, who has arrived, what is left. */
export function ScheduleBoardPage() {
  const [day, setDay] = useState(today);
  const [officeId, setOfficeId] = useState("");
  const offices = useOffices({ is_active: true });
  const range = localDayRange(day);
  const appointments = useAppointments({ ...range, ...(officeId ? { office_id: Number(officeId) } : {}) });

  return (
    <>
      <PageHeader title="Schedule board" description={formatCalendarDate(day)} />
      <Card className="mb-4">
        <div className="flex flex-wrap items-end gap-3">
          <Button variant="secondary" onClick={() => setDay(addDays(day, -1))} aria-label="Previous day">
            ←
          </Button>
          <TextField label="Day" type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
          <Button variant="secondary" onClick={() => setDay(addDays(day, 1))} aria-label="Next day">
            →
          </Button>
          <Button variant="ghost" onClick={() => setDay(today())}>
            Today
          </Button>
          <SelectField label="Office" className="min-w-52" value={officeId} onChange={(e) => setOfficeId(e.target.value)}>
            <option value="">All offices</option>
            {(offices.data?.items ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        </div>
      </Card>
      <QueryState query={appointments} empty={<EmptyState title="No appointments on this day." />}>
        {(data) => <Board items={data.items} />}
      </QueryState>
    </>
  );
}

function Board({ items }: { items: Appointment[] }) {
  const columns = new Map<string, Appointment[]>();
  for (const a of items) {
    const key = `${a.office_name} · ${a.doctor_name}`;
    columns.set(key, [...(columns.get(key) ?? []), a]);
  }
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {[...columns].sort(([a], [b]) => a.localeCompare(b)).map(([title, list]) => (
        <section key={title} aria-label={title} className="rounded-lg border border-slate-200 bg-slate-100 p-3">
          <h2 className="mb-2 font-semibold">{title}</h2>
          <ul className="space-y-2">
            {list.map((a) => (
              <AppointmentCard key={a.id} appointment={a} show="patient" actions={["confirm", "check-in", "no-show", "cancel"]} canReschedule />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

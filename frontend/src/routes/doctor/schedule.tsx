import { useState } from "react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useAppointments } from "@/features/appointments/api/appointments";
import { AppointmentCard } from "@/features/appointments/components/appointment-card";
import { useCurrentUser } from "@/features/auth/current-user";
import { addDays, formatDayHeading, groupByLocalDay, localDayRange, startOfWeek, today } from "@/utils/dates";
import { cn } from "@/utils/cn";

type View = "day" | "week";

export function DoctorSchedulePage() {
  const user = useCurrentUser();
  const [view, setView] = useState<View>("day");
  const [day, setDay] = useState(today);
  const first = view === "day" ? day : startOfWeek(day);
  const last = view === "day" ? day : addDays(first, 6);
  const step = view === "day" ? 1 : 7;
  const appointments = useAppointments({ doctor_id: user.doctor_id ?? undefined, ...localDayRange(first, last) }, user.doctor_id != null);

  if (user.doctor_id == null) return <p role="alert">This account has no doctor profile.</p>;
  return (
    <>
      <PageHeader title="Your schedule" description={view === "day" ? formatDayHeading(first) : `${formatDayHeading(first)} – ${formatDayHeading(last)}`} />
      <Card className="mb-4">
        <div className="flex flex-wrap items-end gap-3">
          <div role="group" aria-label="View" className="flex rounded-md border border-slate-300">
            {(["day", "week"] as const).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} className={cn("min-h-11 px-4 text-sm font-medium capitalize first:rounded-l-md last:rounded-r-md", view === v ? "bg-brand-600 text-white" : "bg-white text-slate-800 hover:bg-slate-100")}>
                {v}
              </button>
            ))}
          </div>
          <Button variant="secondary" onClick={() => setDay(addDays(day, -step))} aria-label={`Previous ${view}`}>
            ←
          </Button>
          <TextField label="Date" type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
          <Button variant="secondary" onClick={() => setDay(addDays(day, step))} aria-label={`Next ${view}`}>
            →
          </Button>
          <Button variant="ghost" onClick={() => setDay(today())}>
            Today
          </Button>
        </div>
      </Card>
      <QueryState query={appointments} empty={<EmptyState title={view === "day" ? "No appointments on this day." : "No appointments this week."} />}>
        {(data) => (
          <div className="space-y-6">
            {[...groupByLocalDay(data.items, (a) => a.starts_at)].map(([key, items]) => (
              <section key={key} aria-label={formatDayHeading(key)}>
                {view === "week" && <h2 className="mb-2 font-semibold">{formatDayHeading(key)}</h2>}
                <ul className="space-y-3">
                  {items.map((a) => (
                    <AppointmentCard
                      key={a.id}
                      appointment={a}
                      show="patient"
                      actions={["confirm", "check-in", "complete", "no-show"]}
                      extra={
                        <>
                          <Link to={`/doctor/patients/${a.patient_id}`} className="text-sm font-medium text-brand-700 underline">
                            Chart
                          </Link>
                          {(a.status === "checked_in" || a.status === "completed") && (
                            <Link to={`/doctor/appointments/${a.id}/record`} className="text-sm font-medium text-brand-700 underline">
                              Write record
                            </Link>
                          )}
                        </>
                      }
                    />
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}

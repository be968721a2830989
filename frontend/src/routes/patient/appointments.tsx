import { useState } from "react";
import { Link } from "react-router";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useAppointments } from "@/features/appointments/api/appointments";
import { AppointmentCard } from "@/features/appointments/components/appointment-card";
import { AddToCalendar } from "@/features/calendar-feeds/components/add-to-calendar";

export function PatientAppointmentsPage() {
  const [now] = useState(() => new Date().toISOString());
  const [pastPage, setPastPage] = useState(1);
  const upcoming = useAppointments({ from: now });
  const past = useAppointments({ to: now, page: pastPage, per_page: 10 });
  return (
    <>
      <PageHeader
        title="Your appointments"
        actions={
          <Link to="/patient/book" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Book an appointment
          </Link>
        }
      />
      <div className="space-y-6">
        <Card aria-labelledby="upcoming-title">
          <SectionTitle id="upcoming-title">Upcoming</SectionTitle>
          <QueryState query={upcoming} empty={<EmptyState title="No upcoming appointments.">Book one when you need to see a doctor.</EmptyState>}>
            {(data) => (
              <ul className="space-y-3">
                {data.items.map((a) => (
                  <AppointmentCard key={a.id} appointment={a} actions={["confirm", "cancel"]} canReschedule extra={<AddToCalendar appointmentId={a.id} />} />
                ))}
              </ul>
            )}
          </QueryState>
        </Card>
        <Card aria-labelledby="past-title">
          <SectionTitle id="past-title">Past</SectionTitle>
          <QueryState query={past} empty={<EmptyState title="No past appointments." />}>
            {(data) => (
              <>
                <ul className="space-y-3">
                  {[...data.items].reverse().map((a) => (
                    <AppointmentCard key={a.id} appointment={a} />
                  ))}
                </ul>
                <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPastPage} />
              </>
            )}
          </QueryState>
        </Card>
      </div>
    </>
  );
}

import { Link } from "react-router";
import { Card, PageHeader } from "@/components/ui/card";
import { BookingForm } from "@/features/appointments/components/booking-form";

export function PatientBookPage() {
  return (
    <>
      <PageHeader title="Book an appointment" description="Pick a doctor, an office and a free time." />
      <Card>
        <BookingForm />
      </Card>
      <p className="mt-4 text-sm">
        <Link to="/patient/appointments" className="text-brand-700 underline">
          See your appointments
        </Link>
      </p>
    </>
  );
}

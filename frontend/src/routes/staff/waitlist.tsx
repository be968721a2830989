import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { doctorName, useDoctors } from "@/features/directory/api/directory";
import { patientName, type Patient } from "@/features/patients/api/patients";
import { PatientSearch } from "@/features/patients/components/patient-search";
import { useOffers, useWaitlist } from "@/features/waitlist/api/waitlist";
import { EntryTable } from "@/features/waitlist/components/entry-table";
import { JoinWaitlistForm } from "@/features/waitlist/components/join-form";
import { OfferList } from "@/features/waitlist/components/offer-list";
import { useDocumentTitle } from "@/lib/document-title";

export function StaffWaitlistPage() {
  useDocumentTitle("Waitlist");
  const doctors = useDoctors({ per_page: 100 });
  const [doctorId, setDoctorId] = useState<number | undefined>(undefined);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [patient, setPatient] = useState<Patient | null>(null);
  const entries = useWaitlist({ doctor_id: doctorId, include_closed: includeClosed, page, per_page: 25 });
  const offers = useOffers();
  return (
    <>
      <PageHeader
        title="Waitlist"
        description="Patients waiting for a visit, the most urgent first. A cancelled visit is offered to the matching patients automatically."
        actions={
          <Button variant={adding ? "secondary" : "primary"} onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            {adding ? "Close" : "Add a patient"}
          </Button>
        }
      />
      {adding && (
        <Card className="mb-6" aria-labelledby="add-title">
          <SectionTitle id="add-title">Add a patient to the waitlist</SectionTitle>
          {patient ? (
            <div className="space-y-4">
              <p className="text-sm">
                For <span className="font-medium">{patientName(patient)}</span>{" "}
                <Button size="sm" variant="ghost" onClick={() => setPatient(null)}>
                  Choose another patient
                </Button>
              </p>
              <JoinWaitlistForm key={patient.id} patientId={patient.id} />
            </div>
          ) : (
            <PatientSearch actionLabel="Choose" onSelect={setPatient} />
          )}
        </Card>
      )}
      <section aria-labelledby="open-offers-title" className="mb-6">
        <SectionTitle id="open-offers-title">Open offers</SectionTitle>
        <QueryState query={offers} empty={<EmptyState title="No open offers." />}>
          {(p) => <OfferList offers={p.items} />}
        </QueryState>
      </section>
      <Card aria-labelledby="entries-title">
        <SectionTitle id="entries-title">Entries</SectionTitle>
        <div className="mb-4 flex flex-wrap items-end gap-4">
          <SelectField
            label="Doctor"
            value={doctorId ?? ""}
            onChange={(e) => {
              setDoctorId(e.target.value ? Number(e.target.value) : undefined);
              setPage(1);
            }}
          >
            <option value="">All doctors</option>
            {(doctors.data?.items ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {doctorName(d)}
              </option>
            ))}
          </SelectField>
          <label className="inline-flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={includeClosed}
              onChange={(e) => {
                setIncludeClosed(e.target.checked);
                setPage(1);
              }}
            />
            Show booked, withdrawn and expired entries
          </label>
        </div>
        <QueryState query={entries} empty={<EmptyState title="Nobody is waiting." />}>
          {(p) => (
            <>
              <EntryTable entries={p.items} showPatient />
              <Pager page={p.page} perPage={p.per_page} total={p.total} onPage={setPage} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}

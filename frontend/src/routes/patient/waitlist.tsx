import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useOffers, useWaitlist } from "@/features/waitlist/api/waitlist";
import { EntryTable } from "@/features/waitlist/components/entry-table";
import { JoinWaitlistForm } from "@/features/waitlist/components/join-form";
import { OfferList } from "@/features/waitlist/components/offer-list";
import { useDocumentTitle } from "@/lib/document-title";

export function PatientWaitlistPage() {
  useDocumentTitle("Waitlist");
  const offers = useOffers();
  const entries = useWaitlist();
  return (
    <>
      <PageHeader
        title="Waitlist"
        description="Wait for an earlier visit: when one that suits you is cancelled, we offer it to you. The first to accept gets it."
      />
      <section aria-labelledby="offers-title" className="mb-6">
        <SectionTitle id="offers-title">Visits offered to you</SectionTitle>
        <QueryState query={offers} empty={<EmptyState title="No offers right now.">We will notify you when a visit that suits you becomes free.</EmptyState>}>
          {(page) => <OfferList offers={page.items} />}
        </QueryState>
      </section>
      <Card className="mb-6" aria-labelledby="entries-title">
        <SectionTitle id="entries-title">You are waiting for</SectionTitle>
        <QueryState query={entries} empty={<EmptyState title="You are not on any waitlist." />}>
          {(page) => <EntryTable entries={page.items} />}
        </QueryState>
      </Card>
      <Card aria-labelledby="join-title">
        <SectionTitle id="join-title">Join a waitlist</SectionTitle>
        <JoinWaitlistForm />
      </Card>
    </>
  );
}

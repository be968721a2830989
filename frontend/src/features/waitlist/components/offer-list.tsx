import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { problemMessage } from "@/utils/problem";
import { timeLeft, useAcceptOffer, useDeclineOffer, waitlistMessage, type WaitlistOffer } from "../api/waitlist";

/** A moment on the office's wall clock, e.g. "Mon 7 Jan, 10:00". */
export function inZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
}

/** The clock, ticking every second while something counts down. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

const TONES: Record<WaitlistOffer["status"], Tone> = {
  open: "green",
  accepted: "blue",
  declined: "gray",
  taken: "amber",
  withdrawn: "gray",
  expired: "gray",
};

function OfferCard({ offer, now }: { offer: WaitlistOffer; now: number }) {
  const accept = useAcceptOffer();
  const decline = useDeclineOffer();
  const left = timeLeft(offer.expires_at, now);
  const open = offer.can_answer && left !== null;
  const error = accept.error ?? decline.error;
  const titleId = `offer-${offer.id}`;
  return (
    <Card as="li" aria-labelledby={titleId}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id={titleId} className="font-semibold text-slate-900">
            {inZone(offer.starts_at, offer.time_zone)} with {offer.doctor_name}
          </h3>
          <p className="text-sm text-slate-700">
            {offer.office_name} · {offer.duration_minutes} minutes · times in {offer.time_zone}
          </p>
        </div>
        <Badge tone={left === null && offer.status === "open" ? "gray" : TONES[offer.status]}>
          {left === null && offer.status === "open" ? "expired" : offer.status}
        </Badge>
      </div>
      {accept.isSuccess && <Alert tone="success" className="mt-3">Booked. You will find the visit under Appointments.</Alert>}
      {error != null && (
        <Alert tone="error" className="mt-3">
          {waitlistMessage(error) ?? problemMessage(error)}
        </Alert>
      )}
      {open && (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-800" aria-live="off">
            Accept before {inZone(offer.expires_at, offer.time_zone)} — <span className="font-medium">{left} left</span>
          </p>
          <Button busy={accept.isPending} disabled={decline.isPending} onClick={() => accept.mutate({ params: { path: { id: offer.id } } })}>
            Accept this visit
          </Button>
          <Button variant="secondary" busy={decline.isPending} disabled={accept.isPending} onClick={() => decline.mutate({ params: { path: { id: offer.id } } })}>
            Decline
          </Button>
        </div>
      )}
    </Card>
  );
}

/** Offers of freed visits, each with a countdown and accept/decline. */
export function OfferList({ offers }: { offers: WaitlistOffer[] }) {
  const now = useNow();
  return (
    <ul className="space-y-3" aria-label="Offers">
      {offers.map((offer) => (
        <OfferCard key={offer.id} offer={offer} now={now} />
      ))}
    </ul>
  );
}

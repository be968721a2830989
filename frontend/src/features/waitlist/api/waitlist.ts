import { useQueryClient } from "@tanstack/react-query";
import { $api, type Schemas } from "@/lib/api-client";
import { useInvalidateScheduling } from "@/features/appointments/api/appointments";
import { isProblem } from "@/utils/problem";

export type WaitlistEntry = Schemas["WaitlistEntryResponse"];
export type WaitlistOffer = Schemas["WaitlistOfferResponse"];
export type Urgency = Schemas["UrgencyDto"];
export type JoinWaitlist = Schemas["JoinWaitlistRequest"];

export const URGENCIES: { value: Urgency; label: string }[] = [
  { value: "routine", label: "Routine" },
  { value: "soon", label: "Soon" },
  { value: "urgent", label: "Urgent" },
];

/** ISO weekdays, 1 = Monday. */
export const WEEKDAYS: { value: number; label: string; short: string }[] = [
  { value: 1, label: "Monday", short: "Mon" },
  { value: 2, label: "Tuesday", short: "Tue" },
  { value: 3, label: "Wednesday", short: "Wed" },
  { value: 4, label: "Thursday", short: "Thu" },
  { value: 5, label: "Friday", short: "Fri" },
  { value: 6, label: "Saturday", short: "Sat" },
  { value: 7, label: "Sunday", short: "Sun" },
];

export type EntryFilters = { patient_id?: number; doctor_id?: number; office_id?: number; include_closed?: boolean; page?: number; per_page?: number };

export function useWaitlist(filters: EntryFilters = {}) {
  return $api.useQuery("get", "/api/v1/waitlist", { params: { query: { per_page: 50, ...filters } } });
}

export function useOffers(filters: { patient_id?: number; entry_id?: number; include_closed?: boolean } = {}) {
  return $api.useQuery("get", "/api/v1/waitlist/offers", { params: { query: { per_page: 50, ...filters } } }, { refetchInterval: 60_000 });
}

function useInvalidateWaitlist() {
  const queryClient = useQueryClient();
  const scheduling = useInvalidateScheduling();
  return () => {
    for (const path of ["/api/v1/waitlist", "/api/v1/waitlist/offers"]) {
      void queryClient.invalidateQueries({ queryKey: ["get", path] });
    }
    scheduling();
  };
}

export function useJoinWaitlist() {
  const invalidate = useInvalidateWaitlist();
  return $api.useMutation("post", "/api/v1/waitlist", { onSuccess: invalidate });
}

export function useWithdraw() {
  const invalidate = useInvalidateWaitlist();
  return $api.useMutation("post", "/api/v1/waitlist/{id}/withdraw", { onSuccess: invalidate });
}

export function useAcceptOffer() {
  const invalidate = useInvalidateWaitlist();
  return $api.useMutation("post", "/api/v1/waitlist/offers/{id}/accept", { onSettled: invalidate });
}

export function useDeclineOffer() {
  const invalidate = useInvalidateWaitlist();
  return $api.useMutation("post", "/api/v1/waitlist/offers/{id}/decline", { onSettled: invalidate });
}

/** Plain words for the waitlist's refusals; anything else falls back to the server's detail. */
const MESSAGES: Record<string, string> = {
  waitlist_offer_taken: "Someone else accepted this visit first. You stay on the waitlist for the next one.",
  waitlist_offer_expired: "This offer has run out. You stay on the waitlist for the next free visit.",
  waitlist_offer_closed: "This offer was already answered.",
  waitlist_already_waiting: "You are already on the waitlist for this doctor.",
  waitlist_entry_closed: "This entry no longer waits (it was booked, withdrawn or has expired).",
  appointment_conflict: "That time is no longer free, or you have another visit then.",
};

export function waitlistMessage(error: unknown): string | null {
  if (isProblem(error) && error.code && MESSAGES[error.code]) return MESSAGES[error.code]!;
  return null;
}

/** "1 h 05 min" / "4 min 09 s" / null once the moment has passed. */
export function timeLeft(until: string, now: number): string | null {
  const ms = Date.parse(until) - now;
  if (ms <= 0) return null;
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h} h ${pad(m)} min` : `${m} min ${pad(s)} s`;
}

/** "Mon, Wed" for preferred weekdays; "Any day" for none. */
export function weekdaysLabel(days: number[]): string {
  if (days.length === 0) return "Any day";
  return WEEKDAYS.filter((d) => days.includes(d.value))
    .map((d) => d.short)
    .join(", ");
}

export function windowLabel(entry: Pick<WaitlistEntry, "window_start" | "window_end">): string {
  return entry.window_start && entry.window_end ? `${entry.window_start}–${entry.window_end}` : "Any time";
}

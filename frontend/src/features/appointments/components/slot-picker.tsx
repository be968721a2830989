import { useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState, QueryState } from "@/components/ui/states";
import type { Schemas } from "@/lib/api-client";
import { shiftDate, todayIn } from "@/features/calendar/zone";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDay } from "@/lib/format";
import { cn } from "@/utils/cn";
import { useSlotSearch, type SlotSearch } from "../api/appointments";

export type SlotChoice = Schemas["SlotChoiceResponse"];
const DAYS = 7;

/** The office's calendar day of a moment, `YYYY-MM-DD`. */
export function officeDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

/** "9:00 AM" on the office's clock. */
export function officeTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(iso));
}

/** The office zone's short label at a moment ("CST"). */
export function zoneLabel(iso: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(new Date(iso)).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** Slots grouped by their office's day, in time order. */
export function groupByOfficeDay(slots: SlotChoice[]): [string, SlotChoice[]][] {
  const days = new Map<string, SlotChoice[]>();
  for (const slot of slots) {
    const day = officeDay(slot.starts_at, slot.time_zone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days.entries()];
}

export const slotKey = (s: SlotChoice) => `${s.starts_at}|${s.doctor_id}|${s.office_id}`;

/** Where the focus goes from `index` of `count` options on a key; null when the key is not ours. */
export function nextIndex(key: string, index: number, count: number): number | null {
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
      return (index + 1) % count;
    case "ArrowLeft":
    case "ArrowUp":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

function Day({ day, slots, value, showDoctor, onChange }: { day: string; slots: SlotChoice[]; value: string | null; showDoctor: boolean; onChange: (slot: SlotChoice) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const checkedIndex = slots.findIndex((s) => slotKey(s) === value);
  const tabStop = checkedIndex >= 0 ? checkedIndex : 0;
  const heading = formatDay(day);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const next = nextIndex(event.key, index, slots.length);
    if (next === null) return;
    event.preventDefault();
    onChange(slots[next]!);
    refs.current[next]?.focus();
  }

  return (
    <div>
      <h3 id={`day-${day}`} className="mb-2 text-sm font-semibold text-slate-800">
        {heading}
      </h3>
      <div role="radiogroup" aria-labelledby={`day-${day}`} className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6">
        {slots.map((slot, index) => {
          const checked = slotKey(slot) === value;
          const time = officeTime(slot.starts_at, slot.time_zone);
          const zone = zoneLabel(slot.starts_at, slot.time_zone);
          return (
            <button
              key={slotKey(slot)}
              ref={(el) => {
                refs.current[index] = el;
              }}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={index === tabStop ? 0 : -1}
              aria-label={`${heading} ${time} ${zone}${showDoctor ? ` with ${slot.doctor_name} at ${slot.office_name}` : ""}`}
              onClick={() => onChange(slot)}
              onKeyDown={(e) => onKeyDown(e, index)}
              className={cn(
                "min-h-11 rounded-md border px-2 py-1.5 text-left text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700",
                checked ? "border-brand-700 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-800 hover:border-brand-600",
              )}
            >
              <span className="block">{time}</span>
              {showDoctor && <span className={cn("block text-xs font-normal", checked ? "text-white" : "text-slate-700")}>{slot.doctor_name}</span>}
            </button>
          );
        })}
      </div>
    </div>
  );
}

const REQUEST_STATE: Record<string, string> = {
  pending: "A request is pending with the specialist.",
  denied: "The last request was declined.",
  cancelled: "The last request was withdrawn.",
};

/** Specialists who need a referral first, shown before any time is picked. */
export function ReferralNotices({ referrals }: { referrals: Schemas["ReferralNeededResponse"][] }) {
  if (referrals.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Specialists needing a referral">
      {referrals.map((r) => (
        <li key={r.doctor_id} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <strong>
            {r.doctor_name} ({r.specialty_name})
          </strong>
          : Needs a referral from your primary doctor. {r.latest_request ? REQUEST_STATE[r.latest_request] : "No request has been made yet."}
          {r.slots_withheld ? " Their times are shown once the referral is approved." : " The desk may still book them."}
        </li>
      ))}
    </ul>
  );
}

/**
 * Free slots a week at a time, grouped by the office's day and shown on the office's clock
 * with its zone. One tab stop per day; arrow keys (and Home/End) move between a day's times.
 */
export function SlotPicker({ search, value, onChange, startDate }: { search: SlotSearch; value: string | null; onChange: (slot: SlotChoice) => void; startDate?: string }) {
  // The first day offered is today on the clinic's clock, not the browser's.
  const first = todayIn(useClinicTimeZone());
  const [from, setFrom] = useState(startDate ?? first);
  const to = shiftDate(from, DAYS - 1);
  const slots = useSlotSearch(search, from, to);
  const showDoctor = search.doctorId === undefined;

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">Choose a time</legend>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button variant="secondary" size="sm" disabled={from <= first} onClick={() => setFrom(shiftDate(from, -DAYS))}>
          ← Earlier
        </Button>
        <p className="text-sm text-slate-700" aria-live="polite">
          {formatDay(from)} – {formatDay(to)}
        </p>
        <Button variant="secondary" size="sm" onClick={() => setFrom(shiftDate(from, DAYS))}>
          Later →
        </Button>
      </div>
      <QueryState
        query={slots}
        loadingLabel="Finding free times…"
        isEmpty={(d) => d.slots.length === 0 && d.referrals_needed.length === 0}
        empty={<EmptyState title="No free times this week.">Try the next week, another visit type or another doctor.</EmptyState>}
      >
        {(data) => (
          <div className="space-y-4">
            <ReferralNotices referrals={data.referrals_needed} />
            {data.slots[0] ? (
              <p className="text-xs text-slate-700">
                Times are the office's local time ({zoneLabel(data.slots[0].starts_at, data.slots[0].time_zone)}, {data.slots[0].time_zone}).
              </p>
            ) : (
              <p className="text-sm text-slate-700">No free times this week.</p>
            )}
            {groupByOfficeDay(data.slots).map(([day, daySlots]) => (
              <Day key={day} day={day} slots={daySlots} value={value} showDoctor={showDoctor} onChange={onChange} />
            ))}
          </div>
        )}
      </QueryState>
    </fieldset>
  );
}

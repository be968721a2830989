import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState, QueryState } from "@/components/ui/states";
import type { Schemas } from "@/lib/api-client";
import { addDays, browserTimeZone, formatDayHeading, formatTime, groupByLocalDay, today } from "@/utils/dates";
import { cn } from "@/utils/cn";
import { useAvailability } from "../api/appointments";

type Slot = Schemas["Slot"];
const DAYS = 7;

/**
 * Free slots of a doctor at an office, a week at a time, grouped by the browser's local day.
 * The slots are radio options: one is chosen at a time.
 */
export function SlotPicker({
  doctorId,
  officeId,
  value,
  onChange,
  startDate,
}: {
  doctorId: number;
  officeId: number;
  value: string | null;
  onChange: (slot: Slot) => void;
  startDate?: string;
}) {
  const first = today();
  const [from, setFrom] = useState(startDate ?? first);
  const to = addDays(from, DAYS - 1);
  const availability = useAvailability(doctorId, officeId, from, to);

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">Choose a time</legend>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button variant="secondary" size="sm" disabled={from <= first} onClick={() => setFrom(addDays(from, -DAYS))}>
          ← Earlier
        </Button>
        <p className="text-sm text-slate-700" aria-live="polite">
          {formatDayHeading(from)} – {formatDayHeading(to)}
        </p>
        <Button variant="secondary" size="sm" onClick={() => setFrom(addDays(from, DAYS))}>
          Later →
        </Button>
      </div>
      <p className="text-xs text-slate-600">Times are shown in your time zone ({browserTimeZone()}).</p>
      <QueryState
        query={availability}
        loadingLabel="Finding free times…"
        isEmpty={(d) => d.slots.length === 0}
        empty={<EmptyState title="No free times this week.">Try the next week, another office or another doctor.</EmptyState>}
      >
        {(data) => (
          <div role="radiogroup" aria-label="Free times" className="space-y-4">
            {[...groupByLocalDay(data.slots, (s) => s.starts_at)].map(([day, slots]) => (
              <div key={day}>
                <h3 className="mb-2 text-sm font-semibold text-slate-800">{formatDayHeading(day)}</h3>
                <div className="grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-8">
                  {slots.map((slot) => {
                    const checked = value === slot.starts_at;
                    return (
                      <button
                        key={slot.starts_at}
                        type="button"
                        role="radio"
                        aria-checked={checked}
                        aria-label={`${formatDayHeading(day)} ${formatTime(slot.starts_at)}`}
                        onClick={() => onChange(slot)}
                        className={cn(
                          "min-h-11 rounded-md border px-2 py-2 text-sm font-medium",
                          checked ? "border-brand-700 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-800 hover:border-brand-600",
                        )}
                      >
                        {formatTime(slot.starts_at)}
                      </button>
                    );
                  })}
                </div>
              </div>
            ))}
          </div>
        )}
      </QueryState>
    </fieldset>
  );
}

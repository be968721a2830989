import { $api, type Schemas } from "@/lib/api-client";
import { useInvalidateScheduling } from "./appointments";

export type SeriesBody = Schemas["SeriesBody"];
export type SeriesPreview = Schemas["SeriesPreviewResponse"];
export type SeriesBooked = Schemas["SeriesBookedResponse"];
export type Series = Schemas["SeriesResponse"];
export type Occurrence = Schemas["OccurrenceResponse"];
export type SeriesScope = Schemas["ScopeDto"];

export function usePreviewSeries() {
  return $api.useMutation("post", "/api/v1/appointment-series/preview");
}

export function useBookSeries() {
  const invalidate = useInvalidateScheduling();
  return $api.useMutation("post", "/api/v1/appointment-series", { onSuccess: invalidate });
}

export function useSeries(id: number | null) {
  return $api.useQuery("get", "/api/v1/appointment-series/{id}", { params: { path: { id: id ?? 0 } } }, { enabled: id !== null });
}

export function useCancelInSeries(onDone?: () => void) {
  const invalidate = useInvalidateScheduling();
  return $api.useMutation("post", "/api/v1/appointments/{id}/series-cancel", {
    onSuccess: () => {
      invalidate();
      onDone?.();
    },
  });
}

/** What the three cancel scopes are called on screen. */
export const SCOPE_LABELS: Record<SeriesScope, string> = {
  this: "This visit",
  this_and_following: "This and following visits",
  whole_series: "The whole series",
};

/** The RRULE text of the form's choices. */
export function ruleText(choice: { frequency: "DAILY" | "WEEKLY"; interval: number; days: string[]; end: "count" | "until"; count: number; until: string }): string {
  const parts = [`FREQ=${choice.frequency}`];
  if (choice.interval > 1) parts.push(`INTERVAL=${choice.interval}`);
  if (choice.frequency === "WEEKLY" && choice.days.length > 0) parts.push(`BYDAY=${choice.days.join(",")}`);
  parts.push(choice.end === "count" ? `COUNT=${choice.count}` : `UNTIL=${choice.until.replaceAll("-", "")}`);
  return parts.join(";");
}

import { useQueryClient } from "@tanstack/react-query";
import { $api, api, type Schemas } from "@/lib/api-client";

export type CalendarFeed = Schemas["CalendarFeedResponse"];
export type CreatedCalendarFeed = Schemas["CreatedCalendarFeedResponse"];

const FEEDS = "/api/v1/calendar-feeds";

export function useCalendarFeeds() {
  return $api.useQuery("get", FEEDS);
}

function useInvalidateFeeds() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ["get", FEEDS] });
}

export function useCreateCalendarFeed() {
  const invalidate = useInvalidateFeeds();
  return $api.useMutation("post", FEEDS, { onSuccess: invalidate });
}

export function useRevokeCalendarFeed() {
  const invalidate = useInvalidateFeeds();
  return $api.useMutation("delete", "/api/v1/calendar-feeds/{id}", { onSuccess: invalidate });
}

/** The full URL a calendar app subscribes to, from the path the server returned. */
export function feedUrl(path: string, origin: string = window.location.origin): string {
  return new URL(path, origin).toString();
}

/**
 * Downloads one visit's `.ics` through the API client (it needs the bearer token, so a plain
 * link would not do) and hands it to the browser as a file.
 */
export async function downloadVisitCalendar(appointmentId: number): Promise<void> {
  const { data, error } = await api.GET("/api/v1/appointments/{id}/ics", {
    params: { path: { id: appointmentId } },
    parseAs: "text",
  });
  if (error !== undefined || data === undefined) throw error ?? new Error("The calendar file could not be downloaded.");
  const url = URL.createObjectURL(new Blob([data], { type: "text/calendar" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `appointment-${appointmentId}.ics`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

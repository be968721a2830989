import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { $api } from "@/lib/api-client";
import type { CalendarQuery } from "./calendar";

/** How often a schedule left open asks whether anything changed. */
export const LIVE_INTERVAL_MS = 10_000;

export interface LiveSchedule {
  /** When the server last confirmed what is on screen is current (ms since epoch), or null. */
  checkedAt: number | null;
  /** The last check failed (offline, signed out, server down): the screen may be stale. */
  stale: boolean;
}

/**
 * Keeps a schedule current without a reload: every {@link LIVE_INTERVAL_MS} it asks
 * `GET /calendar/version` (one small row from the database) and reads the calendar again only
 * when the token changed — a visit booked, moved, cancelled or checked in anywhere, by anyone.
 * Polling rather than a push channel, because the server keeps no state: any instance answers the
 * same token, behind any load balancer. Paused while the tab is hidden (react-query's default),
 * checked again at once when it comes back.
 */
export function useLiveSchedule(query: CalendarQuery | null): LiveSchedule {
  const queryClient = useQueryClient();
  const version = $api.useQuery(
    "get",
    "/api/v1/calendar/version",
    { params: { query: query ?? { office_id: 0, from: "1970-01-01", days: 1 } } },
    { enabled: query !== null, refetchInterval: LIVE_INTERVAL_MS, refetchOnWindowFocus: "always", retry: false },
  );
  const token = version.data?.version ?? null;
  const key = query ? JSON.stringify(query) : null;
  const seen = useRef<{ key: string | null; token: string | null }>({ key: null, token: null });
  useEffect(() => {
    if (token === null) return;
    const before = seen.current;
    seen.current = { key, token };
    // A new day or office starts a new baseline; the same view with a new token is a change.
    if (before.key === key && before.token !== null && before.token !== token) {
      void queryClient.invalidateQueries({ queryKey: ["get", "/api/v1/calendar"] });
    }
  }, [token, key, queryClient]);
  return { checkedAt: version.dataUpdatedAt || null, stale: version.isError };
}

/** "Updated just now" / "Updated 12 s ago" / "Updated 3 min ago", for the live indicator. */
export function describeFreshness(checkedAt: number | null, now: number): string {
  if (checkedAt === null) return "Connecting…";
  const seconds = Math.max(0, Math.round((now - checkedAt) / 1000));
  if (seconds < 5) return "Updated just now";
  if (seconds < 60) return `Updated ${seconds} s ago`;
  return `Updated ${Math.floor(seconds / 60)} min ago`;
}

/** Re-renders every `ms`, for text that ages ("12 s ago"). */
export function useTicker(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

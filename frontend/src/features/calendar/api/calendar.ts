import { UNSAFE_DataRouterContext, useLocation, useSearchParams } from "react-router";
import { useContext, useEffect, useState } from "react";
import { $api } from "@/lib/api-client";
import type { CalendarView } from "../columns";
import { isDateKey } from "../zone";

export interface CalendarQuery {
  office_id: number;
  from: string;
  days: number;
  doctor_id?: number;
}

/** An office's days (contract #2: `GET /api/v1/calendar`), refreshed every minute for the front desk. */
export function useCalendar(query: CalendarQuery | null) {
  return $api.useQuery(
    "get",
    "/api/v1/calendar",
    { params: { query: query ?? { office_id: 0, from: "1970-01-01", days: 1 } } },
    { enabled: query !== null, refetchInterval: 60_000, placeholderData: (previous) => previous },
  );
}

function positiveInt(value: string | null): number | null {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

export interface CalendarParams {
  date: string | null;
  view: CalendarView;
  office: number | null;
  doctor: number | null;
}

/**
 * The grid's state in the URL (`?date=YYYY-MM-DD&view=day|week&office=ID&doctor=ID`), so a reload
 * or a shared link shows the same day. Values that do not parse count as absent.
 */
export function useCalendarParams(): CalendarParams & { update: (patch: Partial<CalendarParams>, options?: { replace?: boolean }) => void } {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  const raw = params.get("date");
  return {
    date: isDateKey(raw) ? raw : null,
    view: params.get("view") === "week" ? "week" : "day",
    office: positiveInt(params.get("office")),
    doctor: positiveInt(params.get("doctor")),
    update(patch, options = {}) {
      // The schedule completes its URL from an effect once the office has loaded. A click on a
      // link elsewhere renders as a transition, and the office's answer can commit before it:
      // the patch would then navigate back to this page over the click. The router's own state
      // already names the new page, so a patch from a page it has left is dropped.
      if (dataRouter && dataRouter.router.state.location.pathname !== pathname) return;
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === null || value === undefined) next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
  };
}

/** The current moment, ticking every `ms` (for the "now" line). */
export function useNow(ms = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

import { describeFreshness, useTicker, type LiveSchedule } from "../api/live";

/**
 * "● Live · Updated 4 s ago", or a warning when the last check failed. The ageing text is not a
 * live region (it would talk every second); only the switch to stale is announced.
 */
export function LiveIndicator({ live }: { live: LiveSchedule }) {
  const now = useTicker(1000);
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700" data-testid="live-indicator">
      <span aria-hidden="true" className={live.stale ? "size-2 rounded-full bg-amber-500" : "size-2 rounded-full bg-green-600"} />
      {live.stale ? (
        <span role="status">Not updating: check your connection · {describeFreshness(live.checkedAt, now)}</span>
      ) : (
        <span>
          Live · <span>{describeFreshness(live.checkedAt, now)}</span>
        </span>
      )}
    </span>
  );
}

import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/states";
import { useMarkAllRead, useNotifications, useUnreadCount } from "../api/notifications";
import { NotificationList } from "./notification-list";

/** The bell with the unread count; opens the latest notifications. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const count = unread.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div className="relative" ref={root}>
      <button
        type="button"
        className="relative inline-flex size-11 items-center justify-center rounded-full text-white hover:bg-white/10"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={count > 0 ? `Notifications, ${count} unread` : "Notifications"}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {count > 0 && (
          <span data-testid="unread-count" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-bold leading-5 text-white" aria-hidden>
            {count > 99 ? "99+" : count}
          </span>
        )}
      </button>
      {open && <BellPanel id={panelId} onNavigate={() => setOpen(false)} />}
    </div>
  );
}

function BellPanel({ id, onNavigate }: { id: string; onNavigate: () => void }) {
  const latest = useNotifications({ per_page: 8 });
  const markAll = useMarkAllRead();
  return (
    <div id={id} role="region" aria-label="Latest notifications" className="absolute right-0 z-30 mt-2 w-[min(24rem,calc(100vw-1.5rem))] rounded-lg border border-slate-200 bg-white text-slate-900 shadow-lg">
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 className="font-semibold">Notifications</h2>
        <Button variant="ghost" size="sm" busy={markAll.isPending} onClick={() => markAll.mutate({})}>
          Mark all read
        </Button>
      </div>
      <div className="max-h-96 overflow-y-auto">
        <QueryState query={latest} empty={<p className="px-3 py-6 text-center text-sm text-slate-600">No notifications yet.</p>}>
          {(page) => <NotificationList items={page.items} compact />}
        </QueryState>
      </div>
      <div className="border-t border-slate-200 px-3 py-2 text-right">
        <Link to="/notifications" className="text-sm font-medium text-brand-700 underline" onClick={onNavigate}>
          See all notifications
        </Link>
      </div>
    </div>
  );
}

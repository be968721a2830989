import type { Schemas } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/utils/cn";
import { useMarkRead } from "../api/notifications";

type Notification = Schemas["NotificationResponse"];

export function NotificationList({ items, compact = false }: { items: Notification[]; compact?: boolean }) {
  const zone = useClinicTimeZone();
  const markRead = useMarkRead();
  return (
    <ul className="divide-y divide-slate-200" aria-label="Notifications">
      {items.map((n) => (
        <li key={n.id} className={cn("flex items-start gap-3 py-3", compact && "px-3")}>
          <span
            className={cn("mt-1.5 size-2.5 shrink-0 rounded-full", n.is_read ? "bg-transparent" : "bg-brand-600")}
            aria-hidden
          />
          <div className="min-w-0 flex-1">
            <p className={cn("text-sm", n.is_read ? "text-slate-700" : "font-semibold text-slate-900")}>
              {n.message}
              {!n.is_read && <span className="sr-only"> (unread)</span>}
            </p>
            <p className="text-xs text-slate-600">
              <time dateTime={n.created_at}>{formatDateTime(n.created_at, zone)}</time>
            </p>
          </div>
          {!n.is_read && (
            <Button
              variant="ghost"
              size="sm"
              busy={markRead.isPending && markRead.variables?.params.path.id === n.id}
              onClick={() => markRead.mutate({ params: { path: { id: n.id } } })}
              aria-label={`Mark as read: ${n.message}`}
            >
              Mark read
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useMarkAllRead, useNotifications } from "@/features/notifications/api/notifications";
import { NotificationList } from "@/features/notifications/components/notification-list";

export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications({ page, per_page: 20, ...(unreadOnly ? { unread: true } : {}) });
  const markAll = useMarkAllRead();
  return (
    <>
      <PageHeader
        title="Notifications"
        actions={
          <Button variant="secondary" busy={markAll.isPending} onClick={() => markAll.mutate({})}>
            Mark all read
          </Button>
        }
      />
      <Card>
        <label className="mb-2 inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" checked={unreadOnly} onChange={(e) => { setUnreadOnly(e.target.checked); setPage(1); }} />
          Only unread
        </label>
        <QueryState query={list} empty={<EmptyState title="No notifications." />}>
          {(data) => (
            <>
              <NotificationList items={data.items} />
              <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}

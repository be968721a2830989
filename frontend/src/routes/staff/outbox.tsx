import { useState } from "react";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { OutboxTable, STATUS_LABELS, type OutboxStatus } from "@/features/outbox/components/outbox-table";
import { $api } from "@/lib/api-client";
import { useDocumentTitle } from "@/lib/document-title";

const STATUSES = Object.keys(STATUS_LABELS) as OutboxStatus[];

/** The front desk's view of the emails to patients: confirmations, notices and reminders. */
export function OutboxPage() {
  const [status, setStatus] = useState<OutboxStatus | "">("");
  const [page, setPage] = useState(1);
  useDocumentTitle("Outbox");
  const query = { page, per_page: 25, ...(status && { status }) };
  const outbox = $api.useQuery("get", "/api/v1/outbox", { params: { query } });

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Emails to patients about their visits: booking confirmations, moves, cancellations and reminders. Reminders for a visit that was cancelled or moved are not sent."
      />
      <Card className="mb-4">
        <div className="max-w-xs">
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as OutboxStatus | "");
              setPage(1);
            }}
          >
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </div>
      </Card>
      <Card>
        <QueryState query={outbox} empty={<EmptyState title="No messages match this filter." />}>
          {(data) => (
            <>
              <OutboxTable messages={data.items} />
              <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}

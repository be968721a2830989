import { useState } from "react";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useCurrentUser } from "@/features/auth/current-user";
import { useApprovals, type ApprovalStatus } from "@/features/clinical/api/clinical";
import { ApprovalCard } from "@/features/clinical/components/approval-card";

/** Requests addressed to this doctor to decide, and the ones they sent. */
export function ApprovalsInboxPage() {
  const user = useCurrentUser();
  const [status, setStatus] = useState<ApprovalStatus | "">("pending");
  const approvals = useApprovals(status ? { status } : {});
  return (
    <>
      <PageHeader title="Specialist approvals" />
      <SelectField label="Status" className="mb-4 max-w-60" value={status} onChange={(e) => setStatus(e.target.value as ApprovalStatus | "")}>
        <option value="pending">Pending</option>
        <option value="approved">Approved</option>
        <option value="denied">Denied</option>
        <option value="cancelled">Cancelled</option>
        <option value="">All</option>
      </SelectField>
      <QueryState query={approvals}>
        {(data) => {
          const inbox = data.items.filter((a) => a.specialist_id === user.doctor_id);
          const sent = data.items.filter((a) => a.requesting_doctor_id === user.doctor_id);
          return (
            <div className="grid gap-6 lg:grid-cols-2">
              <Card aria-labelledby="inbox-title">
                <SectionTitle id="inbox-title">To decide</SectionTitle>
                {inbox.length === 0 ? (
                  <EmptyState title="Nothing addressed to you." />
                ) : (
                  <ul className="space-y-3">
                    {inbox.map((a) => (
                      <ApprovalCard key={a.id} approval={a} decide />
                    ))}
                  </ul>
                )}
              </Card>
              <Card aria-labelledby="sent-title">
                <SectionTitle id="sent-title">You requested</SectionTitle>
                {sent.length === 0 ? (
                  <EmptyState title="No requests from you." />
                ) : (
                  <ul className="space-y-3">
                    {sent.map((a) => (
                      <ApprovalCard key={a.id} approval={a} cancel />
                    ))}
                  </ul>
                )}
              </Card>
            </div>
          );
        }}
      </QueryState>
    </>
  );
}

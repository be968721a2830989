import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useApprovals } from "@/features/clinical/api/clinical";
import { ApprovalCard } from "@/features/clinical/components/approval-card";
import { RecordList } from "@/features/clinical/components/record-list";

export function PatientRecordsPage() {
  const approvals = useApprovals({});
  return (
    <>
      <PageHeader title="Your records" description="Visit notes, test results and prescriptions. Flagged results are highlighted." />
      <div className="space-y-6">
        <Card aria-labelledby="records-title">
          <SectionTitle id="records-title">Medical records</SectionTitle>
          <RecordList />
        </Card>
        <Card aria-labelledby="approvals-title">
          <SectionTitle id="approvals-title">Specialist referrals</SectionTitle>
          <QueryState query={approvals} empty={<EmptyState title="No referrals." />}>
            {(data) => (
              <ul className="space-y-3">
                {data.items.map((a) => (
                  <ApprovalCard key={a.id} approval={a} />
                ))}
              </ul>
            )}
          </QueryState>
        </Card>
      </div>
    </>
  );
}

import { Card, PageHeader } from "@/components/ui/card";
import { useDocumentTitle } from "@/lib/document-title";
import { ClosuresManager } from "@/features/availability/components/closures-manager";

/** The front desk's (and admins') closures of an office: holidays and other closed days. */
export function ClosuresPage() {
  useDocumentTitle("Closures");
  return (
    <>
      <PageHeader title="Closures" description="Days an office is closed, such as public holidays. Patients see the label and cannot book those days." />
      <Card>
        <ClosuresManager />
      </Card>
    </>
  );
}

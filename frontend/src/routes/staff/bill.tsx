import { useParams } from "react-router";
import { BillPage, ReceiptPage, StatementPage } from "@/features/billing/components/bill-pages";

export function StaffBillPage() {
  return <BillPage base="/staff/billing" />;
}

export function StaffReceiptPage() {
  return <ReceiptPage base="/staff/billing" />;
}

/** `/staff/patients/:id/statement`. */
export function StaffStatementPage() {
  const id = Number(useParams().id);
  return <StatementPage patientId={Number.isFinite(id) ? id : null} base="/staff/billing" />;
}

import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Loading } from "@/components/ui/states";
import { Dialog } from "@/components/ui/dialog";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useBill, useBills, useIssueBill, type Bill } from "../api/bills";
import { PayForm } from "./pay-form";
import { PrintButton, Receipt } from "./receipt";

/**
 * Checkout of a visit in one dialog: the visit's bill (issued now if it has none, at the
 * visit's standard fee or a typed amount), then a payment, then its receipt.
 */
export function CheckoutDialog({ appointmentId, patientName, onClose }: { appointmentId: number; patientName: string; onClose: () => void }) {
  const existing = useBills({ appointment_id: appointmentId, per_page: 1 });
  const [issued, setIssued] = useState<Bill | null>(null);
  const [paid, setPaid] = useState<{ bill: Bill; paymentId: number } | null>(null);
  const listed = existing.data?.items[0] ?? null;
  const billId = issued?.id ?? listed?.id ?? null;
  // The list leaves out the history; the receipt needs the bill's payments.
  const full = useBill(billId);
  const bill = full.data ?? issued ?? listed;
  return (
    <Dialog title={`Check out ${patientName}`} onClose={onClose}>
      {existing.isPending ? (
        <Loading />
      ) : paid ? (
        <div className="space-y-3">
          <Alert tone="success">Payment recorded.</Alert>
          <Receipt bill={paid.bill} paymentId={paid.paymentId} />
          <div className="flex flex-wrap gap-2">
            <Link className="rounded-md border border-slate-300 px-3 py-2 text-slate-800 hover:bg-slate-100" to={`/staff/billing/${paid.bill.id}/receipts/${paid.paymentId}`}>
              Open printable receipt
            </Link>
            <PrintButton label="Print receipt" />
            <Button variant="secondary" onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      ) : bill ? (
        <div className="space-y-3">
          {bill.allowed_actions.includes("record_payment") ? (
            <PayForm
              bill={bill}
              chooseMethod
              onPaid={(after) => {
                const last = (after.payments ?? []).reduce((max, p) => (p.id > max ? p.id : max), 0);
                setPaid({ bill: after, paymentId: last });
              }}
            />
          ) : (
            <Alert tone="info">
              {bill.invoice_number} has nothing left to pay (balance {bill.balance}).
            </Alert>
          )}
          <Link className="text-sm text-brand-700 underline" to={`/staff/billing/${bill.id}`}>
            Open {bill.invoice_number}
          </Link>
        </div>
      ) : (
        <IssueBillForm appointmentId={appointmentId} onIssued={setIssued} />
      )}
    </Dialog>
  );
}

function IssueBillForm({ appointmentId, onIssued }: { appointmentId: number; onIssued: (bill: Bill) => void }) {
  const issue = useIssueBill();
  const [amount, setAmount] = useState("");
  const [localError, setLocalError] = useState<string>();
  const inFlight = useRef(false);
  const errors = fieldErrors(issue.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    const typed = amount.trim().replace(/^\$/, "");
    if (typed && !/^\d{1,10}(\.\d{1,2})?$/.test(typed)) {
      setLocalError("Enter an amount such as 120.00, or leave it empty for the standard fee");
      return;
    }
    setLocalError(undefined);
    inFlight.current = true;
    issue.mutate(
      { params: { path: { id: appointmentId } }, body: typed ? { amount_due: typed } : {} },
      {
        onSuccess: (bill) => onIssued(bill),
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Bill the visit">
      <p className="text-sm text-slate-700">This visit has no bill yet.</p>
      {issue.error != null && <Alert tone="error">{problemMessage(issue.error, ["amount_due"])}</Alert>}
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="Amount" inputMode="decimal" className="w-44" value={amount} hint="Leave empty for the visit's standard fee" error={localError ?? errors.amount_due} onChange={(e) => setAmount(e.target.value)} />
        <Button type="submit" busy={issue.isPending} className="mb-0.5">
          Create bill
        </Button>
      </div>
    </form>
  );
}

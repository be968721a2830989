import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime, formatMoney, paymentMethodLabel } from "@/lib/format";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useRefundBill, type Bill, type Payment } from "../api/bills";

/** Refunds (part of) one payment of a bill, with a reason (staff). */
export function RefundForm({ bill, payments, onDone }: { bill: Bill; payments: Payment[]; onDone?: () => void }) {
  const zone = useClinicTimeZone();
  const refund = useRefundBill();
  const [paymentId, setPaymentId] = useState(payments[0]?.id ?? 0);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const errors = fieldErrors(refund.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    refund.mutate(
      { params: { path: { id: bill.id } }, body: { payment_id: paymentId, amount: amount.trim(), reason: reason.trim() } },
      { onSuccess: () => onDone?.() },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Refund on bill ${bill.id}`}>
      {refund.error != null && <Alert tone="error">{problemMessage(refund.error, ["payment_id", "amount", "reason"])}</Alert>}
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label="Payment" className="w-72" value={paymentId} error={errors.payment_id} onChange={(e) => setPaymentId(Number(e.target.value))}>
          {payments.map((p) => (
            <option key={p.id} value={p.id}>
              {formatDateTime(p.paid_at, zone)} · {formatMoney(p.amount)} · {paymentMethodLabel(p.method)}
              {p.amount_refunded !== "0.00" ? ` (refunded ${formatMoney(p.amount_refunded)})` : ""}
            </option>
          ))}
        </SelectField>
        <TextField label="Refund amount" inputMode="decimal" className="w-40" value={amount} error={errors.amount} onChange={(e) => setAmount(e.target.value)} />
        <TextField label="Reason for refund" className="min-w-60 flex-1" required value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="submit" variant="secondary" busy={refund.isPending} className="mb-0.5">
          Refund
        </Button>
      </div>
    </form>
  );
}

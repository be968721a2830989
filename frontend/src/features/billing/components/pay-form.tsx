import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { formatMoney, parsePaymentAmount } from "@/utils/money";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { usePayBill, type Bill, type PaymentMethod } from "../api/bills";

const METHODS: PaymentMethod[] = ["card", "cash", "insurance", "transfer", "other"];

/** Pays (part of) a bill. Staff choose the method; patients pay by card. */
export function PayForm({ bill, chooseMethod = false, onPaid }: { bill: Bill; chooseMethod?: boolean; onPaid?: () => void }) {
  const pay = usePayBill();
  const [amount, setAmount] = useState(bill.balance);
  const [method, setMethod] = useState<PaymentMethod>("card");
  const [localError, setLocalError] = useState<string>();
  const errors = fieldErrors(pay.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parsePaymentAmount(amount, bill.balance);
    if ("error" in parsed) {
      setLocalError(parsed.error);
      return;
    }
    setLocalError(undefined);
    pay.mutate({ params: { path: { id: bill.id } }, body: { amount: parsed.amount, method } }, { onSuccess: () => onPaid?.() });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Pay bill ${bill.id}`}>
      {pay.error != null && <Alert tone="error">{problemMessage(pay.error, ["amount", "method"])}</Alert>}
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Amount"
          inputMode="decimal"
          className="w-40"
          value={amount}
          hint={`Balance ${formatMoney(bill.balance)}`}
          error={localError ?? errors.amount}
          onChange={(e) => setAmount(e.target.value)}
        />
        {chooseMethod && (
          <SelectField label="Method" className="w-40" value={method} error={errors.method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {m[0]!.toUpperCase() + m.slice(1)}
              </option>
            ))}
          </SelectField>
        )}
        <Button type="submit" busy={pay.isPending} className="mb-0.5">
          {chooseMethod ? "Record payment" : "Pay"}
        </Button>
      </div>
    </form>
  );
}

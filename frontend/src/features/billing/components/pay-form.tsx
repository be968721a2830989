import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { formatMoney, parsePaymentAmount } from "@/lib/format";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { usePayBill, type Bill, type PaymentMethod } from "../api/bills";

/** The methods staff record: money the clinic saw arrive. */
const STAFF_METHODS: { value: PaymentMethod; label: string }[] = [
  { value: "cash", label: "Cash" },
  { value: "card_present", label: "Card (at the desk)" },
  { value: "insurance", label: "Insurance" },
  { value: "cheque", label: "Cheque" },
  { value: "transfer", label: "Bank transfer" },
  { value: "other", label: "Other" },
];

/**
 * Pays (part of) a bill. Staff (`chooseMethod`) record the money the clinic received and choose
 * its method; a patient pays online, with the token of the clinic's payment provider, and only
 * where the server offers `pay_online`.
 */
export function PayForm({ bill, chooseMethod = false, onPaid }: { bill: Bill; chooseMethod?: boolean; onPaid?: () => void }) {
  const pay = usePayBill();
  const [amount, setAmount] = useState(bill.balance);
  const [method, setMethod] = useState<PaymentMethod>("cash");
  const [token, setToken] = useState("");
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
    const body = chooseMethod
      ? { amount: parsed.amount, method }
      : { amount: parsed.amount, method: "online" as const, payment_token: token.trim() };
    pay.mutate({ params: { path: { id: bill.id } }, body }, { onSuccess: () => onPaid?.() });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Pay bill ${bill.id}`}>
      {pay.error != null && <Alert tone="error">{problemMessage(pay.error, ["amount", "method", "payment_token"])}</Alert>}
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
        {chooseMethod ? (
          <SelectField label="Method" className="w-48" value={method} error={errors.method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
            {STAFF_METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            label="Payment token"
            className="min-w-60 flex-1"
            hint="From the payment provider's form"
            value={token}
            error={errors.payment_token}
            onChange={(e) => setToken(e.target.value)}
          />
        )}
        <Button type="submit" busy={pay.isPending} className="mb-0.5">
          {chooseMethod ? "Record payment" : "Pay"}
        </Button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useVoidBill, type Bill } from "../api/bills";

export function VoidForm({ bill, onDone }: { bill: Bill; onDone?: () => void }) {
  const voidBill = useVoidBill();
  const [reason, setReason] = useState("");
  const errors = fieldErrors(voidBill.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    voidBill.mutate({ params: { path: { id: bill.id } }, body: { reason: reason.trim() } }, { onSuccess: () => onDone?.() });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Void bill ${bill.id}`}>
      {voidBill.error != null && <Alert tone="error">{problemMessage(voidBill.error, ["reason"])}</Alert>}
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="Reason for voiding" className="min-w-60 flex-1" required value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="submit" variant="danger" busy={voidBill.isPending} className="mb-0.5">
          Void bill
        </Button>
      </div>
    </form>
  );
}

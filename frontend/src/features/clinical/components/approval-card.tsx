import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { approvalStatusLabel, formatDateTime } from "@/lib/format";
import { problemMessage } from "@/utils/problem";
import { useApprove, useCancelApproval, useDeny, type Approval, type ApprovalStatus } from "../api/clinical";

const TONE: Record<ApprovalStatus, Tone> = {
  pending: "amber",
  approved: "green",
  denied: "red",
  cancelled: "gray",
};

/** A specialist approval; `decide` lets the specialist approve or deny, `cancel` the requester withdraw. */
export function ApprovalCard({ approval, decide = false, cancel = false }: { approval: Approval; decide?: boolean; cancel?: boolean }) {
  const approve = useApprove();
  const deny = useDeny();
  const withdraw = useCancelApproval();
  const [note, setNote] = useState("");
  const [withdrawing, setWithdrawing] = useState(false);
  const zone = useClinicTimeZone();
  const error = approve.error ?? deny.error ?? withdraw.error;
  const a = approval;
  const pending = a.status === "pending";
  const path = { params: { path: { id: a.id } } };
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Approval for ${a.patient_name}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-semibold">
            {a.patient_name} → {a.specialist_name}
          </p>
          <p className="text-sm text-slate-600">
            Requested by {a.requesting_doctor_name} on {formatDateTime(a.requested_at, zone)}
          </p>
        </div>
        <Badge tone={TONE[a.status]}>{approvalStatusLabel(a.status)}</Badge>
      </div>
      <p className="mt-2 whitespace-pre-line text-sm">{a.reason}</p>
      {a.decision_note && <p className="mt-2 text-sm text-slate-700">Note: {a.decision_note}</p>}
      {error != null && <Alert tone="error" className="mt-2">{problemMessage(error)}</Alert>}
      {pending && (decide || cancel) && (
        <div className="mt-3 flex flex-wrap items-end gap-2">
          {decide && (
            <>
              <TextField label="Note (optional)" className="min-w-52 flex-1" value={note} onChange={(e) => setNote(e.target.value)} />
              <Button size="sm" busy={approve.isPending} onClick={() => approve.mutate({ ...path, body: { note: note.trim() || null } })}>
                Approve
              </Button>
              <Button size="sm" variant="danger" busy={deny.isPending} onClick={() => deny.mutate({ ...path, body: { note: note.trim() || null } })}>
                Deny
              </Button>
            </>
          )}
          {cancel && (
            <Button size="sm" variant="secondary" busy={withdraw.isPending} onClick={() => setWithdrawing(true)}>
              Withdraw request
            </Button>
          )}
          {withdrawing && (
            <ConfirmDialog
              title={`Withdraw the referral of ${a.patient_name}?`}
              message={`The request to ${a.specialist_name}, made on ${formatDateTime(a.requested_at, zone)}, will be withdrawn; the specialist will no longer see it as pending.`}
              confirmLabel="Withdraw request"
              cancelLabel="Keep request"
              tone="danger"
              busy={withdraw.isPending}
              error={withdraw.error != null ? problemMessage(withdraw.error) : undefined}
              onConfirm={() => withdraw.mutate(path, { onSuccess: () => setWithdrawing(false) })}
              onClose={() => setWithdrawing(false)}
            />
          )}
        </div>
      )}
    </li>
  );
}

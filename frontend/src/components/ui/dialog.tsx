import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { TextAreaField } from "./field";
import { cn } from "@/utils/cn";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/**
 * The app's one modal dialog. Labelled by its title (and described by `description` when
 * given); on open, focus moves to the element marked `data-autofocus`, else the first field or
 * button inside; Tab and Shift+Tab stay inside; Escape and a click on the backdrop close it;
 * on close focus returns to whatever had it before (the button that opened it).
 *
 * Render it only while open: `{editing && <Dialog title="…" onClose={() => setEditing(false)}>…</Dialog>}`.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  size = "md",
}: {
  title: string;
  /** A sentence under the title, read by screen readers when the dialog opens. */
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  size?: "sm" | "md" | "lg";
}) {
  const titleId = useId();
  const descriptionId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const target =
      box.current?.querySelector<HTMLElement>("[data-autofocus]") ??
      box.current?.querySelector<HTMLElement>("input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([data-close]):not([disabled])");
    (target ?? box.current)?.focus();
    return () => opener?.focus?.();
  }, []);
  function keyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== "Tab" || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-900/40 p-4 print:hidden" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={keyDown}
        className={cn("mt-12 w-full rounded-lg bg-white p-5 shadow-xl outline-none", size === "sm" ? "max-w-md" : size === "lg" ? "max-w-3xl" : "max-w-xl")}
      >
        <div className="mb-4 flex items-start justify-between gap-3">
          <div>
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-1 text-sm text-slate-700">
                {description}
              </div>
            )}
          </div>
          <button type="button" data-close className="rounded px-2 text-2xl leading-none text-slate-600 hover:bg-slate-100" onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** What a confirmation may ask for besides yes or no. */
export interface ReasonField {
  /** "Reason for cancelling". */
  label: string;
  /** Refuse to confirm without one ("Enter a reason"). */
  required?: boolean;
  hint?: ReactNode;
  /** Characters; the API's limits are mostly 1000. */
  maxLength?: number;
}

/**
 * "Are you sure?" as an accessible modal instead of `window.confirm`: says what will happen
 * in `message` (name the PATIENT, and the doctor and time, for a visit), optionally asks for a
 * reason (required or not), and shows the server's refusal in `error` without closing.
 *
 * `onConfirm(reason)` gets the trimmed reason (undefined when none was asked for or given);
 * pass `busy` while the request is in flight: the confirm button is disabled, so a double
 * click sends one request. Close it yourself on success.
 *
 * ```tsx
 * {cancelling && (
 *   <ConfirmDialog
 *     title="Cancel this visit?"
 *     message={`${a.patient_name} with ${a.doctor_name}, ${formatDateTimeRange(a.starts_at, a.ends_at, a.office_time_zone)}.`}
 *     confirmLabel="Cancel visit" cancelLabel="Keep visit" tone="danger"
 *     reason={{ label: "Reason", required: true, maxLength: 1000 }}
 *     busy={cancel.isPending} error={cancel.error && problemMessage(cancel.error)}
 *     onConfirm={(reason) => cancel.mutate(…, { onSuccess: () => setCancelling(null) })}
 *     onClose={() => setCancelling(null)} />
 * )}
 * ```
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel = "Go back",
  tone = "primary",
  reason,
  busy = false,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "primary" | "danger";
  reason?: ReasonField;
  busy?: boolean;
  error?: ReactNode;
  onConfirm: (reason: string | undefined) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const max = reason?.maxLength;
  const tooLong = max !== undefined && text.trim().length > max;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const trimmed = text.trim();
    if (reason?.required && trimmed === "") {
      setMissing(true);
      return;
    }
    if (tooLong) return;
    onConfirm(reason && trimmed !== "" ? trimmed : undefined);
  }
  const fieldError = missing && text.trim() === "" ? `Enter a ${reason?.label.toLowerCase() ?? "reason"}` : tooLong ? `Keep it to ${max} characters` : undefined;
  return (
    <Dialog title={title} description={message} onClose={onClose} size="sm">
      <form onSubmit={submit} noValidate className="space-y-4">
        {reason && (
          <TextAreaField
            label={reason.label}
            required={reason.required}
            hint={reason.hint ?? (reason.required ? undefined : "Optional")}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={fieldError}
          />
        )}
        {error && <Alert tone="error">{error}</Alert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} data-autofocus={reason ? undefined : true}>
            {cancelLabel}
          </Button>
          <Button type="submit" variant={tone === "danger" ? "danger" : "primary"} busy={busy}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

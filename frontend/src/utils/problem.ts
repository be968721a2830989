/**
 * Turns what the API client throws into something to show: problem+json bodies
 * (`{type, title, status, detail, errors: [{field, message}]}`) become plain sentences and a
 * map of field errors; network failures become a plain sentence. Forms built with the form
 * kit (`lib/forms.ts`, `lib/use-form.ts`) get this mapping onto their own fields and labels;
 * `fieldErrors`/`problemMessage` serve the forms that do not use it yet.
 */

export interface ProblemLike {
  title: string;
  status: number;
  detail?: string | null;
  code?: string;
  errors?: { field: string; message: string }[] | null;
}

export function isProblem(error: unknown): error is ProblemLike {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as ProblemLike).title === "string" &&
    typeof (error as ProblemLike).status === "number"
  );
}

/** `prescriptions[0].dosage` → `prescriptions.0.dosage`. */
export function normaliseField(field: string): string {
  return field.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}

/** "first_name" → "First name"; "address.postal_code" → "Postal code"; "items[0].qty" → "Qty (item 1)". */
export function humanizeField(field: string): string {
  const parts = normaliseField(field).split(".");
  const last = [...parts].reverse().find((p) => !/^\d+$/.test(p)) ?? field;
  const words = last.replace(/_/g, " ");
  const index = parts.find((p) => /^\d+$/.test(p));
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${index !== undefined ? ` (item ${Number(index) + 1})` : ""}`;
}

/**
 * A server message as a sentence about the field: the API's messages are mostly predicates
 * ("must contain an @"), so they get the label in front ("Email must contain an @."); a message
 * that is already a sentence ("Enter a date of birth.") is kept.
 */
export function plainMessage(label: string, message: string): string {
  const m = message.trim();
  if (m === "") return label ? `Check ${label.toLowerCase()}.` : "Something went wrong. Please try again.";
  const sentence = !/^[a-z]/.test(m) ? m : label ? `${label} ${m}` : `${m.charAt(0).toUpperCase()}${m.slice(1)}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * Field name (as the API names it) → its message(s) as the server wrote them, joined by "; ".
 * For forms not on the kit yet (which words them: `mapProblem` in `lib/forms.ts`).
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isProblem(error) || !Array.isArray(error.errors)) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.errors) {
    out[field] = out[field] ? `${out[field]}; ${message}` : message;
  }
  return out;
}

/** One sentence (or a few) for a banner. With `shownFields`, it does not repeat what the fields show. */
export function problemMessage(error: unknown, shownFields: string[] = []): string {
  if (isProblem(error)) {
    const errors = fieldErrors(error);
    const fields = Object.keys(errors);
    const unshown = fields.filter((f) => !shownFields.includes(f));
    if (fields.length > 0 && unshown.length === 0) return "Please correct the highlighted fields.";
    if (unshown.length > 0) {
      return (error.errors ?? [])
        .filter((e) => unshown.includes(e.field))
        .map((e) => plainMessage(humanizeField(e.field), e.message))
        .join(" ");
    }
    return error.detail || error.title;
  }
  if (error instanceof TypeError) return "Could not reach the server. Check your connection and try again.";
  if (error instanceof Error) return error.message;
  return "Something went wrong. Please try again.";
}

export function problemStatus(error: unknown): number | null {
  return isProblem(error) ? error.status : null;
}

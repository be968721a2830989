/**
 * Turns what the API client throws into something to show: problem+json bodies
 * (`{type, title, status, detail, errors: [{field, message}]}`) become a message and a map of
 * field errors; network failures become a plain sentence.
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

/** Field name → message. Several messages for one field are joined. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isProblem(error) || !Array.isArray(error.errors)) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.errors) {
    out[field] = out[field] ? `${out[field]}; ${message}` : message;
  }
  return out;
}

/** One sentence for a banner. With `shownFields`, it avoids repeating what the fields show. */
export function problemMessage(error: unknown, shownFields: string[] = []): string {
  if (isProblem(error)) {
    const fields = Object.keys(fieldErrors(error));
    const unshown = fields.filter((f) => !shownFields.includes(f));
    if (fields.length > 0 && unshown.length === 0) return "Please correct the highlighted fields.";
    const base = error.detail || error.title;
    if (unshown.length > 0) {
      const extra = unshown.map((f) => `${f}: ${fieldErrors(error)[f]}`).join("; ");
      return `${base} (${extra})`;
    }
    return base;
  }
  if (error instanceof TypeError) return "Could not reach the server. Check your connection.";
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

export function problemStatus(error: unknown): number | null {
  return isProblem(error) ? error.status : null;
}

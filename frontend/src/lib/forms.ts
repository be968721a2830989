/**
 * The form kit, pure half: client-side rules that mirror what the API documents (lengths,
 * required fields, email, phone, dates, amounts), checked ALL at once before a request leaves,
 * and the mapping of a problem+json answer's `errors: [{field, message}]` onto the form's
 * fields, in plain words. The React half is `useForm` in `lib/use-form.ts`.
 *
 * Field names are the form's keys. Nested API names map on by themselves when the form uses
 * the same dotted path: `address.city`, and list items as `prescriptions.0.dosage` (the API's
 * `prescriptions[0].dosage` is normalised to that). A form with ONE input for a nested body
 * (a single "Phone" box for `phone: {number}`) gets `phone.number`'s message on `phone`: an
 * error climbs to the nearest field the form has. `aliases` renames the rest
 * (`{ login: "username" }`). Whatever still fits no field goes to the banner, in words.
 */
import { humanizeField, isProblem, normaliseField, plainMessage } from "@/utils/problem";

export { humanizeField, normaliseField, plainMessage };

/** Form field → its message(s), joined into sentences. Empty: nothing to correct. */
export type FieldErrors = Record<string, string>;

/** A rule returns a plain-language message when the value breaks it. */
export type Rule = (value: string, values: Record<string, unknown>) => string | undefined;

/** A field's label (for messages and the banner) and its rules. */
export interface FieldSpec {
  label: string;
  rules?: Rule[];
}

export type Schema<K extends string = string> = Partial<Record<K, FieldSpec>>;

// ---------------------------------------------------------------------------------------------
// Rules: one function per kind of check, messages a person can act on
// ---------------------------------------------------------------------------------------------

const blank = (v: string) => v.trim() === "";
const length = (v: string) => [...v.trim()].length;

/** A field that must be filled. `message` defaults to "Enter <label>" via `check`. */
export function required(message?: string): Rule {
  return (v) => (blank(v) ? (message ?? REQUIRED) : undefined);
}
const REQUIRED = "\u0000required"; // replaced by "Enter your first name" etc. in `check`

/** Required only while `when(values)` holds (the rest of an optional address once one part is given). */
export function requiredWhen(when: (values: Record<string, unknown>) => boolean, message?: string): Rule {
  return (v, values) => (when(values) && blank(v) ? (message ?? REQUIRED) : undefined);
}

/** The same text as another field (a repeated new password). */
export function sameAs(otherField: string, message: string): Rule {
  return (v, values) => (!blank(v) && v !== String(values[otherField] ?? "") ? message : undefined);
}

export function minLength(min: number): Rule {
  return (v) => (!blank(v) && length(v) < min ? `Use at least ${min} characters.` : undefined);
}

export function maxLength(max: number): Rule {
  return (v) => (length(v) > max ? `Use at most ${max} characters (now ${length(v)}).` : undefined);
}

/** Letters, digits and `.`, `_`, `-`, starting with a letter or digit (the API's usernames). */
export function username(): Rule {
  return (v) => {
    const t = v.trim();
    if (blank(t)) return undefined;
    if (!/^[A-Za-z0-9._-]+$/.test(t)) return "Use only letters, digits, dots, dashes and underscores.";
    if (!/^[A-Za-z0-9]/.test(t)) return "Start with a letter or a digit.";
    return undefined;
  };
}

/** The API's email rule: one @, a name before it, a domain with a dot after it, no spaces. */
export function email(): Rule {
  return (v) => {
    const t = v.trim();
    if (blank(t)) return undefined;
    const at = t.split("@");
    if (/\s/.test(t) || at.length !== 2 || !at[0] || !at[1]?.includes(".") || at[1].split(".").some((p) => p === "")) {
      return "Enter an email address such as name@example.com.";
    }
    if (t.length > 254) return "Use at most 254 characters.";
    return undefined;
  };
}

/** The API's phone rule: 4 to 20 of digits, spaces, `-().` with at least 4 digits. */
export function phone(): Rule {
  return (v) => {
    const t = v.trim();
    if (blank(t)) return undefined;
    const digits = t.replace(/\D/g, "").length;
    return /^[\d ().-]{4,20}$/.test(t) && digits >= 4
      ? undefined
      : "Enter a phone number of digits, spaces, dashes, dots and brackets, such as (555) 010-0100.";
  };
}

function isCalendarDate(t: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A real calendar date "YYYY-MM-DD" (what a date input gives). */
export function date(): Rule {
  return (v) => (!blank(v) && !isCalendarDate(v.trim()) ? "Enter a date such as 1990-04-01." : undefined);
}

/** A date not after `today` ("YYYY-MM-DD", the clinic's today): a birth date. */
export function notInFuture(today: string, message = "This date cannot be in the future."): Rule {
  return (v) => (isCalendarDate(v.trim()) && v.trim() > today ? message : undefined);
}

/** A date on or after another field's date (an end after its start). */
export function onOrAfter(otherField: string, otherLabel: string): Rule {
  return (v, values) => {
    const other = String(values[otherField] ?? "");
    return isCalendarDate(v.trim()) && isCalendarDate(other) && v.trim() < other ? `Choose a date on or after the ${otherLabel.toLowerCase()}.` : undefined;
  };
}

/** A whole number in [min, max]. */
export function integer(min: number, max: number): Rule {
  return (v) => {
    const t = v.trim();
    if (blank(t)) return undefined;
    const n = Number(t);
    return /^-?\d+$/.test(t) && n >= min && n <= max ? undefined : `Enter a whole number from ${min} to ${max}.`;
  };
}

/** An amount such as 25.00: positive, at most two decimals. */
export function money(): Rule {
  return (v) => {
    const t = v.trim().replace(/^\$/, "").replace(/,/g, "");
    if (blank(t)) return undefined;
    return /^\d+(\.\d{1,2})?$/.test(t) && Number(t) > 0 ? undefined : "Enter an amount such as 25.00.";
  };
}

/** Matches a regular expression, else `message`. */
export function pattern(re: RegExp, message: string): Rule {
  return (v) => (!blank(v) && !re.test(v.trim()) ? message : undefined);
}

// ---------------------------------------------------------------------------------------------
// Checking a whole form at once
// ---------------------------------------------------------------------------------------------

/** "First name" → "Enter a first name." (reads for a patient and for the desk alike). */
function requiredMessage(label: string): string {
  const l = label.replace(/\s*\*$/, "");
  const lower = l.charAt(0).toLowerCase() + l.slice(1);
  const article = /^(your|the|a|an)\b/i.test(l) ? "" : /^([aeio]|u(?!s|ni))/i.test(l) ? "an " : "a ";
  return `Enter ${article}${lower}.`;
}

/** Every field's first broken rule, all fields at once. */
export function check<K extends string>(schema: Schema<K>, values: Record<K, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, spec] of Object.entries(schema) as [K, FieldSpec | undefined][]) {
    if (!spec?.rules) continue;
    const raw = values[field];
    const value = raw == null ? "" : String(raw);
    for (const rule of spec.rules) {
      const message = rule(value, values as Record<string, unknown>);
      if (message) {
        errors[field] = message === REQUIRED ? requiredMessage(spec.label) : message;
        break;
      }
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The server's answer → fields and a banner
// ---------------------------------------------------------------------------------------------

export interface MappedProblem {
  /** Messages on the form's fields (several for one field joined as sentences). */
  fields: FieldErrors;
  /** Sentences for errors that fit no field, and the problem's own detail when no field shows it. */
  banner: string[];
}

/**
 * Maps a problem+json answer onto the form: `fields` is what the form knows (its keys),
 * `labels` names them, `aliases` renames API fields (`{ "phone.number": "phone" }`).
 */
export function mapProblem(
  error: unknown,
  {
    fields,
    labels = {},
    aliases = {},
  }: { fields: readonly string[]; labels?: Record<string, string>; aliases?: Record<string, string> },
): MappedProblem {
  const out: MappedProblem = { fields: {}, banner: [] };
  if (!isProblem(error)) {
    if (error != null) out.banner.push(networkOrUnknown(error));
    return out;
  }
  const known = new Set(fields);
  const target = (apiField: string): string | undefined => {
    let f = normaliseField(apiField);
    for (;;) {
      if (aliases[f] !== undefined) return aliases[f];
      if (known.has(f)) return f;
      const cut = f.lastIndexOf(".");
      if (cut < 0) return undefined;
      f = f.slice(0, cut);
    }
  };
  for (const { field, message } of error.errors ?? []) {
    const at = target(field);
    if (at !== undefined) {
      const text = plainMessage(labels[at] ?? humanizeField(at), message);
      out.fields[at] = out.fields[at] ? `${out.fields[at]} ${text}` : text;
    } else {
      out.banner.push(plainMessage(humanizeField(field), message));
    }
  }
  const hasFieldErrors = Object.keys(out.fields).length > 0;
  if (!hasFieldErrors && out.banner.length === 0) {
    out.banner.push(plainMessage("", error.detail || error.title));
  } else if (hasFieldErrors && out.banner.length === 0) {
    const n = Object.keys(out.fields).length;
    out.banner.push(n === 1 ? "Please correct the field marked below." : `Please correct the ${n} fields marked below.`);
  }
  return out;
}

function networkOrUnknown(error: unknown): string {
  if (error instanceof TypeError) return "Could not reach the server. Check your connection and try again.";
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}

// ---------------------------------------------------------------------------------------------
// Lists of rows (emergency contacts, working-hours blocks) as flat form values
// ---------------------------------------------------------------------------------------------

/** The form key of a row's part: `working_hours.0.start` (the API's `working_hours[0].start`), or `0.name` for a bare list body. */
export function rowKey(prefix: string, index: number, part: string): string {
  return prefix ? `${prefix}.${index}.${part}` : `${index}.${part}`;
}

/** Rows → flat values (`rowKey` for each part). */
export function rowsToValues<P extends string>(prefix: string, rows: readonly Record<P, string>[], parts: readonly P[]): Record<string, string> {
  return Object.fromEntries(rows.flatMap((row, i) => parts.map((p) => [rowKey(prefix, i, p), row[p]])));
}

/** The first `count` rows back out of flat values. */
export function valuesToRows<P extends string>(prefix: string, values: Record<string, unknown>, count: number, parts: readonly P[]): Record<P, string>[] {
  return Array.from({ length: count }, (_, i) => Object.fromEntries(parts.map((p) => [p, String(values[rowKey(prefix, i, p)] ?? "")])) as Record<P, string>);
}

/** Is `key` a row key of the list at `prefix`? */
export function isRowKey(prefix: string, key: string): boolean {
  const rest = prefix ? (key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : null) : key;
  return rest !== null && /^\d+\./.test(rest);
}

/** How many rows the values hold (rows 0, 1, … that have `part`). */
export function countRows(values: Record<string, unknown>, prefix: string, part: string): number {
  let n = 0;
  while (rowKey(prefix, n, part) in values) n++;
  return n;
}

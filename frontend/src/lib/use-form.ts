/**
 * The form kit, React half. One hook holds a form's values, checks them all at once on submit
 * (rules from `lib/forms.ts`), maps the server's problem+json onto the fields, and refuses a
 * second submit while the first is in flight (a double click sends ONE request).
 *
 * ```tsx
 * const form = useForm({
 *   initial: { first_name: "", email: "" },
 *   schema: {
 *     first_name: { label: "First name", rules: [required(), maxLength(100)] },
 *     email: { label: "Email", rules: [required(), email()] },
 *   },
 *   aliases: { "phone.number": "phone" },            // API field → form field, when they differ
 *   submit: (values) => register.mutateAsync({ body: { … } }),  // return the promise
 *   onSuccess: () => navigate("/"),
 * });
 * <form {...form.formProps} aria-label="…">
 *   <FormErrors form={form} />                        // the banner: every problem, in words
 *   <TextField {...form.field("first_name")} required />
 *   <Button type="submit" busy={form.submitting}>Save</Button>
 * </form>
 * ```
 */
import { useCallback, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { check, countRows, isRowKey, mapProblem, rowKey, rowsToValues, valuesToRows, type FieldErrors, type Schema } from "./forms";

type Values = Record<string, string | boolean>;

export interface UseFormOptions<V extends Values, R> {
  initial: V;
  /** The rules; a function of the values when they depend on them (one set per row of a list). */
  schema?: Schema<Extract<keyof V, string>> | ((values: V) => Schema<Extract<keyof V, string>>);
  /** API field name → form field name, for the ones that differ (nested names climb by themselves). */
  aliases?: Record<string, string>;
  /** Extra field names the server may name that the form shows (e.g. list items `items.0.name`). */
  extraFields?: readonly string[];
  /** Sends the request; return its promise. A thrown problem+json is mapped onto the fields. */
  submit: (values: V) => Promise<R>;
  onSuccess?: (result: R, values: V) => void;
}

export interface FormState<V extends Values, R = unknown> {
  values: V;
  /** Field errors (client rules, then the server's). */
  errors: FieldErrors;
  /** Sentences for the banner; empty when there is nothing to say. */
  banner: string[];
  /** True from submit until the request settles: disable the submit button (`busy`). */
  submitting: boolean;
  /** The last server error (already mapped into `errors`/`banner`). */
  serverError: unknown;
  set: <K extends keyof V>(name: K, value: V[K]) => void;
  /** Props for `TextField`/`SelectField`/`TextAreaField`: id, name, value, onChange, error, label. */
  field: (name: Extract<keyof V, string>) => {
    id: string;
    name: string;
    label: string;
    value: string;
    error: string | undefined;
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
  };
  /** Spread on the `<form>`: onSubmit and noValidate (the kit checks, not the browser). */
  formProps: { onSubmit: (e: FormEvent) => void; noValidate: true };
  /** Submits from code (e.g. a dialog's confirm). Resolves when settled. */
  submitNow: () => Promise<void>;
  /** Back to `initial` (or new values), errors cleared. */
  reset: (values?: V) => void;
  /** Puts a server error on the form by hand (for requests the hook did not send). */
  showError: (error: unknown) => void;
  /** The id of a field's input, for focusing or linking from the banner. */
  idOf: (name: string) => string;
  result: R | undefined;
}

let formCount = 0;

export function useForm<V extends Values, R = unknown>(options: UseFormOptions<V, R>): FormState<V, R> {
  const { initial, schema: schemaOption = {}, aliases, extraFields = [], submit, onSuccess } = options;
  const schemaFor = (v: V) => (typeof schemaOption === "function" ? schemaOption(v) : schemaOption);
  const [values, setValues] = useState<V>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<{ fields: FieldErrors; banner: string[]; error: unknown }>({ fields: {}, banner: [], error: null });
  const [submitting, setSubmitting] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [result, setResult] = useState<R>();
  const inFlight = useRef(false);
  const [prefix] = useState(() => `form${++formCount}`);
  const latest = useRef(values);
  latest.current = values;

  const labels = Object.fromEntries(Object.entries(schemaFor(values)).map(([k, s]) => [k, (s as { label: string }).label]));
  // The fields are the values' keys (rows added with `set` count too) and any extra names.
  const fieldNames = [...new Set([...Object.keys(values), ...extraFields])];
  const idOf = useCallback((name: string) => `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`, [prefix]);

  const show = (error: unknown) => {
    const mapped = mapProblem(error, { fields: fieldNames, labels, aliases });
    setServer({ fields: mapped.fields, banner: mapped.banner, error });
  };

  function set<K extends keyof V>(name: K, value: V[K]) {
    const next = { ...latest.current, [name]: value };
    latest.current = next;
    setValues(next);
    // After a first attempt, re-check as the person types, so fixed fields clear at once.
    if (attempted) setClientErrors(check(schemaFor(next), next));
    if (server.fields[name as string]) {
      const rest = { ...server.fields };
      delete rest[name as string];
      setServer({ ...server, fields: rest });
    }
  }

  async function submitNow() {
    if (inFlight.current) return; // a second click while the first request is out: ignored
    const current = latest.current;
    setAttempted(true);
    const found = check(schemaFor(current), current);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      setServer({ fields: {}, banner: [], error: null });
      focusFirst(Object.keys(found));
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    setServer({ fields: {}, banner: [], error: null });
    try {
      const r = await submit(current);
      setResult(r);
      onSuccess?.(r, current);
    } catch (error) {
      const mapped = mapProblem(error, { fields: fieldNames, labels, aliases });
      setServer({ fields: mapped.fields, banner: mapped.banner, error });
      focusFirst(Object.keys(mapped.fields));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  function focusFirst(names: string[]) {
    const order = fieldNames.filter((n) => names.includes(n));
    const first = order[0] ?? names[0];
    if (first === undefined || typeof document === "undefined") return;
    queueMicrotask(() => document.getElementById(idOf(first))?.focus());
  }

  const errors: FieldErrors = { ...server.fields, ...clientErrors };
  const clientCount = Object.keys(clientErrors).length;
  const banner =
    clientCount > 0
      ? [clientCount === 1 ? "Please correct the field marked below." : `Please correct the ${clientCount} fields marked below.`]
      : server.banner;

  return {
    values,
    errors,
    banner,
    submitting,
    serverError: server.error,
    set,
    field: (name) => ({
      id: idOf(name),
      name,
      label: labels[name] ?? name,
      value: String(values[name] ?? ""),
      error: errors[name],
      onChange: (e) => {
        const t = e.target as HTMLInputElement;
        set(name, (t.type === "checkbox" ? t.checked : t.value) as V[typeof name]);
      },
    }),
    formProps: {
      noValidate: true,
      onSubmit: (e: FormEvent) => {
        e.preventDefault();
        void submitNow();
      },
    },
    submitNow,
    reset: (next) => {
      const v = next ?? initial;
      latest.current = v;
      setValues(v);
      setClientErrors({});
      setServer({ fields: {}, banner: [], error: null });
      setAttempted(false);
    },
    showError: show,
    idOf,
    result,
  };
}

/**
 * A list of rows inside a `useForm` form, keys `prefix.0.part` (see `rowKey`), so the server's
 * `prefix[1].part` lands on its row. The rows are the form's values (their number is read from
 * them, so a schema function can give each row its rules); adding and removing rows (a removal
 * renumbers the rows below it and clears the errors shown).
 */
export function useFormRows<P extends string, V extends Values>(
  form: Pick<FormState<V>, "values" | "set" | "reset">,
  prefix: string,
  parts: readonly P[],
) {
  const count = countRows(form.values, prefix, parts[0] ?? "");
  const rows = valuesToRows(prefix, form.values, count, parts);
  return {
    count,
    rows,
    key: (index: number, part: P) => rowKey(prefix, index, part),
    add: (row: Record<P, string>) => {
      for (const p of parts) form.set(rowKey(prefix, count, p), row[p] as V[string]);
    },
    remove: (index: number) => {
      const others = Object.fromEntries(Object.entries(form.values).filter(([k]) => !isRowKey(prefix, k)));
      form.reset({ ...others, ...rowsToValues(prefix, rows.filter((_, j) => j !== index), parts) } as V);
    },
  };
}

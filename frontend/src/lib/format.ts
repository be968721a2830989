/**
 * THE formatting module: every date, time, amount of money and code the app shows goes
 * through here, so each reads the same on every screen.
 *
 * - Instants (RFC 3339 from the API) are always shown in a GIVEN IANA zone, the office's (an
 *   appointment's `office_time_zone`, a calendar's `time_zone`) or the clinic's
 *   (`useClinicTimeZone()` in `lib/clinic-time-zone.ts`), never the browser's, with the zone's
 *   short label: "Wed, Dec 9, 9:00 AM CST". A laptop in UTC still reads Chicago time.
 * - Calendar dates ("YYYY-MM-DD": a birth date, a due date) have no zone and are never shifted.
 * - Money arrives as decimal strings ("120.00") and is worked on as whole cents (BigInt), so no
 *   amount passes through floating point.
 * - Codes (statuses, roles, payment methods, audit tables and actions) get the words a person
 *   at the desk would use.
 *
 * The locale is fixed to en-US (the clinic's), so what the e2e journey and the tests read is
 * what a person reads. Zone MATHS (wall clocks, day keys, instants at a local time) live in
 * `features/calendar/zone.ts`; this module only formats.
 */
import type { components } from "@/api/schema";

type S = components["schemas"];

const LOCALE = "en-US";

// ---------------------------------------------------------------------------------------------
// Times and dates
// ---------------------------------------------------------------------------------------------

function instant(value: string | Date): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** Formatters are costly to build; one per (options, zone). */
const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone ?? ""}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

/** `format` with plain spaces: some ICU versions put a narrow no-break space before "AM". */
function fmt(timeZone: string | undefined, options: Intl.DateTimeFormatOptions, at: Date): string {
  return formatter(timeZone, options).format(at).replace(/[\u202f\u2009\u00a0]/g, " ");
}

function part(timeZone: string, at: Date, options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes): string {
  return formatter(timeZone, options).formatToParts(at).find((p) => p.type === type)?.value ?? "";
}

function yearIn(timeZone: string, at: Date): string {
  return part(timeZone, at, { year: "numeric" }, "year");
}

/** Show the year only when it is not the current one (on the zone's clock). */
function withYear(timeZone: string, at: Date, now: Date): boolean {
  return yearIn(timeZone, at) !== yearIn(timeZone, now);
}

/**
 * The zone's short name at `at` ("CST" in winter, "CDT" in summer; "UTC"; where en-US knows no
 * abbreviation, the offset: "GMT+1").
 */
export function zoneAbbreviation(timeZone: string, at: string | Date = new Date()): string {
  return part(timeZone, instant(at), { timeZoneName: "short" }, "timeZoneName");
}

/** "9:00 AM" on the zone's clock, without the label (for a grid whose heading carries it). */
export function formatClock(iso: string | Date, timeZone: string): string {
  return fmt(timeZone, { hour: "numeric", minute: "2-digit" }, instant(iso));
}

/** "9:00 AM CST". */
export function formatTime(iso: string | Date, timeZone: string): string {
  const at = instant(iso);
  return `${formatClock(at, timeZone)} ${zoneAbbreviation(timeZone, at)}`;
}

/** "Wed, Dec 9" (or "Wed, Dec 9, 2027" in another year): the day an instant falls on in the zone. */
export function formatDate(iso: string | Date, timeZone: string, now: Date = new Date()): string {
  const at = instant(iso);
  return fmt(timeZone, {
    weekday: "short",
    month: "short",
    day: "numeric",
    ...(withYear(timeZone, at, now) && { year: "numeric" }),
  }, at);
}

/** "Wed, Dec 9, 9:00 AM CST" (the year shown when it is not this year). */
export function formatDateTime(iso: string | Date, timeZone: string, now: Date = new Date()): string {
  const at = instant(iso);
  return `${formatDate(at, timeZone, now)}, ${formatTime(at, timeZone)}`;
}

/**
 * "9:00 – 9:30 AM CST", "11:30 AM – 1:00 PM CST"; both ends labelled when the label changes
 * between them (a visit across the DST change).
 */
export function formatTimeRange(start: string | Date, end: string | Date, timeZone: string): string {
  const a = instant(start);
  const b = instant(end);
  const [za, zb] = [zoneAbbreviation(timeZone, a), zoneAbbreviation(timeZone, b)];
  const [ca, cb] = [formatClock(a, timeZone), formatClock(b, timeZone)];
  if (za !== zb) return `${ca} ${za} – ${cb} ${zb}`;
  const [ta, pa] = ca.split(" ");
  const [, pb] = cb.split(" ");
  const first = pa && pa === pb ? ta : ca;
  return `${first} – ${cb} ${za}`;
}

/** "Wed, Dec 9, 9:00 – 9:30 AM CST": a visit's day and times in one line. */
export function formatDateTimeRange(start: string | Date, end: string | Date, timeZone: string, now: Date = new Date()): string {
  return `${formatDate(start, timeZone, now)}, ${formatTimeRange(start, end, timeZone)}`;
}

function plainDate(key: string): Date {
  const [y = 1970, m = 1, d = 1] = key.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

/** "May 1, 1990": a calendar date from the API, never shifted by a zone. */
export function formatCalendarDate(key: string): string {
  return fmt("UTC", { month: "short", day: "numeric", year: "numeric" }, plainDate(key));
}

/** "Tue, Mar 10" for a calendar day. */
export function formatDay(key: string): string {
  return fmt("UTC", { weekday: "short", month: "short", day: "numeric" }, plainDate(key));
}

/** "Tuesday, March 10, 2026" for a calendar day. */
export function formatLongDay(key: string): string {
  return fmt("UTC", { weekday: "long", month: "long", day: "numeric", year: "numeric" }, plainDate(key));
}

/** "9:30 AM" for minutes past midnight (a working-hours time; no zone involved). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

/**
 * The long label shown beside a day's times: the zone's name and its offset from UTC that day,
 * e.g. "America/Chicago (UTC−05:00)".
 */
export function zoneLabel(timeZone: string, date: string): string {
  const offset = (at: Date) => {
    const name = part(timeZone, at, { timeZoneName: "longOffset" }, "timeZoneName"); // "GMT-05:00" | "GMT"
    return name === "GMT" ? "+00:00" : name.replace("GMT", "");
  };
  const minutes = (o: string) => (o.startsWith("-") ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6)));
  // Local noon of `date`: noon UTC moved by the zone's offset (read twice, in case noon UTC is
  // on the other side of a change).
  const noonUtc = plainDate(date);
  const guess = new Date(noonUtc.getTime() - minutes(offset(noonUtc)) * 60_000);
  const localNoon = new Date(noonUtc.getTime() - minutes(offset(guess)) * 60_000);
  return `${timeZone} (UTC${offset(localNoon).replace("-", "−")})`;
}

/** The browser's own zone: only for telling a person that it differs from the office's. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// ---------------------------------------------------------------------------------------------
// Money: whole cents as BigInt
// ---------------------------------------------------------------------------------------------

const MONEY = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Parses "120", "120.5" or "-3.25" into cents; null when it is not a plain decimal amount. */
export function toCents(value: string): bigint | null {
  const match = MONEY.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = "0", fraction = ""] = match;
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  return sign && cents !== 0n ? -cents : cents;
}

/** Cents back to the API's decimal string form: 12050n → "120.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "1234.5" → "$1,234.50"; "-3" → "-$3.00"; nothing → "—". Anything unparseable is shown as it came. */
export function formatMoney(value: string | null | undefined, symbol = "$"): string {
  if (value == null || value === "") return "—";
  const cents = toCents(value);
  if (cents === null) return value;
  const normal = fromCents(cents);
  const negative = normal.startsWith("-");
  const [whole = "0", fraction = "00"] = normal.replace("-", "").split(".");
  return `${negative ? "-" : ""}${symbol}${group(whole)}.${fraction}`;
}

export function addMoney(a: string, b: string): string {
  return fromCents((toCents(a) ?? 0n) + (toCents(b) ?? 0n));
}

export function subtractMoney(a: string, b: string): string {
  return fromCents((toCents(a) ?? 0n) - (toCents(b) ?? 0n));
}

/** The sum of several amounts ("0.00" for none). */
export function sumMoney(values: readonly string[]): string {
  return fromCents(values.reduce((total, v) => total + (toCents(v) ?? 0n), 0n));
}

/** -1, 0 or 1, like a comparator. */
export function compareMoney(a: string, b: string): number {
  const x = toCents(a) ?? 0n;
  const y = toCents(b) ?? 0n;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Checks what a person typed as a payment: a positive amount with at most two decimals, not
 * more than `max` when given. Returns the normalised amount ("20" → "20.00") or an error.
 */
export function parsePaymentAmount(input: string, max?: string): { amount: string } | { error: string } {
  const text = input.trim().replace(/^\$/, "").replace(/,/g, "");
  const cents = toCents(text);
  if (text === "" || cents === null || text.startsWith("-")) {
    return { error: "Enter an amount such as 25.00" };
  }
  if (cents <= 0n) return { error: "The amount must be more than zero" };
  if (max !== undefined && compareMoney(fromCents(cents), max) > 0) {
    return { error: `The amount cannot exceed the balance of ${formatMoney(max)}` };
  }
  return { amount: fromCents(cents) };
}

// ---------------------------------------------------------------------------------------------
// Codes → words
// ---------------------------------------------------------------------------------------------

/** "login_failed" → "Login failed": the fallback for a code this module does not know yet. */
export function humanizeCode(code: string): string {
  const words = code.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function labeller<K extends string>(labels: Record<K, string>) {
  return (code: K | string | null | undefined): string =>
    code == null || code === "" ? "—" : ((labels as Record<string, string>)[code] ?? humanizeCode(code));
}

export const APPOINTMENT_STATUS_LABELS: Record<S["AppointmentStatusDto"], string> = {
  scheduled: "Scheduled",
  confirmed: "Confirmed",
  checked_in: "Checked in",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};
export const appointmentStatusLabel = labeller(APPOINTMENT_STATUS_LABELS);

export const BILL_STATUS_LABELS: Record<S["PaymentStatusDto"], string> = {
  unpaid: "Unpaid",
  partially_paid: "Partially paid",
  paid: "Paid",
  overdue: "Overdue",
  void: "Void",
};
export const billStatusLabel = labeller(BILL_STATUS_LABELS);

export const APPROVAL_STATUS_LABELS: Record<S["ApprovalStatusDto"], string> = {
  pending: "Awaiting decision",
  approved: "Approved",
  denied: "Declined",
  cancelled: "Withdrawn",
};
export const approvalStatusLabel = labeller(APPROVAL_STATUS_LABELS);

export const WAITLIST_STATUS_LABELS: Record<S["WaitlistEntryStatusDto"], string> = {
  active: "Waiting",
  offered: "Offered a time",
  booked: "Booked",
  expired: "Expired",
  withdrawn: "Withdrawn",
};
export const waitlistStatusLabel = labeller(WAITLIST_STATUS_LABELS);

export const WAITLIST_OFFER_STATUS_LABELS: Record<S["WaitlistOfferStatusDto"], string> = {
  open: "Open",
  accepted: "Accepted",
  declined: "Declined",
  taken: "Taken by someone else",
  withdrawn: "Withdrawn",
  expired: "Expired",
};
export const waitlistOfferStatusLabel = labeller(WAITLIST_OFFER_STATUS_LABELS);

export const ROLE_LABELS: Record<S["RoleDto"], string> = {
  admin: "Administrator",
  doctor: "Doctor",
  staff: "Front desk",
  patient: "Patient",
};
export const roleLabel = labeller(ROLE_LABELS);

export const PAYMENT_METHOD_LABELS: Record<S["PaymentMethodDto"], string> = {
  cash: "Cash",
  card: "Card",
  card_present: "Card (in person)",
  cheque: "Cheque",
  insurance: "Insurance",
  transfer: "Bank transfer",
  online: "Online",
  other: "Other",
};
export const paymentMethodLabel = labeller(PAYMENT_METHOD_LABELS);

export const OUTBOX_STATUS_LABELS: Record<S["OutboxStatusDto"], string> = {
  pending: "Waiting",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  skipped: "Not needed",
  unsent: "Not sent (no mail server)",
};
export const outboxStatusLabel = labeller(OUTBOX_STATUS_LABELS);

export const MESSAGE_KIND_LABELS: Record<S["MessageKindDto"], string> = {
  booked: "Booking confirmation",
  moved: "Moved visit",
  cancelled: "Cancellation",
  reminder: "Reminder",
};
export const messageKindLabel = labeller(MESSAGE_KIND_LABELS);

/** The audit log's `action` column (the domain's `AuditAction`). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  insert: "Created",
  update: "Changed",
  delete: "Deleted",
  read: "Viewed",
  login: "Signed in",
  login_failed: "Failed sign-in",
};
export const auditActionLabel = labeller(AUDIT_ACTION_LABELS);

/** The audit log's `table_name` column: what kind of record was touched. */
export const AUDIT_TABLE_LABELS: Record<string, string> = {
  users: "User account",
  demographics: "Demographics",
  patients: "Patient",
  patient_emergency_contacts: "Emergency contact",
  patient_doctors: "Care team",
  insurances: "Insurance",
  doctors: "Doctor",
  doctor_offices: "Doctor's office",
  doctor_working_hours: "Working hours",
  doctor_time_off: "Time off",
  schedule_exceptions: "Schedule exception",
  offices: "Office",
  office_services: "Office service",
  office_closures: "Office closure",
  specialties: "Specialty",
  appointments: "Appointment",
  appointment_series: "Recurring visits",
  medical_records: "Medical record",
  prescriptions: "Prescription",
  specialist_approvals: "Specialist referral",
  bills: "Bill",
  payments: "Payment",
  refunds: "Refund",
  bill_adjustments: "Bill adjustment",
  clinic_settings: "Clinic settings",
  calendar_feeds: "Calendar feed",
  waitlist_entries: "Waitlist entry",
  waitlist_offers: "Waitlist offer",
  outbox_messages: "Email to patient",
  notifications: "Notification",
  allergies: "Allergy",
  problems: "Problem",
  record_addenda: "Record addendum",
};
export const auditTableLabel = labeller(AUDIT_TABLE_LABELS);

export const URGENCY_LABELS: Record<S["UrgencyDto"], string> = {
  routine: "Routine",
  soon: "Soon",
  urgent: "Urgent",
};
export const urgencyLabel = labeller(URGENCY_LABELS);

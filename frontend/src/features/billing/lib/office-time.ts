/**
 * Times on bills, receipts and statements read in the office's zone, labelled ("Mar 2, 2026,
 * 9:00 AM CST"), whatever the browser's zone. (To be folded into `lib/format.ts` once it lands.)
 */
export function officeDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) + ` ${zoneName(iso, timeZone)}`;
}

/** "Mar 2, 2026" on the office's calendar. */
export function officeDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(new Date(iso));
}

function zoneName(iso: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(new Date(iso)).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** Human words for the payment methods. */
export const METHOD_LABELS: Record<string, string> = {
  cash: "Cash",
  card: "Card",
  card_present: "Card (at the desk)",
  insurance: "Insurance",
  cheque: "Cheque",
  transfer: "Bank transfer",
  other: "Other",
  online: "Online",
};

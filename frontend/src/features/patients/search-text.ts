/**
 * How the server will read what was typed into the patient search (the rule is the API's,
 * `clinic_domain::patients::classify_search`; this mirror only words the hint under the box).
 */
export type SearchKind = { kind: "name"; text: string } | { kind: "email"; text: string } | { kind: "phone"; digits: string } | { kind: "dob"; date: string };

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function iso(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function month(word: string): number {
  const w = word.toLowerCase();
  const i = MONTHS.findIndex((m) => m === w || (w.length === 3 && m.startsWith(w)));
  return i + 1;
}

function num(m: RegExpMatchArray, i: number): number {
  return Number(m[i] ?? NaN);
}

/** A date of birth in the formats the server accepts, as `YYYY-MM-DD`, or null. */
export function parseBirthDate(text: string): string | null {
  const t = text.replace(/,/g, " ").trim().replace(/\s+/g, " ");
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/))) return iso(num(m, 1), num(m, 2), num(m, 3));
  if ((m = t.match(/^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/))) return iso(num(m, 3), num(m, 1), num(m, 2));
  if ((m = t.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/))) return iso(num(m, 3), num(m, 2), num(m, 1));
  if ((m = t.match(/^([A-Za-z]+) (\d{1,2}) (\d{4})$/))) return iso(num(m, 3), month(m[1] ?? ""), num(m, 2));
  if ((m = t.match(/^(\d{1,2}) ([A-Za-z]+) (\d{4})$/))) return iso(num(m, 3), month(m[2] ?? ""), num(m, 1));
  return null;
}

export function classifySearch(text: string): SearchKind | null {
  const t = text.trim().replace(/\s+/g, " ");
  if (!t) return null;
  if (t.includes("@")) return { kind: "email", text: t.toLowerCase() };
  const date = parseBirthDate(t);
  if (date) return { kind: "dob", date };
  const digits = t.replace(/\D/g, "");
  if (/^[\d+\-(). ]+$/.test(t) && digits.length >= 3) return { kind: "phone", digits };
  return { kind: "name", text: t.toLowerCase() };
}

/** The hint under the search box: what is being searched. */
export function searchHint(kind: SearchKind | null): string {
  if (!kind) return "Name, phone, email or date of birth. Small typos in names are fine.";
  switch (kind.kind) {
    case "email":
      return "Searching email addresses.";
    case "phone":
      return `Searching phone numbers for the digits ${kind.digits}.`;
    case "dob":
      return `Searching dates of birth: ${kind.date}.`;
    case "name":
      return "Searching names, closest first.";
  }
}

/**
 * Money arrives from the API as decimal strings with two places ("120.00"). These helpers work
 * on whole cents as BigInt, so no amount ever passes through floating point.
 */

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

/** "1234.5" → "$1,234.50"; "-3" → "-$3.00". Anything unparseable is shown as it came. */
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
export function parsePaymentAmount(
  input: string,
  max?: string,
): { amount: string } | { error: string } {
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

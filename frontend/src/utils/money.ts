/**
 * Moved to `@/lib/format` (the one formatting module). This re-export keeps files that have
 * not switched yet compiling; import from `@/lib/format` in new code. Remove once unused.
 */
export { addMoney, compareMoney, formatMoney, fromCents, parsePaymentAmount, subtractMoney, toCents } from "@/lib/format";

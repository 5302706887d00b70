/** Minor-unit digits per ISO 4217 currency where they differ from two. */
const MINOR_DIGITS: Record<string, number> = {
  BHD: 3, CLP: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KRW: 0, KWD: 3, LYD: 3,
  OMR: 3, PYG: 0, TND: 3, UGX: 0, VND: 0, XAF: 0, XOF: 0, XPF: 0,
};

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

/**
 * Converts a decimal amount, as carts send it ("24.95", 24.95, "20.965000"),
 * to integer minor units of the currency, rounding half away from zero.
 */
export function toMinor(amount: string | number | null | undefined, currency: string): number {
  if (amount === null || amount === undefined || amount === "") return 0;
  const text = typeof amount === "number" ? amount.toFixed(10) : amount.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal amount`);
  const [, sign, whole = "", fraction = ""] = match;
  const digits = minorDigits(currency);
  const kept = (fraction + "0".repeat(digits)).slice(0, digits);
  const next = Number(fraction.charAt(digits) || "0");
  let minor = Number(whole || "0") * 10 ** digits + Number(kept || "0");
  if (next >= 5) minor += 1;
  return sign ? -minor : minor;
}

/** Formats minor units as a plain decimal string, such as "49.85". */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const absolute = Math.abs(minor);
  if (digits === 0) return `${sign}${absolute}`;
  const text = String(absolute).padStart(digits + 1, "0");
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Returns the spreadsheet number format of an amount, with the currency's minor digits: "0.00" for EUR. */
export function spreadsheetFormatOf(currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? "0" : `0.${"0".repeat(digits)}`;
}

/** Formats minor units with the currency code, such as "EUR 49.85". */
export function formatMoney(minor: number, currency: string): string {
  return `${currency} ${formatMinor(minor, currency)}`;
}

/** Sums amounts per currency, for summaries. */
export function addToTotals(totals: Record<string, number>, currency: string, minor: number): void {
  totals[currency] = (totals[currency] ?? 0) + minor;
}

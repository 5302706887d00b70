/**
 * Money display. Amounts arrive as integer minor units with an ISO 4217
 * currency code, so they are formatted from integers and never rounded.
 */

/** Minor-unit digits of the currencies that do not use two. */
const MINOR_DIGITS: Record<string, number> = {
  BHD: 3,
  CLP: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  PYG: 0,
  TND: 3,
  UGX: 0,
  VND: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

export function minorDigitsOf(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

const groupedInteger = new Intl.NumberFormat("en-US", {
  maximumFractionDigits: 0,
  useGrouping: true,
});

/**
 * Formats minor units with the currency code, such as "EUR 1,234.50" or "JPY
 * 1,200".
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const digits = minorDigitsOf(currency);
  const sign = amountMinor < 0 ? "-" : "";
  const absoluteMinor = Math.abs(Math.trunc(amountMinor));
  const divisor = 10 ** digits;
  const whole = groupedInteger.format(Math.floor(absoluteMinor / divisor));
  if (digits === 0) return `${currency} ${sign}${whole}`;
  const fraction = String(absoluteMinor % divisor).padStart(digits, "0");
  return `${currency} ${sign}${whole}.${fraction}`;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes one CSV field as RFC 4180 specifies, and defuses spreadsheet formulas. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet. Numbers
  // are safe, also as text such as "-5.00", and keep their sign.
  const text =
    FORMULA_START.test(value) && !DECIMAL.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Builds one CSV record with its CRLF line end. */
export function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

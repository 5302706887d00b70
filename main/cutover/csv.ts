/** Quotes one CSV field as RFC 4180 asks, and defuses spreadsheet formulas. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; numbers are safe.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** Quotes one CSV field as RFC 4180 specifies, and defuses spreadsheet formulas. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet. Numbers
  // are safe, also as text such as "-5.00", and keep their sign.
  const isNumber = typeof value === "number" || /^-?\d+(\.\d+)?$/.test(text);
  if (!isNumber && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Builds one CSV record with its CRLF line end. */
export function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

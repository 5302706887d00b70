import { xmlText } from "./sheet-writer.js";

/** Strings the table takes before later new strings are written inline. */
const MAX_SHARED_STRINGS = 100_000;
/** Characters the table takes in all, which with the count bounds its memory. */
const MAX_SHARED_CHARS = 4_000_000;

/**
 * The shared string table of a workbook. A cell that refers to it contains
 * an index instead of the text, which makes the sheet XML of repetitive
 * columns much smaller. The table stops growing at its limits, so memory
 * stays bounded, and the writer then falls back to inline strings.
 */
export class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private chars = 0;

  get size(): number {
    return this.indexes.size;
  }

  /** Returns the index of `text`, adding it while there is room; null when the table is full. */
  indexOf(text: string): number | null {
    const known = this.indexes.get(text);
    if (known !== undefined) return known;
    const full =
      this.indexes.size >= MAX_SHARED_STRINGS ||
      this.chars + text.length > MAX_SHARED_CHARS;
    if (full) return null;
    this.chars += text.length;
    this.indexes.set(text, this.indexes.size);
    return this.indexes.size - 1;
  }

  xml(): string {
    const items: string[] = [];
    for (const text of this.indexes.keys()) {
      const keepsSpace = /^\s|\s$/.test(text);
      items.push(
        keepsSpace
          ? `<si><t xml:space="preserve">${xmlText(text)}</t></si>`
          : `<si><t>${xmlText(text)}</t></si>`,
      );
    }
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${this.indexes.size}">` +
      `${items.join("")}</sst>`
    );
  }
}

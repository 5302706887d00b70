import { xmlText } from "./sheet-writer.js";

/** The look of a cell. Every part left out keeps the workbook default. */
export type CellStyle = {
  bold?: boolean;
  /** Font colour as ARGB hex, such as "FF0000FF" for blue. */
  fontArgb?: string;
  /** Solid background as ARGB hex, such as "FFFFFF00" for yellow. */
  fillArgb?: string;
  /** Excel number format code, such as "0.00". */
  numberFormat?: string;
};

/** Number formats Excel has built in, by code; other codes get ids from 164 on. */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2 };
const FIRST_CUSTOM_FORMAT = 164;

const FONT_BASE = '<sz val="11"/><name val="Calibri"/><family val="2"/>';

/**
 * The styles of one workbook. style() gives each distinct CellStyle one id,
 * which cells refer to, and xml() writes styles.xml with all of them.
 * Id 0 is the default style.
 */
export class CellStyles {
  private readonly styleIds = new Map<string, number>();
  private readonly cellFormats: string[] = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  ];
  private readonly fonts = new Map<string, number>([["", 0]]);
  private readonly fills = new Map<string, number>();
  private readonly customFormats = new Map<string, number>();

  constructor() {
    this.styleIds.set(styleKeyOf({}), 0);
  }

  style(style: CellStyle): number {
    const key = styleKeyOf(style);
    const known = this.styleIds.get(key);

    if (known !== undefined) return known;

    const fontId = this.fontId(style);
    const fillId = style.fillArgb ? this.fillId(style.fillArgb) : 0;
    const formatId = style.numberFormat ? this.formatId(style.numberFormat) : 0;
    const applied = [
      formatId ? ' applyNumberFormat="1"' : "",
      fontId ? ' applyFont="1"' : "",
      fillId ? ' applyFill="1"' : "",
    ].join("");
    const id = this.cellFormats.length;
    this.cellFormats.push(
      `<xf numFmtId="${formatId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applied}/>`,
    );
    this.styleIds.set(key, id);
    return id;
  }

  xml(): string {
    const formats = [...this.customFormats]
      .map(
        ([code, id]) =>
          `<numFmt numFmtId="${id}" formatCode="${xmlAttribute(code)}"/>`,
      )
      .join("");
    const fonts = [...this.fonts.keys()]
      .map((key) => `<font>${key}${FONT_BASE}</font>`)
      .join("");
    const fills = [...this.fills.keys()]
      .map(
        (argb) =>
          `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`,
      )
      .join("");
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (formats ? `<numFmts count="${this.customFormats.size}">${formats}</numFmts>` : "") +
      `<fonts count="${this.fonts.size}">${fonts}</fonts>` +
      // Fills 0 and 1 are reserved: none and the gray125 pattern.
      `<fills count="${this.fills.size + 2}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.cellFormats.length}">${this.cellFormats.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      "</styleSheet>"
    );
  }

  private fontId(style: CellStyle): number {
    const key =
      (style.bold ? "<b/>" : "") +
      (style.fontArgb ? `<color rgb="${checkedArgb(style.fontArgb)}"/>` : "");
    return idOf(this.fonts, key);
  }

  private fillId(argb: string): number {
    return idOf(this.fills, checkedArgb(argb)) + 2;
  }

  private formatId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = FIRST_CUSTOM_FORMAT + this.customFormats.size;
    this.customFormats.set(code, id);
    return id;
  }
}

function styleKeyOf(style: CellStyle): string {
  return JSON.stringify([
    style.bold ?? false,
    style.fontArgb?.toUpperCase() ?? null,
    style.fillArgb?.toUpperCase() ?? null,
    style.numberFormat ?? null,
  ]);
}

function idOf(ids: Map<string, number>, key: string): number {
  const known = ids.get(key);
  if (known !== undefined) return known;
  ids.set(key, ids.size);
  return ids.size - 1;
}

function checkedArgb(argb: string): string {
  if (!/^[0-9A-Fa-f]{8}$/.test(argb)) {
    throw new Error(`Invalid ARGB colour ${argb}: expected 8 hex digits`);
  }
  return argb.toUpperCase();
}

/** Escapes a string for a double-quoted XML attribute. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, "&quot;");
}

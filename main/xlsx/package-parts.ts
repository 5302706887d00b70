import { xmlAttribute } from "./cell-styles.js";
import { columnLetters, xmlText } from "./sheet-writer.js";

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/** A note shown when the pointer rests on a cell. */
export type CellNote = {
  /** 0-based column index. */
  column: number;
  /** 1-based row number, as the sheet counts rows. */
  row: number;
  text: string;
};

/** One worksheet as the package lists it. */
export type SheetPart = {
  name: string;
  /** 1-based number in the part names, such as xl/worksheets/sheet2.xml. */
  number: number;
  notes: readonly CellNote[];
};

type Relationship = { id: string; type: string; target: string };

function relationshipsXml(relationships: readonly Relationship[]): string {
  const items = relationships
    .map(
      (relationship) =>
        `<Relationship Id="${relationship.id}" Type="${relationship.type}" Target="${relationship.target}"/>`,
    )
    .join("");
  return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIP_NS}">${items}</Relationships>`;
}

export function contentTypesXml(sheets: readonly SheetPart[], hasSharedStrings: boolean): string {
  const override = (part: string, type: string) =>
    `<Override PartName="${part}" ContentType="${type}"/>`;
  const sheetParts = sheets.map((sheet) => {
    const comments = sheet.notes.length
      ? override(`/xl/comments${sheet.number}.xml`, `${CONTENT_TYPE}.comments+xml`)
      : "";
    return (
      override(`/xl/worksheets/sheet${sheet.number}.xml`, `${CONTENT_TYPE}.worksheet+xml`) +
      comments
    );
  });
  return (
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
    override("/xl/workbook.xml", `${CONTENT_TYPE}.sheet.main+xml`) +
    override("/xl/styles.xml", `${CONTENT_TYPE}.styles+xml`) +
    (hasSharedStrings ? override("/xl/sharedStrings.xml", `${CONTENT_TYPE}.sharedStrings+xml`) : "") +
    sheetParts.join("") +
    override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
    override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml") +
    "</Types>"
  );
}

export function packageRelationshipsXml(): string {
  return relationshipsXml([
    { id: "rId1", type: `${RELATIONSHIP_NS}/officeDocument`, target: "xl/workbook.xml" },
    {
      id: "rId2",
      type: `${PACKAGE_RELATIONSHIP_NS}/metadata/core-properties`,
      target: "docProps/core.xml",
    },
    { id: "rId3", type: `${RELATIONSHIP_NS}/extended-properties`, target: "docProps/app.xml" },
  ]);
}

/** Builds xl/workbook.xml with the sheets in tab order. */
export function workbookXml(tabs: readonly SheetPart[]): string {
  const sheets = tabs
    .map(
      (sheet, index) =>
        `<sheet name="${xmlAttribute(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
    )
    .join("");
  return (
    `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIP_NS}">` +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets></workbook>`
  );
}

/** Builds xl/_rels/workbook.xml.rels: the sheets in tab order, then the styles and shared strings. */
export function workbookRelationshipsXml(
  tabs: readonly SheetPart[],
  hasSharedStrings: boolean,
): string {
  const sharedStrings = {
    id: `rId${tabs.length + 2}`,
    type: `${RELATIONSHIP_NS}/sharedStrings`,
    target: "sharedStrings.xml",
  };
  return relationshipsXml([
    ...tabs.map((sheet, index) => ({
      id: `rId${index + 1}`,
      type: `${RELATIONSHIP_NS}/worksheet`,
      target: `worksheets/sheet${sheet.number}.xml`,
    })),
    { id: `rId${tabs.length + 1}`, type: `${RELATIONSHIP_NS}/styles`, target: "styles.xml" },
    ...(hasSharedStrings ? [sharedStrings] : []),
  ]);
}

/** The relationship id a worksheet with notes gives its legacyDrawing element. */
export const NOTES_DRAWING_ID = "rId2";

export function sheetRelationshipsXml(sheet: SheetPart): string {
  return relationshipsXml([
    { id: "rId1", type: `${RELATIONSHIP_NS}/comments`, target: `../comments${sheet.number}.xml` },
    {
      id: NOTES_DRAWING_ID,
      type: `${RELATIONSHIP_NS}/vmlDrawing`,
      target: `../drawings/vmlDrawing${sheet.number}.vml`,
    },
  ]);
}

export function commentsXml(notes: readonly CellNote[], author: string): string {
  const comments = notes
    .map(
      (note) =>
        `<comment ref="${columnLetters(note.column)}${note.row}" authorId="0">` +
        `<text><r><t xml:space="preserve">${xmlText(note.text)}</t></r></text></comment>`,
    )
    .join("");
  return (
    `${XML_DECLARATION}<comments xmlns="${MAIN_NS}"><authors><author>${xmlText(author)}</author></authors>` +
    `<commentList>${comments}</commentList></comments>`
  );
}

/**
 * Builds the VML drawing that Excel uses to place and show notes: one
 * hidden text box per note, anchored beside its cell.
 */
export function notesDrawingXml(notes: readonly CellNote[], sheetNumber: number): string {
  const shapes = notes.map((note, index) => {
    const left = note.column + 1;
    const top = Math.max(note.row - 2, 0);
    return (
      `<v:shape id="_x0000_s${sheetNumber * 1024 + index + 1}" type="#_x0000_t202" ` +
      'style="position:absolute;width:240pt;height:80pt;z-index:1;visibility:hidden" ' +
      'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>' +
      '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
      `<x:Anchor>${left}, 15, ${top}, 10, ${left + 3}, 15, ${top + 5}, 4</x:Anchor>` +
      "<x:AutoFill>False</x:AutoFill>" +
      `<x:Row>${note.row - 1}</x:Row><x:Column>${note.column}</x:Column></x:ClientData></v:shape>`
    );
  });
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheetNumber}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes.join("")}</xml>`
  );
}

/** Builds docProps/core.xml; the times are the pinned instant, to the second. */
export function corePropertiesXml(creator: string, at: Date): string {
  const instant = `${at.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlText(creator)}</dc:creator><cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${instant}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${instant}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

export function appPropertiesXml(application: string): string {
  return (
    `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
    `<Application>${xmlText(application)}</Application></Properties>`
  );
}

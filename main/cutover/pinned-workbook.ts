import ExcelJS from "exceljs";

type ZipEntryData = Record<string, unknown>;
type ArchiverLike = {
  append(source: unknown, data: ZipEntryData): unknown;
  abort(): unknown;
};
type WritableStateLike = { _writableState?: { length: number } };
type WorksheetStreamLike = { pipes?: WritableStateLike[] };

type WorkbookOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>;

type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

function archiverOf(workbook: WorkbookWriter): ArchiverLike {
  return (workbook as unknown as { zip: ArchiverLike }).zip;
}

/**
 * Creates a streaming workbook whose bytes depend only on what is written:
 * every zip entry and the document properties carry `pinnedAt` instead of
 * the time of writing, so the same rows always give the same file.
 */
export function createPinnedWorkbook(
  options: WorkbookOptions,
  pinnedAt: Date,
): WorkbookWriter {
  class PinnedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
    // exceljs 4.4 adds its first zip entries in addThemes, called from its
    // own constructor, so the archiver's append is wrapped there: that is
    // before any entry exists.
    override addThemes(): Promise<void> {
      const zip = archiverOf(this);
      const append = zip.append.bind(zip);
      zip.append = (source, data) =>
        append(source, { ...data, date: pinnedAt });
      return super.addThemes();
    }
  }

  const workbook = new PinnedWorkbookWriter(options);
  const properties = workbook as unknown as Record<string, unknown>;
  properties.created = pinnedAt;
  properties.modified = pinnedAt;
  properties.creator = "Cart Cutover";
  properties.lastModifiedBy = "Cart Cutover";
  return workbook;
}

/** Stops a workbook's zip output; the caller removes the partial file. */
export function abortWorkbook(workbook: WorkbookWriter): void {
  archiverOf(workbook).abort();
}

/** Bytes a worksheet may have queued for compression before writing waits. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

/**
 * Waits until the zip has taken in what a streamed worksheet produced. The
 * exceljs stream writer hands rows to the zip without backpressure, so
 * without this wait a large sheet builds up in memory faster than deflate
 * consumes it.
 * NOTE: reads the pipe that exceljs 4.4 sets up between the worksheet and
 * the archiver. When that internal shape changes, this returns at once and
 * memory is no longer bounded, which the export benchmark shows.
 */
export async function waitForWorksheetDrain(
  worksheet: ExcelJS.Worksheet,
): Promise<void> {
  const stream = (worksheet as unknown as { stream?: WorksheetStreamLike })
    .stream;
  const pipe = stream?.pipes?.[0] as
    | (WritableStateLike & NodeJS.EventEmitter)
    | undefined;
  const state = pipe?._writableState;
  if (!pipe || !state) {
    await new Promise((resolve) => setImmediate(resolve));
    return;
  }
  while (state.length > MAX_QUEUED_BYTES) {
    await new Promise((resolve) => pipe.once("drain", resolve));
  }
}

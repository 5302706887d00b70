import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { createLogger } from "../logging/logger.js";
import { abandonStream } from "../xlsx/output-streams.js";
import {
  MAX_SHEET_ROWS,
  WorkbookWriter,
} from "../xlsx/workbook-writer.js";
import { BufferedText } from "./buffered-text.js";
import { sha256SumsOf } from "./checksums.js";
import { csvRow } from "./csv.js";
import type { ExportedOrder } from "./export-record.js";
import { EXPORT_COLUMNS, exportCsvOf } from "./export-rows.js";
import {
  instructionRows,
  type InstructionsFacts,
} from "./sales-orders-sheet.js";
import { SalesOrdersSheets } from "./sales-orders-writer.js";

/**
 * zlib level of the .xlsx. On the sheet of bench/export-bench.ts, level 1
 * deflates about three and a half times as fast as the default level 6,
 * and the file is about a third larger (28.6 MB against 21.3 MB).
 */
const XLSX_COMPRESSION_LEVEL = 1;

const log = createLogger("export");

const FILE_BUFFER_BYTES = 1024 * 1024;

/**
 * A rename that failed after some of an export's files had replaced the
 * earlier ones, so the folder mixes files of two exports.
 */
export class PartlyReplacedError extends Error {
  constructor(path: string, cause: Error) {
    super(
      `The export could not move ${basename(path)} into place (${cause.message}), after some of its files had replaced the earlier export's. The folder now mixes files of both exports, so export again.`,
    );
    this.name = "PartlyReplacedError";
  }
}

/** Final paths of one export's files; partial names add ".partial". */
export type ExportPaths = {
  csv: string;
  xlsx: string;
  summary: string;
  checksums: string;
};

export function exportPathsOf(folder: string, stem: string): ExportPaths {
  return {
    csv: join(folder, `${stem}.csv`),
    xlsx: join(folder, `${stem}.xlsx`),
    summary: join(folder, `${stem}.summary.json`),
    checksums: join(folder, `${stem}.sha256`),
  };
}

const partial = (path: string) => `${path}.partial`;

/**
 * The CSV and the .xlsx of one export, written side by side under partial
 * names. finish() renames them and adds the summary and the checksum file.
 * abort() removes every partial file. A cancelled export so leaves nothing
 * behind, and an earlier complete export stays as it was.
 */
export class ExportFileSet {
  private readonly csv: WriteStream;
  private readonly xlsxFile: WriteStream;
  private readonly workbook: WorkbookWriter;
  private readonly salesOrders: SalesOrdersSheets;
  private readonly csvText: BufferedText;
  private csvFailure: Error | null = null;

  constructor(
    private readonly paths: ExportPaths,
    pinnedAt: Date,
  ) {
    // Large buffers keep the file writes from pacing row building and
    // deflate in steps of the default 16 KiB.
    this.csv = createWriteStream(partial(paths.csv), {
      highWaterMark: FILE_BUFFER_BYTES,
    });
    this.csvText = new BufferedText(this.csv);
    this.xlsxFile = createWriteStream(partial(paths.xlsx), {
      highWaterMark: FILE_BUFFER_BYTES,
    });
    // A failed write, such as a full disk, ends the export at the next order.
    this.csv.on("error", (error: Error) => {
      this.csvFailure ??= error;
    });
    this.workbook = new WorkbookWriter(this.xlsxFile, {
      pinnedAt,
      creator: "Cart Cutover",
      compressionLevel: XLSX_COMPRESSION_LEVEL,
    });
    this.salesOrders = new SalesOrdersSheets(this.workbook, MAX_SHEET_ROWS);
  }

  /** Writes the CSV header and starts the first Sales Orders sheet. */
  async begin(): Promise<void> {
    await this.csvText.write(csvRow(EXPORT_COLUMNS));
    await this.salesOrders.start();
  }

  /** Writes one order's lines to both files. */
  async writeOrder(order: ExportedOrder): Promise<void> {
    if (this.csvFailure) throw this.csvFailure;
    await this.csvText.write(exportCsvOf(order));
    await this.salesOrders.writeOrder(order);
  }

  /**
   * Ends the Sales Orders sheets, writes the Instructions tab in front of
   * them, closes both files and renames them, then writes the summary and
   * the checksums.
   */
  async finish(
    facts: Omit<InstructionsFacts, "salesOrderSheets">,
    summaryJson: string,
  ): Promise<ExportPaths> {
    const salesOrderSheets = await this.salesOrders.end();
    const instructions = await this.workbook.addSheet("Instructions", {
      columnWidths: [22, 110],
      selected: true,
    });
    const headingStyle = [this.workbook.style({ bold: true })];
    for (const values of instructionRows({ ...facts, salesOrderSheets })) {
      instructions.writeRow(values, values.length === 1 ? headingStyle : undefined);
    }
    await instructions.end();
    await this.workbook.finish(["Instructions", ...salesOrderSheets]);
    if (this.csvFailure) throw this.csvFailure;
    await this.csvText.end();

    // Every file is complete under its partial name before any replaces an
    // earlier export's file, so a failure up to here leaves the earlier
    // export whole.
    const { csv, xlsx, summary, checksums } = this.paths;
    await writeFile(partial(summary), summaryJson);
    const sums = await sha256SumsOf(
      [csv, xlsx, summary].map((path) => ({ readPath: partial(path), finalPath: path })),
    );
    await writeFile(partial(checksums), sums);
    await this.moveIntoPlace([xlsx, csv, summary, checksums]);
    return this.paths;
  }

  /**
   * Renames the partial files to their final names. The .xlsx goes first,
   * because a spreadsheet program that holds the earlier one open can block
   * its rename on Windows, and then no earlier file has been replaced yet.
   */
  private async moveIntoPlace(paths: readonly string[]): Promise<void> {
    for (const [index, path] of paths.entries()) {
      try {
        await rename(partial(path), path);
      } catch (error) {
        if (index === 0) throw error;
        throw new PartlyReplacedError(path, error as Error);
      }
    }
  }

  /**
   * Stops writing and removes every partial file. It never throws, so the
   * error that ended the export is the one reported. A partial file it
   * cannot remove is logged.
   */
  async abort(): Promise<void> {
    this.workbook.abort();
    await Promise.all([abandonStream(this.csv), abandonStream(this.xlsxFile)]);
    const partials = Object.values(this.paths).map(partial);
    const removals = await Promise.allSettled(
      partials.map((path) => rm(path, { force: true })),
    );
    removals.forEach((removal, index) => {
      if (removal.status === "rejected") {
        log.warn("partial export file not removed", {
          file: partials[index],
          reason: (removal.reason as Error).message,
        });
      }
    });
  }
}

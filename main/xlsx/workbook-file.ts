import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { abandonStream } from "./output-streams.js";
import { WorkbookWriter, type WorkbookOptions } from "./workbook-writer.js";

/**
 * Writes a workbook file. `fill` writes the sheets and returns their names
 * in tab order. When writing fails, the file is removed and the error is
 * thrown on.
 */
export async function writeWorkbookFile(
  path: string,
  options: WorkbookOptions,
  fill: (book: WorkbookWriter) => Promise<readonly string[]>,
): Promise<void> {
  const output = createWriteStream(path);
  const book = new WorkbookWriter(output, options);
  try {
    await book.finish(await fill(book));
  } catch (error) {
    book.abort();
    await abandonStream(output);
    await rm(path, { force: true });
    throw error;
  }
}

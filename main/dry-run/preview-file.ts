import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Preview } from "../../preload/contract.js";
import { UserError } from "../app/user-error.js";
import { createLogger } from "../logging/logger.js";
import { savedPreviewSchema } from "./preview-schema.js";
import { writePreviewSpreadsheet } from "./preview-spreadsheet.js";

const log = createLogger("dry-run");

export const PREVIEW_EXTENSION = ".cartcutover-preview.json";
export const SPREADSHEET_EXTENSION = ".cartcutover-preview.xlsx";

export type SavedPreviewFiles = {
  savedTo: string;
  /** Null when the spreadsheet could not be written, in which case the preview file is still saved. */
  spreadsheetTo: string | null;
};

function fileStamp(isoUtc: string): string {
  return isoUtc.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/**
 * Returns a store address that carries no credentials: a user name,
 * password, query or fragment in it is dropped, because some carts accept a
 * key in the query string.
 */
export function storeUrlWithoutCredentials(storeUrl: string): string {
  if (!storeUrl) return storeUrl;
  try {
    const url = new URL(storeUrl);
    return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return "";
  }
}

/** Returns the path of the .xlsx that belongs beside a saved preview. */
export function spreadsheetPathOf(previewPath: string): string {
  const base = previewPath.endsWith(PREVIEW_EXTENSION)
    ? previewPath.slice(0, -PREVIEW_EXTENSION.length)
    : previewPath;
  return `${base}${SPREADSHEET_EXTENSION}`;
}

/**
 * Writes a preview as one self-contained JSON file and returns its path.
 * The file contains the orders, documents and findings and no credentials.
 */
export async function savePreview(
  folder: string,
  storeId: string,
  preview: Preview,
): Promise<string> {
  await mkdir(folder, { recursive: true });
  const name = `${storeId}-${fileStamp(preview.createdAtUtc)}${PREVIEW_EXTENSION}`;
  const path = join(folder, name);
  const partialPath = `${path}.partial`;
  const saved: Preview = {
    ...preview,
    storeUrl: storeUrlWithoutCredentials(preview.storeUrl),
    openedFromFile: null,
  };
  await writeFile(partialPath, JSON.stringify(saved));
  await rename(partialPath, path);
  return path;
}

/**
 * Saves a dry run for offline review: the preview file, and beside it an
 * .xlsx of its documents and findings. "dry-run:run" calls this after
 * runDryRun. A failed spreadsheet is logged and leaves the preview in place.
 */
export async function savePreviewFiles(
  folder: string,
  storeId: string,
  preview: Preview,
): Promise<SavedPreviewFiles> {
  const savedTo = await savePreview(folder, storeId, preview);
  const spreadsheetPath = spreadsheetPathOf(savedTo);
  try {
    await writePreviewSpreadsheet(spreadsheetPath, {
      ...preview,
      storeUrl: storeUrlWithoutCredentials(preview.storeUrl),
    });
  } catch (error) {
    const reason = (error as Error).message;
    log.error("preview spreadsheet failed", { path: spreadsheetPath, reason });
    return { savedTo, spreadsheetTo: null };
  }
  log.info("preview saved", {
    path: savedTo,
    spreadsheet: spreadsheetPath,
    orders: preview.rows.length,
  });
  return { savedTo, spreadsheetTo: spreadsheetPath };
}

/** Opens a saved preview for read-only review; needs no connection. */
export async function openPreview(path: string): Promise<Preview> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UserError(
      "preview-unreadable",
      `The preview file ${path} could not be read. Check that it exists and that you may read it.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(
      "preview-invalid",
      `${path} is not a Cart Cutover preview because it is not valid JSON. Choose a file ending in ${PREVIEW_EXTENSION}.`,
    );
  }
  const checked = savedPreviewSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    log.warn("preview file rejected", { path, at: issue?.path.join("."), reason: issue?.message });
    throw new UserError(
      "preview-invalid",
      `${path} is not a Cart Cutover preview of a version this app reads. Choose a file saved by Cart Cutover, or update the app.`,
    );
  }
  return { ...(parsed as Preview), openedFromFile: path };
}

/** Returns the newest saved preview in a folder, or null when there is none. */
export async function newestPreview(folder: string): Promise<string | null> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith(PREVIEW_EXTENSION));
  } catch {
    return null;
  }
  const dated = await Promise.all(
    names.map(async (name) => ({ path: join(folder, name), mtimeMs: (await stat(join(folder, name))).mtimeMs })),
  );
  dated.sort((a, b) => b.mtimeMs - a.mtimeMs);
  return dated[0]?.path ?? null;
}

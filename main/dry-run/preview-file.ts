import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Preview } from "../../preload/contract.js";
import { UserError } from "../app/user-error.js";

export const PREVIEW_EXTENSION = ".cartcutover-preview.json";

const previewHeaderSchema = z.object({
  formatVersion: z.literal(1),
  storeName: z.string(),
  platform: z.string(),
  window: z.object({ fromUtc: z.string(), toUtc: z.string() }),
  createdAtUtc: z.string(),
  rows: z.array(z.object({ order: z.object({ orderId: z.string() }).passthrough(), document: z.object({}).passthrough() }).passthrough()),
  summary: z.object({ orders: z.number() }).passthrough(),
});

function fileStamp(isoUtc: string): string {
  return isoUtc.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/** Writes a preview as one self-contained file, with no credentials in it, and returns its path. */
export async function savePreview(folder: string, storeId: string, preview: Preview): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${storeId}-${fileStamp(preview.createdAtUtc)}${PREVIEW_EXTENSION}`);
  const temporary = `${path}.partial`;
  await writeFile(temporary, JSON.stringify({ ...preview, openedFromFile: null }));
  await rename(temporary, path);
  return path;
}

/** Opens a saved preview for read-only review; needs no connection. */
export async function openPreview(path: string): Promise<Preview> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UserError("preview-unreadable", `The preview file ${path} could not be read. Check that it exists and that you may read it.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError("preview-invalid", `${path} is not a Cart Cutover preview: it is not valid JSON. Choose a file ending in ${PREVIEW_EXTENSION}.`);
  }
  const checked = previewHeaderSchema.safeParse(parsed);
  if (!checked.success) {
    throw new UserError("preview-invalid", `${path} is not a Cart Cutover preview of a version this app reads. Choose a file saved by Cart Cutover.`);
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
  const dated = await Promise.all(names.map(async (name) => ({ path: join(folder, name), mtimeMs: (await stat(join(folder, name))).mtimeMs })));
  dated.sort((a, b) => b.mtimeMs - a.mtimeMs);
  return dated[0]?.path ?? null;
}

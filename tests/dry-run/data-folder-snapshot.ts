import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Hashes every file under a folder with SHA-256, keyed by its path relative to the folder with "/" separators. */
export async function snapshotFolder(
  folder: string,
  skip: (relativePath: string) => boolean = () => false,
): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const path = relative(folder, absolute).split(sep).join("/");
    if (skip(path)) continue;
    snapshot.set(path, createHash("sha256").update(await readFile(absolute)).digest("hex"));
  }
  return snapshot;
}

/** Turns a snapshot into sorted [path, hash] pairs, so that a failed comparison lists the files that differ. */
export function listingOf(snapshot: Map<string, string>): [string, string][] {
  return [...snapshot.entries()].sort(([a], [b]) => a.localeCompare(b));
}

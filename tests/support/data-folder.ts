import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

/** Reads every file under a folder into a map of relative path to contents, for before/after comparisons. */
export async function snapshotFolder(folder: string, skip: (path: string) => boolean = () => false): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      const key = relative(folder, path);
      if (skip(key)) continue;
      if (entry.isDirectory()) await walk(path);
      else snapshot.set(key, await readFile(path, "utf8"));
    }
  };
  await walk(folder);
  return snapshot;
}

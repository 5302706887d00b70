import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";

/** Returns the SHA-256 of a file as lowercase hex, reading it as a stream. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

/** A file to list in a checksum file: where to read it now, and the path it will have. */
export type ChecksumEntry = { readPath: string; finalPath: string };

/**
 * Builds a checksum file in the format `sha256sum` writes and `sha256sum -c`
 * reads: the hex digest, two spaces, the file name, one file a line. Names
 * are relative, so the check runs inside the export folder. Each file is
 * read at `readPath` and named by `finalPath`, so the sums can be made
 * before the files are moved into place.
 */
export async function sha256SumsOf(entries: readonly ChecksumEntry[]): Promise<string> {
  const lines: string[] = [];
  for (const entry of entries) {
    lines.push(`${await sha256OfFile(entry.readPath)}  ${basename(entry.finalPath)}\n`);
  }
  return lines.join("");
}

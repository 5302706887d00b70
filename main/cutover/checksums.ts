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

/**
 * Builds a checksum file in the format `sha256sum` writes and `sha256sum -c`
 * reads: the hex digest, two spaces, the file name, one file a line. Names
 * are relative, so the check runs inside the export folder.
 */
export async function sha256SumsOf(paths: readonly string[]): Promise<string> {
  const lines: string[] = [];
  for (const path of paths) {
    lines.push(`${await sha256OfFile(path)}  ${basename(path)}\n`);
  }
  return lines.join("");
}

import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

/** A file of the built renderer, ready to send. */
export type RendererFile = { body: Buffer; contentType: string };

/**
 * Reads a file of the built renderer by its URL path below the token ("" is
 * index.html). Returns null for anything that is not a regular file inside
 * `rendererDir`: a folder, a missing file, or a path with "..", an empty
 * segment, a backslash or a NUL byte.
 */
export async function readRendererFile(
  rendererDir: string,
  urlPath: string,
): Promise<RendererFile | null> {
  const segments = decodedSegments(urlPath === "" ? "index.html" : urlPath);
  if (segments === null) return null;

  const root = resolve(rendererDir);
  const filePath = resolve(root, ...segments);
  if (!filePath.startsWith(root + sep)) return null;

  try {
    const info = await stat(filePath);
    if (!info.isFile()) return null;
    const contentType =
      CONTENT_TYPES[extname(filePath).toLowerCase()] ??
      "application/octet-stream";
    return { body: await readFile(filePath), contentType };
  } catch {
    return null;
  }
}

function decodedSegments(urlPath: string): string[] | null {
  const segments: string[] = [];
  for (const raw of urlPath.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    const unsafe =
      segment === "" ||
      segment === "." ||
      segment === ".." ||
      /[/\\\0]/.test(segment);
    if (unsafe) return null;
    segments.push(segment);
  }
  return segments;
}

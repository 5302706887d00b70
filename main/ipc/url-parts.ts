/** Returns the URL without its "#…" part, which the renderer may change. */
export function withoutFragment(url: string): string {
  const hashIndex = url.indexOf("#");
  return hashIndex === -1 ? url : url.slice(0, hashIndex);
}

/**
 * Returns only the origin of a URL ("null" for file: URLs), so that a log
 * line never carries a path or a query.
 */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "unknown";
  }
}

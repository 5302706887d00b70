/** Returns the stack of an error, or its text, for a log line. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

/**
 * Returns the sentence to show for a failed call. The bridge rejects with an
 * Error whose message is already written for the user, so it is shown as is.
 */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "The action failed without a message. Try again, and restart the app if it keeps failing.";
}

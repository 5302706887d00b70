/**
 * A failure the user can act on, outside the cart connectors: a missing
 * dry run, a cut-off in the past, a file that cannot be read. The message
 * states what happened and what to do next, and is shown unchanged.
 */
export class UserError extends Error {
  override readonly name = "UserError";

  constructor(
    /** A short stable code for the failure, such as "dry-run-missing". */
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reasons a cart call can fail. Each kind maps to one sentence the user sees
 * and one action they can take.
 */
export type CartErrorKind =
  | "invalid-address"
  | "insecure-address"
  | "unreachable"
  | "credentials-rejected"
  | "permission-missing"
  | "rate-limited"
  | "server-error"
  | "bad-response"
  | "window-violated"
  /** The platform refused a page as too costly or too slow; a smaller page may pass. */
  | "page-too-large"
  | "cancelled";

/** A cart failure with a message for the user and the platform's own detail. */
export class CartError extends Error {
  override readonly name = "CartError";

  constructor(
    readonly kind: CartErrorKind,
    /** What happened and what to do, in the product's words. */
    message: string,
    /** The platform's status and code, for support; never holds a secret. */
    readonly detail: string | null = null,
  ) {
    super(message);
  }

  /** True for failures that stop a run because the credentials no longer work. */
  get isCredentialAlert(): boolean {
    return this.kind === "credentials-rejected" || this.kind === "permission-missing";
  }
}

export function isCartError(error: unknown): error is CartError {
  return error instanceof CartError;
}

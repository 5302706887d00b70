import { UserError } from "../app/user-error.js";
import { CartError } from "../carts/cart-error.js";
import { redact } from "../logging/logger.js";

/** Returns the sentence to print for a failed command; internal errors keep only their message. */
export function errorMessageOf(error: unknown): string {
  if (error instanceof CartError || error instanceof UserError) return error.message;
  if (error instanceof Error) return redact(`Cart Cutover failed: ${error.message}`);
  return "Cart Cutover failed for an unknown reason.";
}

import { CartError } from "../carts/cart-error.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Parses the order intake endpoint the user typed. Documents carry customer
 * names and addresses, so they go over HTTPS only. Plain http is accepted
 * for loopback addresses only, because a receiver there runs on this machine.
 */
export function parseIntakeEndpoint(input: string): URL {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new CartError(
      "invalid-address",
      `"${trimmed}" is not a valid order intake address. Enter the full address, such as https://orders.example.com/intake.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CartError(
      "invalid-address",
      `"${trimmed}" is not a web address. Enter the order intake address starting with https://.`,
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new CartError(
      "insecure-address",
      `The order intake address ${url.origin} uses plain http, which would send customer data unencrypted. Use its https:// address.`,
    );
  }
  if (url.username || url.password) {
    throw new CartError(
      "invalid-address",
      "The order intake address must not contain a user name or password. Enter the access token in its own field.",
    );
  }
  url.hash = "";
  return url;
}

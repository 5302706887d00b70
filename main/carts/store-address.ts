import { redact } from "../logging/logger.js";
import { CartError } from "./cart-error.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Parses a store address typed by the user. Real carts are reached over HTTPS
 * only; plain http is accepted for loopback addresses, where the simulators
 * and the demo run.
 */
export function parseStoreAddress(input: string): URL {
  const trimmed = input.trim();
  // A token pasted into the address field must not come back in a message.
  const shown = redact(trimmed);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
    ? trimmed
    : `https://${trimmed}`;

  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CartError(
      "invalid-address",
      `"${shown}" is not a valid store address. Enter it like https://shop.example.com.`,
    );
  }

  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CartError(
      "invalid-address",
      `"${shown}" is not a web address. Enter the store address starting with https://.`,
    );
  }
  if (!url.hostname || (!url.hostname.includes(".") && !isLoopbackHost(url.hostname))) {
    throw new CartError(
      "invalid-address",
      `"${shown}" has no valid host name. Enter the full store address, such as https://shop.example.com.`,
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new CartError(
      "insecure-address",
      `The store address ${url.origin} uses plain http, which would send your credentials unencrypted. Use the https:// address of the store.`,
    );
  }
  if (url.username || url.password) {
    throw new CartError(
      "invalid-address",
      "The store address must not contain a user name or password. Enter the credentials in their own fields.",
    );
  }

  url.hash = "";
  url.search = "";
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

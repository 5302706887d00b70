/**
 * Checks a typed store address before it is saved. Real carts are reached
 * over HTTPS only, and plain http is accepted for loopback hosts, where the
 * simulators run. The main process checks again when it saves.
 */

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * Returns a field label for use inside a sentence: "Client ID" becomes "client
 * ID", "API path" stays.
 */
export function labelInSentence(label: string): string {
  if (/^[A-Z]{2}/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * Returns a sentence that describes what is wrong with the address, or null
 * when it is valid.
 */
export function storeAddressProblem(
  input: string,
  fieldLabel: string,
): string | null {
  const trimmed = input.trim();
  if (trimmed === "") {
    return `Enter the ${labelInSentence(fieldLabel)}, starting with https://.`;
  }

  // A bare host name is read as https, the same as the main process does.
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    return `"${trimmed}" is not a valid address. Enter it like https://shop.example.com.`;
  }

  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `"${trimmed}" is not a web address. Enter an address starting with https://.`;
  }
  if (!url.hostname.includes(".") && !isLoopbackHost(url.hostname)) {
    return `"${trimmed}" has no valid host name. Enter the full address, such as https://shop.example.com.`;
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return `${url.origin} uses plain http, which would send your credentials unencrypted. Use the https:// address.`;
  }
  if (url.username || url.password) {
    return "The address must not contain a user name or password. Enter the credentials in their own fields.";
  }
  return null;
}

/**
 * Checks a typed order intake endpoint before it is saved, with the rule the
 * main process applies again when it saves: documents carry customer names
 * and addresses, so they go over https, and plain http is accepted only for
 * a loopback host, where the receiver runs on this computer.
 */

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * Returns a sentence that describes what is wrong with the endpoint, or null
 * when it is valid.
 */
export function intakeEndpointProblem(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "") {
    return "Enter the intake endpoint, starting with https://.";
  }

  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return `"${trimmed}" is not a valid order intake address. Enter the full address, such as https://orders.example.com/intake.`;
  }

  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `"${trimmed}" is not a web address. Enter the order intake address starting with https://.`;
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return `${url.origin} uses plain http, which would send customer data unencrypted. Use its https:// address; http:// works only for a receiver on this computer (localhost or 127.0.0.1).`;
  }
  if (url.username || url.password) {
    return "The order intake address must not contain a user name or password. Enter the access token in its own field.";
  }
  return null;
}

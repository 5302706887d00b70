import * as keytar from "@napi-rs/keyring/keytar.js";
import { registerSecret } from "../logging/logger.js";

/** The service name under which every credential of the product is stored. */
export const KEYCHAIN_SERVICE = "Cart Cutover";

export type KeychainStatus = { available: true } | { available: false; message: string };

/** Credentials of one store, kept in the OS keychain, one entry per field. */
export type Keychain = {
  status(): Promise<KeychainStatus>;
  read(account: string): Promise<string | null>;
  write(account: string, secret: string): Promise<void>;
  remove(account: string): Promise<void>;
};

export const KEYCHAIN_UNAVAILABLE_MESSAGE =
  "No keychain is available on this computer, so credentials cannot be stored and nothing was saved. " +
  "On Linux, start a Secret Service such as GNOME Keyring or KWallet and try again; on a machine without a desktop, pass the credentials in environment variables instead.";

export class KeychainUnavailableError extends Error {
  override readonly name = "KeychainUnavailableError";
  readonly kind = "keychain-unavailable";

  constructor() {
    super(KEYCHAIN_UNAVAILABLE_MESSAGE);
  }
}

/** The keychain account for one credential field of one store. */
export function accountFor(storeId: string, field: string): string {
  return `${storeId}/${field}`;
}

/**
 * The OS keychain through the keytar API of @napi-rs/keyring: Keychain on
 * macOS, Credential Manager on Windows, a Secret Service on Linux.
 */
export function createSystemKeychain(service = KEYCHAIN_SERVICE): Keychain {
  let probed: KeychainStatus | null = null;

  const status = async (): Promise<KeychainStatus> => {
    if (probed?.available) return probed;
    try {
      await keytar.findCredentials(service);
      probed = { available: true };
    } catch {
      probed = { available: false, message: KEYCHAIN_UNAVAILABLE_MESSAGE };
    }
    return probed;
  };

  const requireAvailable = async () => {
    if (!(await status()).available) throw new KeychainUnavailableError();
  };

  return {
    status,
    async read(account) {
      await requireAvailable();
      const secret = await keytar.getPassword(service, account);
      registerSecret(secret);
      return secret;
    },
    async write(account, secret) {
      await requireAvailable();
      registerSecret(secret);
      try {
        await keytar.setPassword(service, account, secret);
      } catch {
        throw new KeychainUnavailableError();
      }
    },
    async remove(account) {
      await requireAvailable();
      await keytar.deletePassword(service, account);
    },
  };
}

/**
 * Credentials from environment variables, for unattended headless runs:
 * CART_CUTOVER_ACCESS_TOKEN for the field accessToken, and so on.
 * Reads only; writing is refused because the environment is not a store.
 */
export function createEnvironmentKeychain(environment: NodeJS.ProcessEnv = process.env): Keychain {
  const variableFor = (account: string) => {
    const field = account.split("/").pop() ?? account;
    return `CART_CUTOVER_${field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
  };
  return {
    status: async () => ({ available: true }),
    async read(account) {
      const secret = environment[variableFor(account)] ?? null;
      registerSecret(secret);
      return secret;
    },
    async write(account) {
      throw new Error(`Credentials from the environment are read-only; set ${variableFor(account)} instead.`);
    },
    async remove() {},
  };
}

/** Reads from the first keychain that has a value: environment variables, then the OS keychain. */
export function layeredKeychain(first: Keychain, second: Keychain): Keychain {
  return {
    status: () => second.status(),
    async read(account) {
      return (await first.read(account)) ?? (await second.read(account));
    },
    write: (account, secret) => second.write(account, secret),
    remove: (account) => second.remove(account),
  };
}

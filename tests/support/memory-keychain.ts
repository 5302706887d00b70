import type { Keychain } from "../../main/secrets/keychain.js";

/** A keychain held in memory, for flows that do not test the keychain itself. */
export function memoryKeychain(options: { available?: boolean } = {}): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const available = options.available ?? true;
  return {
    entries,
    status: async () => (available ? { available: true } : { available: false, message: "No keychain is available in this test." }),
    read: async (account) => entries.get(account) ?? null,
    write: async (account, secret) => {
      if (!available) throw new Error("keychain unavailable");
      entries.set(account, secret);
    },
    remove: async (account) => void entries.delete(account),
  };
}

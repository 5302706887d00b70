import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { accountFor, createEnvironmentKeychain, createSystemKeychain } from "./keychain.js";

// These tests need a running Secret Service; .ci/run starts gnome-keyring
// under dbus-run-session. Without one they fail, on purpose, in CI.
const service = `Cart Cutover test ${randomUUID()}`;
const keychain = createSystemKeychain(service);
const account = accountFor("store-1", "accessToken");

describe("system keychain", () => {
  afterAll(async () => {
    if ((await keychain.status()).available) await keychain.remove(account);
  });

  it("is available under the test session", async () => {
    expect(await keychain.status()).toEqual({ available: true });
  });

  it("stores and reads back a credential", async () => {
    await keychain.write(account, "shpat_test_value_123456");
    expect(await keychain.read(account)).toBe("shpat_test_value_123456");
  });

  it("replaces a stored credential", async () => {
    await keychain.write(account, "first-secret-value");
    await keychain.write(account, "second-secret-value");
    expect(await keychain.read(account)).toBe("second-secret-value");
  });

  it("removes a credential", async () => {
    await keychain.write(account, "to-be-removed-123");
    await keychain.remove(account);
    expect(await keychain.read(account)).toBeNull();
  });

  it("returns null for an unknown account", async () => {
    expect(await keychain.read(accountFor("no-such-store", "accessToken"))).toBeNull();
  });
});

describe("environment keychain", () => {
  it("reads a field from its variable", async () => {
    const environment = { CART_CUTOVER_ACCESS_TOKEN: "shpat_from_env_1" };
    expect(await createEnvironmentKeychain(environment).read(account)).toBe("shpat_from_env_1");
  });

  it("maps camelCase fields to upper snake case", async () => {
    const environment = { CART_CUTOVER_CONSUMER_SECRET: "cs_abcdefgh1234" };
    const read = await createEnvironmentKeychain(environment).read(accountFor("s", "consumerSecret"));
    expect(read).toBe("cs_abcdefgh1234");
  });

  it("rejects writes", async () => {
    await expect(createEnvironmentKeychain({}).write(account, "x")).rejects.toThrow(/CART_CUTOVER_ACCESS_TOKEN/);
  });
});

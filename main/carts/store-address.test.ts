import { describe, expect, it } from "vitest";
import { CartError } from "./cart-error.js";
import { parseStoreAddress } from "./store-address.js";

function kindOf(input: string): string | null {
  try {
    parseStoreAddress(input);
    return null;
  } catch (error) {
    return error instanceof CartError ? error.kind : "other";
  }
}

describe("parseStoreAddress", () => {
  it("adds https to a bare host", () => {
    expect(parseStoreAddress("shop.example.com").toString()).toBe("https://shop.example.com/");
  });

  it("keeps a path and drops query and fragment", () => {
    expect(parseStoreAddress("https://example.com/shop/?x=1#top").toString()).toBe("https://example.com/shop");
  });

  it("accepts plain http on loopback only", () => {
    expect(parseStoreAddress("http://127.0.0.1:8080").port).toBe("8080");
    expect(parseStoreAddress("http://localhost:3000").hostname).toBe("localhost");
    expect(kindOf("http://shop.example.com")).toBe("insecure-address");
  });

  it("rejects addresses that are not web addresses", () => {
    expect(kindOf("ftp://shop.example.com")).toBe("invalid-address");
    expect(kindOf("https://")).toBe("invalid-address");
    expect(kindOf("not a url at all")).toBe("invalid-address");
    expect(kindOf("https://intranet")).toBe("invalid-address");
  });

  it("rejects credentials inside the address", () => {
    expect(kindOf("https://user:secret@shop.example.com")).toBe("invalid-address");
  });

  it("says what to do in the message", () => {
    expect(() => parseStoreAddress("http://shop.example.com")).toThrow(/Use the https:\/\/ address/);
  });
});

describe("store address messages", () => {
  it("never repeat a pasted token", () => {
    expect(() => parseStoreAddress("shpat_0123456789abcdef")).toThrow(/\[redacted\]/);
    try {
      parseStoreAddress("shpat_0123456789abcdef");
    } catch (error) {
      expect((error as Error).message).not.toContain("shpat_0123456789abcdef");
    }
  });
});

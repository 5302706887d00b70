import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../main/ipc/content-security-policy.js";

const PROJECT_DIR = join(import.meta.dirname, "..", "..");

function directivesOf(policy: string): string[] {
  return policy
    .split(";")
    .map((directive) => directive.trim().replace(/\s+/g, " "))
    .filter((directive) => directive !== "")
    .sort();
}

describe("Content-Security-Policy", () => {
  it("header policy is the exact policy", () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it("header policy matches the renderer's meta tag", async () => {
    const html = await readFile(join(PROJECT_DIR, "renderer", "index.html"), "utf8");
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta).not.toBeNull();

    // Browsers ignore frame-ancestors in a meta tag, so only the header
    // carries it.
    const headerWithoutFraming = directivesOf(CONTENT_SECURITY_POLICY).filter(
      (directive) => !directive.startsWith("frame-ancestors"),
    );
    const metaWithoutFraming = directivesOf(meta?.[1] ?? "").filter(
      (directive) => !directive.startsWith("frame-ancestors"),
    );
    expect(metaWithoutFraming).toEqual(headerWithoutFraming);
  });
});

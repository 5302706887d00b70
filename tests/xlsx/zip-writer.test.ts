import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { dosDateTimeOf, ZipWriter } from "../../main/xlsx/zip-writer.js";
import { readZip } from "./zip-reader.js";

const PINNED = new Date("2026-03-02T08:00:00.000Z");

/** Runs `write` against a ZipWriter and returns the archive bytes. */
async function archiveOf(write: (zip: ZipWriter) => Promise<void>): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const zip = new ZipWriter(output, PINNED, 1);
  await write(zip);
  await zip.finish();
  return Buffer.concat(chunks);
}

const originalZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalZone;
});

describe("ZipWriter", () => {
  it("writes entries that an independent reader inflates", async () => {
    const big = "row,".repeat(300_000);
    const archive = await archiveOf(async (zip) => {
      await zip.add("a.txt", "first");
      const entry = await zip.entry("folder/big.txt");
      for (let start = 0; start < big.length; start += 70_000) {
        if (!entry.write(Buffer.from(big.slice(start, start + 70_000)))) await entry.drain();
      }
      await entry.end();
      await zip.add("ümlaut.xml", "<x>ß</x>");
    });

    const entries = readZip(archive);
    expect(entries.map((entry) => entry.name)).toEqual(["a.txt", "folder/big.txt", "ümlaut.xml"]);
    expect(entries.map((entry) => entry.text)).toEqual(["first", big, "<x>ß</x>"]);
    expect(entries.every((entry) => entry.crcMatches)).toBe(true);
  });

  it("stamps the pinned time from its UTC fields", async () => {
    const archive = await archiveOf((zip) => zip.add("a.txt", "x"));
    const [entry] = readZip(archive);
    // 2026-03-02 08:00:00: year 46 since 1980, month 3, day 2; hour 8.
    expect(entry!.dosDate).toBe((46 << 9) | (3 << 5) | 2);
    expect(entry!.dosTime).toBe(8 << 11);
  });

  it("writes the same bytes in every machine zone", async () => {
    process.env.TZ = "Pacific/Kiritimati";
    const far = await archiveOf((zip) => zip.add("a.txt", "same"));
    process.env.TZ = "America/Los_Angeles";
    const west = await archiveOf((zip) => zip.add("a.txt", "same"));
    expect(far.equals(west)).toBe(true);
  });

  it("rejects a second open entry", async () => {
    const zip = new ZipWriter(new PassThrough(), PINNED);
    await zip.entry("a.txt");
    await expect(zip.entry("b.txt")).rejects.toThrow("Zip entry b.txt started before the previous one ended");
  });

  it("clamps years before 1980", () => {
    expect(dosDateTimeOf(new Date("1970-01-01T00:00:00Z")).date).toBe((0 << 9) | (1 << 5) | 1);
  });
});

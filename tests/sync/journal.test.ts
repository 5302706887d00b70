import { appendFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Journal } from "../../main/sync/journal.js";

type Entry = { n: number; text?: string };

describe("journal", () => {
  let folder = "";
  let path = "";

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "cart-cutover-journal-"));
    path = join(folder, "entries.jsonl");
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("reads back every appended record after reopening", () => {
    const journal = Journal.open<Entry>(path);
    journal.append([{ n: 1 }, { n: 2 }]);
    journal.append([{ n: 3 }]);
    journal.close();
    const reopened = Journal.open<Entry>(path);
    expect(reopened.records).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    reopened.close();
  });

  it("drops a last line cut short by a crash", () => {
    writeFileSync(path, '{"n":1}\n{"n":2}\n{"n":');
    const journal = Journal.open<Entry>(path);
    expect(journal.records).toEqual([{ n: 1 }, { n: 2 }]);
    journal.append([{ n: 3 }]);
    journal.close();
    expect(readFileSync(path, "utf8")).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
  });

  it("drops a torn last line that ends in a newline", () => {
    writeFileSync(path, '{"n":1}\n\u0000\u0000\u0000\n');
    const journal = Journal.open<Entry>(path);
    expect(journal.records).toEqual([{ n: 1 }]);
    journal.close();
    expect(readFileSync(path, "utf8")).toBe('{"n":1}\n');
  });

  it("refuses a damaged line with records after it", () => {
    writeFileSync(path, '{"n":1}\nnot json\n{"n":3}\n');
    expect(() => Journal.open<Entry>(path)).toThrow(/Line 2 .* not valid JSON/);
  });

  it("appends without rewriting what is on disk", () => {
    const journal = Journal.open<Entry>(path);
    journal.append([{ n: 1, text: "first" }]);
    const before = readFileSync(path);
    journal.append([{ n: 2, text: "second" }]);
    const after = readFileSync(path);
    journal.close();
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.length - before.length).toBe(Buffer.byteLength('{"n":2,"text":"second"}\n'));
    expect(statSync(path).size).toBe(journal.size);
  });

  it("opens a file larger than its read chunk", () => {
    const line = JSON.stringify({ n: 0, text: "x".repeat(1000) });
    const count = 3_000;
    appendFileSync(path, Array.from({ length: count }, (_, n) => line.replace('"n":0', `"n":${n}`)).join("\n") + "\n");
    const journal = Journal.open<Entry>(path);
    expect(journal.records).toHaveLength(count);
    expect(journal.records.at(-1)?.n).toBe(count - 1);
    journal.close();
  });

  it("keeps multi-byte characters split across read chunks", () => {
    const text = "Malmö–Kraków ".repeat(120_000);
    const journal = Journal.open<Entry>(path);
    journal.append([{ n: 1, text }]);
    journal.close();
    const reopened = Journal.open<Entry>(path);
    expect(reopened.records[0]?.text).toBe(text);
    reopened.close();
  });

  it("rejects an append after close", () => {
    const journal = Journal.open<Entry>(path);
    journal.close();
    expect(() => journal.append([{ n: 1 }])).toThrow(/closed/);
  });
});

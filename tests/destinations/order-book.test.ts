import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AcceptedDelivery } from "../../main/destinations/destination.js";
import { OrderBook } from "../../main/destinations/order-book.js";
import { sampleDocuments } from "../receiver/sample-documents.js";

describe("order book", () => {
  let dataDir = "";
  const books: OrderBook[] = [];
  const open = () => {
    const book = new OrderBook(dataDir, () => Date.parse("2026-11-03T00:00:00.000Z"));
    books.push(book);
    return book;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-book-"));
  });

  afterEach(async () => {
    while (books.length) books.pop()!.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps one document per order across a restart", async () => {
    const documents = await sampleDocuments(4);
    const first = open();
    const created = (await first.deliver(documents.slice(0, 3))) as AcceptedDelivery[];
    first.close();
    books.pop();
    const second = open();
    const again = (await second.deliver(documents)) as AcceptedDelivery[];
    expect(again.map((delivery) => delivery.created)).toEqual([false, false, false, true]);
    expect(again.slice(0, 3).map((delivery) => delivery.documentId)).toEqual(created.map((delivery) => delivery.documentId));
    expect(second.size).toBe(4);
    const lines = readFileSync(join(dataDir, "order-book.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(4);
  });

  it("makes one document of an order delivered twice in one batch", async () => {
    const [document] = await sampleDocuments(1);
    const book = open();
    const deliveries = (await book.deliver([document!, document!])) as AcceptedDelivery[];
    expect(deliveries.map((delivery) => delivery.created)).toEqual([true, false]);
    expect(deliveries[0]?.documentId).toBe(deliveries[1]?.documentId);
    expect(book.size).toBe(1);
  });

  it("lists the newest documents first", async () => {
    const documents = await sampleDocuments(3);
    const book = open();
    for (const document of documents) await book.deliver([document]);
    expect(book.list(2).map((entry) => entry.document.sourceKey)).toEqual([documents[2]!.sourceKey, documents[1]!.sourceKey]);
  });
});

import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { AcceptedDelivery } from "../../main/destinations/destination.js";
import { HttpIntake, idempotencyKeyOf } from "../../main/destinations/http-intake.js";
import { parseIntakeEndpoint } from "../../main/destinations/intake-endpoint.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { type ReceiverOptions, type ReferenceReceiver, startReferenceReceiver } from "../receiver/reference-receiver.js";
import { sampleDocuments } from "../receiver/sample-documents.js";

const TOKEN = "intake-token-for-tests";
const POLICY = { ...FAST_RETRY_POLICY, attemptTimeoutMs: 400 };

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the delivery to fail, but it succeeded");
}

describe("HTTP order intake", () => {
  const receivers: ReferenceReceiver[] = [];

  async function receiverWith(options: ReceiverOptions = {}): Promise<ReferenceReceiver> {
    const receiver = await startReferenceReceiver({ accessToken: TOKEN, ...options });
    receivers.push(receiver);
    return receiver;
  }

  const intakeFor = (receiver: ReferenceReceiver, accessToken = TOKEN) =>
    new HttpIntake({ endpointUrl: receiver.url, accessToken, retryPolicy: POLICY });

  afterEach(async () => {
    while (receivers.length) await receivers.pop()!.close();
  });

  it("derives the key from the sourceKey alone", () => {
    const expected = createHash("sha256").update("shopify:store-1:5512345678901").digest("hex");
    expect(idempotencyKeyOf("shopify:store-1:5512345678901")).toBe(expected);
    expect(idempotencyKeyOf("shopify:store-1:5512345678901")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("posts each document once under its key", async () => {
    const receiver = await receiverWith();
    const documents = await sampleDocuments(5);
    const deliveries = (await intakeFor(receiver).deliver(documents)) as AcceptedDelivery[];
    expect(deliveries.map((delivery) => delivery.created)).toEqual([true, true, true, true, true]);
    expect(deliveries.map((delivery) => delivery.sourceKey)).toEqual(documents.map((document) => document.sourceKey));
    expect(receiver.documents().map((stored) => stored.idempotencyKey).sort()).toEqual(
      documents.map((document) => idempotencyKeyOf(document.sourceKey)).sort(),
    );
  });

  it("answers a repeated delivery with the first document", async () => {
    const receiver = await receiverWith();
    const documents = await sampleDocuments(3);
    const first = (await intakeFor(receiver).deliver(documents)) as AcceptedDelivery[];
    const again = (await intakeFor(receiver).deliver(documents)) as AcceptedDelivery[];
    expect(again.map((delivery) => delivery.created)).toEqual([false, false, false]);
    expect(again.map((delivery) => delivery.documentId)).toEqual(first.map((delivery) => delivery.documentId));
    expect(receiver.documents()).toHaveLength(3);
  });

  const lostAnswers = [
    { name: "a reset", fault: { kind: "reset-after-store", times: 2 } },
    { name: "a malformed answer", fault: { kind: "malformed-after-store", times: 2 } },
    { name: "a stalled answer", fault: { kind: "stall-after-store", delayMs: 800, times: 1 } },
    { name: "503 answers", fault: { kind: "status", status: 503, times: 3 } },
  ] as const;

  for (const { name, fault } of lostAnswers) {
    it(`retries after ${name} without a second document`, async () => {
      const receiver = await receiverWith();
      receiver.injectFault({ ...fault });
      const [document] = await sampleDocuments(1);
      const [delivery] = await intakeFor(receiver).deliver([document!]);
      expect(delivery).toHaveProperty("documentId");
      expect(receiver.documents()).toHaveLength(1);
      expect(receiver.deliveryCount()).toBe(fault.times + 1);
    });
  }

  it("waits out a delivery of the same key in progress", async () => {
    const receiver = await receiverWith({ processingMs: 60, whileInProgress: "conflict" });
    const [document] = await sampleDocuments(1);
    const [left, right] = await Promise.all([intakeFor(receiver).deliver([document!]), intakeFor(receiver).deliver([document!])]);
    const ids = [left![0], right![0]].map((delivery) => (delivery as AcceptedDelivery).documentId);
    expect(ids[0]).toBe(ids[1]);
    expect(receiver.documents()).toHaveLength(1);
  });

  it("sets aside a document the receiver rejects", async () => {
    const receiver = await receiverWith();
    receiver.injectFault({ kind: "status", status: 422, times: 1 });
    const documents = await sampleDocuments(2);
    const deliveries = await new HttpIntake({ endpointUrl: receiver.url, accessToken: TOKEN, retryPolicy: POLICY, concurrency: 1 }).deliver(documents);
    expect(deliveries[0]).toEqual({ sourceKey: documents[0]!.sourceKey, rejectedReason: "injected HTTP 422" });
    expect(deliveries[1]).toHaveProperty("documentId");
  });

  it("stops on a rejected access token without echoing it", async () => {
    const receiver = await receiverWith();
    const documents = await sampleDocuments(2);
    const error = await failureOf(intakeFor(receiver, "wrong-token-value").deliver(documents));
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("credentials-rejected");
    expect((error as CartError).message).not.toContain("wrong-token-value");
    expect(receiver.documents()).toEqual([]);
  });

  it("refuses plain http to a host other than this machine", () => {
    expect(() => parseIntakeEndpoint("http://orders.example.com/intake")).toThrow(/plain http/);
    expect(parseIntakeEndpoint("http://127.0.0.1:8080/orders").pathname).toBe("/orders");
    expect(parseIntakeEndpoint("https://orders.example.com/intake?tenant=7").search).toBe("?tenant=7");
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SalesDocument } from "../../main/mapping/sales-document.js";
import { type ReceiverOptions, type ReferenceReceiver, startReferenceReceiver } from "./reference-receiver.js";
import { intakeRequest, sampleDocuments } from "./sample-documents.js";

type Answer = { status: number; documentId: string | null; error: string | null };

async function post(receiver: ReferenceReceiver, init: RequestInit): Promise<Answer> {
  const response = await fetch(receiver.url, init);
  const body = (await response.json()) as { documentId?: string; error?: string };
  return { status: response.status, documentId: body.documentId ?? null, error: body.error ?? null };
}

describe("reference receiver", () => {
  const receivers: ReferenceReceiver[] = [];
  const folders: string[] = [];

  async function start(options: ReceiverOptions = {}): Promise<ReferenceReceiver> {
    const receiver = await startReferenceReceiver(options);
    receivers.push(receiver);
    return receiver;
  }

  afterEach(async () => {
    while (receivers.length) await receivers.pop()!.close();
    while (folders.length) await rm(folders.pop()!, { recursive: true, force: true });
  });

  it("stores two deliveries arriving together once", async () => {
    const [document] = await sampleDocuments(1);
    const receiver = await start({ processingMs: 50 });
    const first = post(receiver, intakeRequest(document!));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = post(receiver, intakeRequest(document!));
    const answers = await Promise.all([first, second]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(answers[0]?.documentId).toBe(answers[1]?.documentId);
    expect(receiver.documents()).toHaveLength(1);
    expect(receiver.deliveryCount()).toBe(2);
  });

  it("answers 409 to a second delivery while the first is in progress", async () => {
    const [document] = await sampleDocuments(1);
    const receiver = await start({ processingMs: 50, whileInProgress: "conflict" });
    const first = post(receiver, intakeRequest(document!));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await post(receiver, intakeRequest(document!));
    expect(second.status).toBe(409);
    expect((await first).status).toBe(201);
    expect(receiver.documents()).toHaveLength(1);
  });

  it("keeps the first document when its key returns with another body", async () => {
    const [document] = await sampleDocuments(1);
    const receiver = await start();
    const first = await post(receiver, intakeRequest(document!));
    const edited: SalesDocument = { ...document!, reference: `${document!.reference}-edited` };
    const second = await post(receiver, intakeRequest(edited));
    expect(second.status).toBe(200);
    expect(second.documentId).toBe(first.documentId);
    expect(receiver.documents()[0]?.body.document.reference).toBe(document!.reference);
  });

  it("rejects a key that is not derived from the sourceKey", async () => {
    const [document] = await sampleDocuments(1);
    const receiver = await start();
    const answer = await post(receiver, intakeRequest(document!, "0".repeat(64)));
    expect(answer.status).toBe(422);
    expect(answer.error).toMatch(/Idempotency-Key/);
    expect(receiver.documents()).toEqual([]);
  });

  it("rejects a body that does not match the schema", async () => {
    const [document] = await sampleDocuments(1);
    const receiver = await start();
    const { currency: _currency, ...withoutCurrency } = document!;
    const answer = await post(receiver, intakeRequest(withoutCurrency as SalesDocument, undefined));
    expect(answer.status).toBe(422);
    expect(answer.error).toMatch(/currency/);
  });

  it("requires its access token", async () => {
    const [document] = await sampleDocuments(1);
    const receiver = await start({ accessToken: "intake-token-for-tests" });
    expect((await post(receiver, intakeRequest(document!))).status).toBe(401);
    const init = intakeRequest(document!);
    const authorized = { ...init, headers: { ...(init.headers as Record<string, string>), authorization: "Bearer intake-token-for-tests" } };
    expect((await post(receiver, authorized)).status).toBe(201);
  });

  it("keeps its documents across a restart", async () => {
    const folder = await mkdtemp(join(tmpdir(), "cart-cutover-receiver-"));
    folders.push(folder);
    const dataFile = join(folder, "received.jsonl");
    const documents = await sampleDocuments(2);
    const first = await startReferenceReceiver({ dataFile });
    const stored = await post(first, intakeRequest(documents[0]!));
    await first.close();
    const second = await start({ dataFile });
    const again = await post(second, intakeRequest(documents[0]!));
    expect(again.status).toBe(200);
    expect(again.documentId).toBe(stored.documentId);
    expect((await post(second, intakeRequest(documents[1]!))).status).toBe(201);
    expect(second.documents()).toHaveLength(2);
  });
});

import { createDemoConnector } from "../../main/carts/demo/demo-store.js";
import { idempotencyKeyOf, INTAKE_FORMAT_VERSION } from "../../main/destinations/http-intake.js";
import { mapOrder } from "../../main/mapping/map-order.js";
import type { SalesDocument } from "../../main/mapping/sales-document.js";
import { SUITE_MAPPING } from "../sync/sync-kit.js";

const OPENED_AT_MS = Date.parse("2026-11-01T09:00:00.000Z");

/** Real sales documents, mapped from the demo store's orders, for tests of the order intake. */
export async function sampleDocuments(count: number): Promise<SalesDocument[]> {
  const connector = createDemoConnector({ openedAtMs: OPENED_AT_MS, now: () => OPENED_AT_MS });
  const documents: SalesDocument[] = [];
  const listing = connector.listOrders({
    createdFromUtc: "2026-08-01T00:00:00.000Z",
    createdToUtc: "2026-11-01T00:00:00.000Z",
    pageSize: 50,
  });
  for await (const page of listing) {
    for (const order of page.orders) {
      const mapped = mapOrder(order, SUITE_MAPPING);
      if (mapped.findings.every((finding) => finding.severity !== "error")) documents.push(mapped.document);
      if (documents.length === count) return documents;
    }
  }
  return documents;
}

/** Builds the POST of one document as Cart Cutover sends it, for tests that talk to the receiver directly. */
export function intakeRequest(document: SalesDocument, key = idempotencyKeyOf(document.sourceKey)): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify({ formatVersion: INTAKE_FORMAT_VERSION, document }),
  };
}

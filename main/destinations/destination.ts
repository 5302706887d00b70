import type { SalesDocument } from "../mapping/sales-document.js";

export type Delivery = {
  sourceKey: string;
  documentId: string;
  /** False when the destination already had a document for this order. */
  created: boolean;
};

/**
 * Where sales documents go. Delivering the same order again must never make a
 * second document: destinations de-duplicate by the document's sourceKey.
 */
export type Destination = {
  readonly label: string;
  deliver(documents: readonly SalesDocument[]): Promise<Delivery[]>;
};

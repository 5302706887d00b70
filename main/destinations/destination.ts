import type { SalesDocument } from "../mapping/sales-document.js";

/** The destination has a document for the order: a new one, or the one an earlier delivery made. */
export type AcceptedDelivery = {
  sourceKey: string;
  documentId: string;
  /** False when the destination already had a document for this order. */
  created: boolean;
};

/** The destination refused this one document, such as for a field it cannot take; the run goes on. */
export type RejectedDelivery = {
  sourceKey: string;
  /** The destination's reason, shown beside the order's retry button. */
  rejectedReason: string;
};

export type Delivery = AcceptedDelivery | RejectedDelivery;

/**
 * The place sales documents go. Delivering the same order again must never make a
 * second document: destinations de-duplicate by the document's sourceKey.
 * deliver returns one delivery per document, in order, and throws when the
 * destination as a whole fails (unreachable, credentials rejected), which
 * ends the run without committing the page.
 */
export type Destination = {
  readonly label: string;
  deliver(documents: readonly SalesDocument[]): Promise<Delivery[]>;
};

export type FindingSeverity = "error" | "warning" | "info";

export const FINDING_CODES = [
  "line-without-sku",
  "deleted-product",
  "unknown-sku",
  "guest-without-email",
  "totals-mismatch",
  "rounding-line",
  "foreign-currency",
  "test-order",
  "draft-order",
  "cancelled-order",
  "fulfilled-order",
  "refunded",
  "address-cut",
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** One observation about how an order maps, with a one-line reason. */
export type Finding = {
  code: FindingCode;
  severity: FindingSeverity;
  message: string;
  /** The document field concerned, such as "shipTo.lines[0]". */
  field?: string;
};

export const FINDING_LABELS: Record<FindingCode, string> = {
  "line-without-sku": "Line without SKU",
  "deleted-product": "Deleted product",
  "unknown-sku": "Unknown SKU",
  "guest-without-email": "Guest without e-mail",
  "totals-mismatch": "Totals do not add up",
  "rounding-line": "Rounding line added",
  "foreign-currency": "Foreign currency",
  "test-order": "Test order",
  "draft-order": "Draft order",
  "cancelled-order": "Cancelled order",
  "fulfilled-order": "Already fulfilled",
  refunded: "Refunded",
  "address-cut": "Address cut",
};

/** Counts findings by code, for the summary of a dry run or a sync run. */
export function countFindings(
  findingLists: readonly Finding[][],
): Partial<Record<FindingCode, number>> {
  const counts: Partial<Record<FindingCode, number>> = {};
  for (const findings of findingLists) {
    for (const finding of findings) {
      counts[finding.code] = (counts[finding.code] ?? 0) + 1;
    }
  }
  return counts;
}

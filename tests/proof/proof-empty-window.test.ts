import { describe, expect, it } from "vitest";
import { proofMessages } from "../../main/proof/proof-messages.js";

describe("proof over an empty window", () => {
  it("says nothing is proven", () => {
    const messages = proofMessages(
      {
        cutoffUtc: "2026-03-29T01:00:00.000Z",
        timeZone: "Europe/Berlin",
        window: { fromUtc: "2026-03-27T01:00:00.000Z", toUtc: "2026-03-31T01:00:00.000Z" },
        counts: { exported: 0, imported: 0, excluded: 0, missing: 0, doubled: 0 },
        rows: [],
      },
      { requestedToUtc: "2026-03-31T01:00:00.000Z", lastOrderFromUtc: null, exportsMade: 1 },
    );
    expect(messages[0]).toMatch(/^Nothing is proven: the cart has no orders/);
    expect(messages.join(" ")).not.toMatch(/is complete/);
  });
});

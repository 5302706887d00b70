import { act, render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PreviewRow } from "../../preload/contract.js";
import { useWizardStore } from "../state/wizard-store.js";
import { installFakeApi, seedWizardStore } from "../test-support/fake-api.js";
import {
  connectedAppState,
  previewFixture,
  previewRowOf,
} from "../test-support/fixtures.js";
import {
  giveScrollBoxAHeight,
  restoreClientHeight,
} from "../test-support/preview-table.js";
import { DryRunStep } from "./dry-run-step.js";

/** Shows a preview of `orderCount` orders on the Test import step. */
function showPreview(orderCount = 30) {
  const appState = connectedAppState();
  seedWizardStore(appState, "test-import");
  useWizardStore.setState({ preview: previewFixture(orderCount) });
  const api = installFakeApi(appState);
  render(<DryRunStep />);
  return api;
}

function detailRegion(orderNumber: string): HTMLElement {
  return screen.getByRole("region", { name: `Order ${orderNumber}` });
}

/** Returns the value beside a term of a facts list. */
function factValue(region: HTMLElement, term: string): string | null {
  const termElement = within(region).getByText(term, { selector: "dt" });
  return termElement.nextElementSibling?.textContent ?? null;
}

function cellTexts(table: HTMLElement): (string | null)[][] {
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    );
}

/** Builds a full row with a refund and lines of every item match. */
function refundedRow(): PreviewRow {
  const row = previewRowOf(3);
  const itemLine = row.document.lines[0]!;
  return {
    ...row,
    document: {
      ...row.document,
      lines: [
        { ...itemLine, sku: "SKU-3", itemMatch: "existing-item" },
        { ...itemLine, sku: "SKU-OLD", itemMatch: "unknown-item" },
        { ...itemLine, sku: "SKU-NEW", itemMatch: "unchecked" },
        {
          kind: "shipping",
          sku: null,
          description: "Standard shipping",
          quantity: 1,
          unitPriceMinor: 420,
          amountMinor: 420,
          taxMinor: 80,
        },
      ],
      totalMinor: 6791,
      refundedMinor: 1500,
      adjustments: [
        {
          kind: "refund",
          createdAtUtc: "2026-02-03T09:30:00.000Z",
          amountMinor: -1500,
        },
      ],
      netMinor: 5291,
    },
  };
}

describe("preview detail pane", () => {
  beforeEach(() => {
    giveScrollBoxAHeight();
  });

  afterEach(() => {
    restoreClientHeight();
  });

  it("asks for row by preview index", async () => {
    const api = showPreview();
    const user = userEvent.setup();

    await user.selectOptions(
      screen.getByLabelText("Show orders with finding"),
      "line-without-sku",
    );
    await user.click(screen.getByRole("button", { name: "#1020" }));

    const detail = detailRegion("#1020");
    const documentSide = await within(detail).findByRole("region", {
      name: "Sales Order #1020",
    });
    expect(api.dryRunDetail).toHaveBeenCalledTimes(1);
    expect(api.dryRunDetail).toHaveBeenCalledWith({ index: 20 });
    const lines = within(documentSide).getByRole("table", {
      name: "Document lines",
    });
    expect(cellTexts(lines)).toEqual([
      [
        "Item",
        "CART-NO-SKU",
        "Placeholder item",
        "Wool socks",
        "1",
        "EUR 20.97",
        "EUR 20.97",
      ],
    ]);
  });

  it("shows loading until row arrives", async () => {
    const api = showPreview();
    let deliver: (row: PreviewRow) => void = () => undefined;
    api.dryRunDetail.mockReturnValue(
      new Promise<PreviewRow>((resolve) => {
        deliver = resolve;
      }),
    );
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1004" }));

    const detail = detailRegion("#1004");
    expect(within(detail).getByRole("status").textContent).toBe(
      "Loading order #1004…",
    );
    expect(within(detail).queryByRole("table")).toBeNull();
    await act(async () => deliver(previewRowOf(4)));
    expect(
      within(detail).getByRole("region", { name: "Sales Order #1004" }),
    ).toBeTruthy();
    expect(within(detail).queryByRole("status")).toBeNull();
  });

  it("reuses rows fetched before", async () => {
    const api = showPreview();
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1001" }));
    await screen.findByRole("region", { name: "Sales Order #1001" });
    await user.click(screen.getByRole("button", { name: "#1002" }));
    await screen.findByRole("region", { name: "Sales Order #1002" });
    await user.click(screen.getByRole("button", { name: "#1001" }));

    expect(
      screen.getByRole("region", { name: "Sales Order #1001" }),
    ).toBeTruthy();
    expect(api.dryRunDetail.mock.calls).toEqual([
      [{ index: 1 }],
      [{ index: 2 }],
    ]);
  });

  it("shows error sentence when detail fails", async () => {
    const sentence =
      "That order is not in the preview on screen. Run the dry run again or reopen the saved preview.";
    const api = showPreview();
    api.dryRunDetail.mockRejectedValueOnce(new Error(sentence));
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1005" }));

    const detail = detailRegion("#1005");
    expect((await within(detail).findByRole("alert")).textContent).toBe(
      sentence,
    );
    expect(within(detail).queryByRole("status")).toBeNull();
    await user.click(within(detail).getByRole("button", { name: "Try again" }));
    expect(
      await within(detail).findByRole("region", { name: "Sales Order #1005" }),
    ).toBeTruthy();
    expect(api.dryRunDetail).toHaveBeenCalledTimes(2);
    expect(within(detail).queryByRole("alert")).toBeNull();
  });

  it("rejects row of another order", async () => {
    const api = showPreview();
    api.dryRunDetail.mockResolvedValue(previewRowOf(7));
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1006" }));

    const detail = detailRegion("#1006");
    expect((await within(detail).findByRole("alert")).textContent).toBe(
      "Order #1006 is no longer at this place in the app's preview. Run the dry run again or reopen the saved preview.",
    );
    expect(within(detail).queryByRole("region")).toBeNull();
  });

  it("names error finding as reason", async () => {
    showPreview();
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1010" }));

    const documentSide = await screen.findByRole("region", {
      name: "Sales Order #1010",
    });
    expect(factValue(documentSide, "Imported by the sync")).toBe(
      "no: Line 1 has no SKU, so no item can be matched.",
    );
  });

  it("names exclusion and error findings", async () => {
    const api = showPreview();
    const row = previewRowOf(10);
    api.dryRunDetail.mockResolvedValue({ ...row, exclusion: "cancelled" });
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1010" }));

    const documentSide = await screen.findByRole("region", {
      name: "Sales Order #1010",
    });
    const reasons = within(documentSide)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(reasons).toEqual([
      "Cancelled in the cart",
      "Line 1 has no SKU, so no item can be matched.",
    ]);
  });

  it("shows importable order as imported", async () => {
    showPreview();
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1003" }));

    const documentSide = await screen.findByRole("region", {
      name: "Sales Order #1003",
    });
    expect(factValue(documentSide, "Imported by the sync")).toBe("yes");
    expect(within(documentSide).queryByText("Net amount")).toBeNull();
    expect(
      within(documentSide).queryByRole("table", {
        name: "Refunds and adjustments",
      }),
    ).toBeNull();
  });

  it("shows item match, refunds and net", async () => {
    const api = showPreview();
    api.dryRunDetail.mockResolvedValue(refundedRow());
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1003" }));

    const documentSide = await screen.findByRole("region", {
      name: "Sales Order #1003",
    });
    const lines = within(documentSide).getByRole("table", {
      name: "Document lines",
    });
    expect(cellTexts(lines).map((cells) => cells.slice(0, 3))).toEqual([
      ["Item", "SKU-3", "Existing item"],
      ["Item", "SKU-OLD", "Unknown item"],
      ["Item", "SKU-NEW", "Not checked"],
      ["Shipping", "none", ""],
    ]);
    expect(factValue(documentSide, "Total")).toBe("EUR 67.91");
    expect(factValue(documentSide, "Refunded")).toBe("EUR 15.00");
    expect(factValue(documentSide, "Net amount")).toBe("EUR 52.91");
    const adjustments = within(documentSide).getByRole("table", {
      name: "Refunds and adjustments",
    });
    expect(cellTexts(adjustments)).toEqual([
      [
        "Refund",
        "2026-02-03 10:30:00 (UTC+01:00) · 2026-02-03 09:30:00 UTC",
        "EUR -15.00",
      ],
    ]);
  });

  it("shows older row without item match", async () => {
    const api = showPreview();
    const row = previewRowOf(3);
    const { itemMatch: _itemMatch, ...lineWithoutMatch } =
      row.document.lines[0]!;
    const { adjustments: _adjustments, netMinor: _netMinor, ...document } =
      row.document;
    api.dryRunDetail.mockResolvedValue({
      ...row,
      document: { ...document, lines: [lineWithoutMatch], refundedMinor: 495 },
    });
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1003" }));

    const documentSide = await screen.findByRole("region", {
      name: "Sales Order #1003",
    });
    const lines = within(documentSide).getByRole("table", {
      name: "Document lines",
    });
    expect(cellTexts(lines)[0]?.[2]).toBe("not recorded");
    expect(factValue(documentSide, "Refunded")).toBe("EUR 4.95");
    expect(factValue(documentSide, "Net amount")).toBe("EUR 20.00");
    expect(
      within(documentSide).queryByRole("table", {
        name: "Refunds and adjustments",
      }),
    ).toBeNull();
  });

  it("forgets chosen order on new preview", async () => {
    const api = showPreview();
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "#1002" }));
    await screen.findByRole("region", { name: "Sales Order #1002" });
    act(() => useWizardStore.getState().setPreview(previewFixture(5)));

    expect(screen.queryByRole("region", { name: "Order #1002" })).toBeNull();
    expect(
      screen.getByText("Choose an order number to see the document it becomes."),
    ).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "#1002" }));
    await screen.findByRole("region", { name: "Sales Order #1002" });
    expect(api.dryRunDetail).toHaveBeenCalledTimes(2);
  });
});

import { fireEvent, render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectStep } from "../connect/connect-step.js";
import { useWizardStore } from "../state/wizard-store.js";
import { installFakeApi, seedWizardStore } from "../test-support/fake-api.js";
import {
  appStateFixture,
  connectedAppState,
  previewFixture,
} from "../test-support/fixtures.js";
import {
  bodyRows,
  giveScrollBoxAHeight,
  orderNumbersInDom,
  restoreClientHeight,
  SCROLL_HEIGHT_PX,
} from "../test-support/preview-table.js";
import { DryRunStep } from "./dry-run-step.js";

describe("Test import step", () => {
  beforeEach(() => {
    giveScrollBoxAHeight();
  });

  afterEach(() => {
    restoreClientHeight();
  });

  it("runs dry run for last 30 days", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "test-import");
    const api = installFakeApi(appState);
    api.dryRunRun.mockResolvedValue(previewFixture(12));
    const user = userEvent.setup();
    render(<DryRunStep />);

    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Test import");
    expect(screen.getByText("Nothing is written anywhere")).toBeTruthy();
    expect((screen.getByLabelText("Number of days") as HTMLInputElement).value).toBe("30");
    await user.click(screen.getByRole("button", { name: "Run dry run" }));

    await screen.findByRole("table", { name: "Orders in the dry run" });
    expect(api.dryRunRun).toHaveBeenCalledWith({
      recentDays: 30,
      guestPolicy: "placeholder-customer",
    });
    expect(screen.getByText("/data/previews/dry-run-2026-03-01.json")).toBeTruthy();
    const summary = screen.getByRole("region", { name: "Summary" });
    expect(within(summary).getByText("EUR 299.40")).toBeTruthy();
    expect(within(summary).getByText("Line without SKU: 2 orders")).toBeTruthy();
  });

  it("sends date range in store zone", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "test-import");
    const api = installFakeApi(appState);
    api.dryRunRun.mockResolvedValue(previewFixture(1));
    const user = userEvent.setup();
    render(<DryRunStep />);

    await user.click(screen.getByLabelText("Created in a date range"));
    await user.type(screen.getByLabelText("From (Europe/Berlin)"), "2026-02-01T00:00");
    await user.type(screen.getByLabelText("To, not included (Europe/Berlin)"), "2026-03-01T00:00");
    await user.click(screen.getByRole("button", { name: "Run dry run" }));

    await screen.findByRole("table", { name: "Orders in the dry run" });
    expect(api.dryRunRun).toHaveBeenCalledWith({
      fromUtc: "2026-01-31T23:00:00.000Z",
      toUtc: "2026-02-28T23:00:00.000Z",
      guestPolicy: "placeholder-customer",
    });
  });

  it("renders only a window of 20,000 rows", () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "test-import");
    useWizardStore.setState({ preview: previewFixture(20_000) });
    installFakeApi(appState);
    render(<DryRunStep />);

    const table = screen.getByRole("table", { name: "Orders in the dry run" });
    expect(table.getAttribute("aria-rowcount")).toBe("20001");
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(within(rows[0]!).getByRole("button").textContent).toBe("#1000");
  });

  it("renders last rows after scrolling", () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "test-import");
    useWizardStore.setState({ preview: previewFixture(20_000) });
    installFakeApi(appState);
    render(<DryRunStep />);

    const scrollBox = screen.getByTestId("preview-scroll");
    // 36 px is the row height in app.css.
    scrollBox.scrollTop = 20_000 * 36 - SCROLL_HEIGHT_PX;
    fireEvent.scroll(scrollBox);

    const orderNumbers = orderNumbersInDom();
    expect(orderNumbers.length).toBeGreaterThan(5);
    expect(orderNumbers.length).toBeLessThan(60);
    expect(orderNumbers.at(-1)).toBe("#20999");
    const lastRow = bodyRows().at(-1)!;
    expect(lastRow.getAttribute("aria-rowindex")).toBe("20001");
  });

  it("filters rows by finding kind", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "test-import");
    useWizardStore.setState({ preview: previewFixture(20_000) });
    installFakeApi(appState);
    const user = userEvent.setup();
    render(<DryRunStep />);

    await user.selectOptions(screen.getByLabelText("Show orders with finding"), "line-without-sku");

    expect(screen.getByText("Showing 2,000 of 20,000 orders.")).toBeTruthy();
    const orderNumbers = bodyRows().map((row) => within(row).getByRole("button").textContent);
    expect(orderNumbers.slice(0, 3)).toEqual(["#1000", "#1010", "#1020"]);
    for (const row of bodyRows()) {
      expect(within(row).getByText("Error")).toBeTruthy();
    }
  });

  it("counts findings in orders and lines", () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "test-import");
    const preview = previewFixture(30);
    // Rows 0, 10 and 20 carry the finding. The summary counts 5, as if two
    // of them had it on two lines.
    preview.summary.findings = { "line-without-sku": 5 };
    useWizardStore.setState({ preview });
    installFakeApi(appState);
    render(<DryRunStep />);

    const summary = screen.getByRole("region", { name: "Summary" });
    expect(within(summary).getByText("Line without SKU: 3 orders, 5 lines")).toBeTruthy();
    const filter = screen.getByLabelText("Show orders with finding");
    const option = within(filter).getByRole("option", { name: /^Line without SKU/ });
    expect(option.textContent).toBe("Line without SKU (3)");
  });

  it("labels saved summary counts with units", () => {
    const appState = connectedAppState();
    appState.dryRun!.summary.findings = { "line-without-sku": 5, "guest-without-email": 1 };
    appState.dryRun!.summary.excluded = { cancelled: 2 };
    seedWizardStore(appState, "test-import");
    installFakeApi(appState);
    render(<DryRunStep />);

    const summary = screen.getByRole("region", { name: "Summary" });
    expect(within(summary).getByText("Line without SKU: 5 lines")).toBeTruthy();
    expect(within(summary).getByText("Guest without e-mail: 1 finding")).toBeTruthy();
    expect(within(summary).getByText("Cancelled in the cart: 2 orders")).toBeTruthy();
  });

  it("shows document beside cart order", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "test-import");
    useWizardStore.setState({ preview: previewFixture(30) });
    const api = installFakeApi(appState);
    const user = userEvent.setup();
    render(<DryRunStep />);

    await user.click(screen.getByRole("button", { name: "#1010" }));

    const detail = screen.getByRole("region", { name: "Order #1010" });
    const documentSide = await within(detail).findByRole("region", { name: "Sales Order #1010" });
    const cartSide = within(detail).getByRole("region", { name: "Cart order #1010" });
    expect(api.dryRunDetail).toHaveBeenCalledWith({ index: 10 });
    expect(within(cartSide).getByText("2026-02-01 01:10:00 (UTC+01:00)")).toBeTruthy();
    const cartLines = within(cartSide).getByRole("table", { name: "Cart lines" });
    expect(within(cartLines).getAllByRole("cell")[0]!.textContent).toBe("none");
    const documentLines = within(documentSide).getByRole("table", { name: "Document lines" });
    const cells = within(documentLines)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells).toEqual(["Item", "CART-NO-SKU", "Placeholder item", "Wool socks", "1", "EUR 20.97", "EUR 20.97"]);
    expect(within(documentSide).getByText("PENDING")).toBeTruthy();
    expect(
      within(detail).getByText(/Line without SKU\. Line 1 has no SKU, so no item can be matched\./),
    ).toBeTruthy();
  });

  it("opens saved preview without connection", async () => {
    const appState = appStateFixture();
    seedWizardStore(appState, "connect");
    const api = installFakeApi(appState);
    api.dryRunChooseFile.mockResolvedValue(
      // A file saved before previews recorded the store's zone.
      previewFixture(3, { openedFromFile: "/home/ada/previews/alpine.json", timeZone: undefined }),
    );
    const user = userEvent.setup();
    const { unmount } = render(<ConnectStep />);

    await user.click(screen.getByRole("button", { name: "Open saved preview" }));

    expect(useWizardStore.getState().step).toBe("test-import");
    unmount();
    render(<DryRunStep />);
    const banner = screen.getByRole("note", { name: "Saved preview — read-only, opened offline" });
    expect(within(banner).getByText(/Alpine Outfitters/)).toBeTruthy();
    expect(within(banner).getByText("/home/ada/previews/alpine.json")).toBeTruthy();
    expect(within(banner).getByText("2026-03-01 10:05:00 UTC")).toBeTruthy();
    expect(within(banner).getByText(/times are shown in\s+UTC/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Run dry run" })).toBeNull();
    expect(bodyRows()).toHaveLength(3);
  });

  it("shows saved preview in its store zone", () => {
    const appState = appStateFixture();
    seedWizardStore(appState, "test-import");
    useWizardStore.setState({
      preview: previewFixture(3, {
        openedFromFile: "/home/ada/previews/alpine.json",
        timeZone: "America/New_York",
      }),
    });
    installFakeApi(appState);
    render(<DryRunStep />);

    const banner = screen.getByRole("note", { name: "Saved preview — read-only, opened offline" });
    expect(within(banner).getByText("2026-03-01 05:05:00 (UTC-05:00)")).toBeTruthy();
    expect(within(banner).queryByText(/times are shown in\s+UTC/)).toBeNull();
    expect(screen.getByRole("columnheader", { name: "Created (America/New_York)" })).toBeTruthy();
    const firstRow = bodyRows()[0]!;
    expect(within(firstRow).getByText("2026-01-31 19:00:00 (UTC-05:00)")).toBeTruthy();
  });

  it("shows error sentence when dry run fails", async () => {
    const sentence = "The cart did not answer within 30 seconds. Check the store address and try again.";
    const appState = connectedAppState({ dryRun: null });
    seedWizardStore(appState, "test-import");
    const api = installFakeApi(appState);
    api.dryRunRun.mockRejectedValue(new Error(sentence));
    const user = userEvent.setup();
    render(<DryRunStep />);

    await user.click(screen.getByRole("button", { name: "Run dry run" }));

    expect((await screen.findByRole("alert")).textContent).toBe(sentence);
  });
});

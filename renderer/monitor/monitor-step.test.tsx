import { render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RunSummary, SyncStatus } from "../../preload/contract.js";
import { installFakeApi, seedWizardStore } from "../test-support/fake-api.js";
import {
  connectedAppState,
  cutoffFixture,
  previewRowOf,
  syncStatusFixture,
} from "../test-support/fixtures.js";
import { MonitorStep } from "./monitor-step.js";

function runOf(overrides: Partial<RunSummary>): RunSummary {
  return {
    runId: "run-1",
    trigger: "schedule",
    startedAtUtc: "2026-03-02T09:00:00.000Z",
    endedAtUtc: "2026-03-02T09:00:04.000Z",
    window: { fromUtc: "2026-03-02T08:45:00.000Z", toUtc: "2026-03-02T09:00:00.000Z" },
    pages: 1,
    imported: 0,
    alreadyImported: 0,
    skipped: {},
    failed: 0,
    retries: 0,
    error: null,
    credentialAlert: false,
    ...overrides,
  };
}

function monitorAppState(sync: SyncStatus) {
  return connectedAppState({ cutoff: cutoffFixture(), sync });
}

describe("Monitor step", () => {
  it("shows Running with runs and marks", async () => {
    const sync = syncStatusFixture({
      state: "Running",
      importFromUtc: "2026-03-01T08:00:00.000Z",
      lastOrderFromUtc: "2026-03-02T08:58:00.000Z",
      lastRunAtUtc: "2026-03-02T09:00:00.000Z",
      nextRunAtUtc: "2026-03-02T09:15:00.000Z",
      ordersImported: 42,
      history: [runOf({ imported: 3, pages: 2, retries: 1 })],
    });
    const appState = monitorAppState(syncStatusFixture());
    seedWizardStore(appState, "monitor");
    const api = installFakeApi(monitorAppState(sync));
    render(<MonitorStep />);

    const state = await screen.findByText("Running");
    expect(state.closest("[role=status]")?.textContent).toBe("Auto Sync: Running");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Monitor");
    expect(screen.getByText("42")).toBeTruthy();
    expect(screen.getByText("2026-03-02 09:58:00 (UTC+01:00)")).toBeTruthy();
    expect(screen.getByText("2026-03-02 10:15:00 (UTC+01:00)")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Start" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Stop" }) as HTMLButtonElement).disabled).toBe(false);
    expect(api.syncStatus).toHaveBeenCalled();
  });

  it("shows Stopped and enables Start", async () => {
    const appState = monitorAppState(syncStatusFixture({ state: "Stopped" }));
    seedWizardStore(appState, "monitor");
    const api = installFakeApi(appState);
    const user = userEvent.setup();
    render(<MonitorStep />);

    expect(screen.getByText("Stopped").closest("[role=status]")?.textContent).toBe(
      "Auto Sync: Stopped",
    );
    await user.click(screen.getByRole("button", { name: "Start" }));

    expect(api.syncStart).toHaveBeenCalledTimes(1);
  });

  it("separates credential alert from no orders", async () => {
    const alertText = "Shopify rejected the access token (401). Paste a new token on the Connect step.";
    const sync = syncStatusFixture({
      state: "Running",
      credentialAlert: alertText,
      history: [runOf({ credentialAlert: true, error: alertText })],
    });
    const appState = monitorAppState(sync);
    seedWizardStore(appState, "monitor");
    installFakeApi(appState);
    render(<MonitorStep />);

    const alert = screen.getByRole("alert");
    expect(within(alert).getByText(alertText)).toBeTruthy();
    expect(within(alert).getByRole("heading").textContent).toBe(
      "The cart rejected the credentials",
    );
    expect(screen.queryByText("The last run found no new orders.")).toBeNull();
  });

  it("reports no new orders without alert", () => {
    const sync = syncStatusFixture({ state: "Running", history: [runOf({ imported: 0 })] });
    const appState = monitorAppState(sync);
    seedWizardStore(appState, "monitor");
    installFakeApi(appState);
    render(<MonitorStep />);

    expect(screen.getByText("The last run found no new orders.").getAttribute("role")).toBe("status");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("retries failed order by id", async () => {
    const sync = syncStatusFixture({
      state: "Running",
      failedOrders: [
        {
          cartOrderId: "gid-5001",
          orderNumber: "#5001",
          createdAtUtc: "2026-03-02T08:30:00.000Z",
          reason: "The order system rejected the document: the customer e-mail is invalid.",
          failedAtUtc: "2026-03-02T09:00:03.000Z",
        },
        {
          cartOrderId: "gid-5002",
          orderNumber: "#5002",
          createdAtUtc: "2026-03-02T08:31:00.000Z",
          reason: "The order system did not answer in time.",
          failedAtUtc: "2026-03-02T09:00:04.000Z",
        },
      ],
    });
    const appState = monitorAppState(sync);
    seedWizardStore(appState, "monitor");
    const api = installFakeApi(appState);
    const user = userEvent.setup();
    render(<MonitorStep />);

    expect(screen.getByText(/customer e-mail is invalid/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Retry order #5002" }));

    expect(api.syncRetryOrder).toHaveBeenCalledTimes(1);
    expect(api.syncRetryOrder).toHaveBeenCalledWith({ cartOrderId: "gid-5002" });
  });

  it("imports orders now and stops", async () => {
    const appState = monitorAppState(syncStatusFixture({ state: "Running" }));
    seedWizardStore(appState, "monitor");
    const api = installFakeApi(appState);
    const user = userEvent.setup();
    render(<MonitorStep />);

    await user.click(screen.getByRole("button", { name: "Import new orders now" }));
    await user.click(screen.getByRole("button", { name: "Stop" }));

    expect(api.syncRunNow).toHaveBeenCalledTimes(1);
    expect(api.syncStop).toHaveBeenCalledTimes(1);
  });

  it("flags orders changed after import", () => {
    const sync = syncStatusFixture({
      changedOrders: [
        { cartOrderId: "gid-7", orderNumber: "#1007", change: "cancelled", detectedAtUtc: "2026-03-02T09:00:00.000Z" },
      ],
    });
    const appState = monitorAppState(sync);
    seedWizardStore(appState, "monitor");
    installFakeApi(appState);
    render(<MonitorStep />);

    const region = screen.getByRole("region", { name: "Orders changed after import" });
    expect(within(region).getByText(/#1007: cancelled in the cart/)).toBeTruthy();
  });

  it("lists order book as PENDING", async () => {
    const appState = monitorAppState(syncStatusFixture({ state: "Running", ordersImported: 1 }));
    seedWizardStore(appState, "monitor");
    const api = installFakeApi(appState);
    api.orderBookList.mockResolvedValue([
      { document: previewRowOf(3).document, importedAtUtc: "2026-03-02T09:00:02.000Z" },
    ]);
    render(<MonitorStep />);

    const region = screen.getByRole("region", { name: "Order book" });
    const row = await within(region).findByRole("row", { name: /#1003/ });
    const cells = within(row)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells).toEqual([
      "#1003",
      "Ada Buyer 3",
      "2026-02-01 01:03:00 (UTC+01:00) · 2026-02-01 00:03:00 UTC",
      "EUR 24.95",
      "Sales Order",
      "PENDING",
    ]);
  });

  it("names order book as destination", () => {
    const appState = monitorAppState(syncStatusFixture({ state: "Stopped" }));
    seedWizardStore(appState, "monitor");
    installFakeApi(appState);
    render(<MonitorStep />);

    expect(screen.getByText("Orders go to: Local order book")).toBeTruthy();
  });

  it("names intake endpoint as destination", () => {
    const appState = connectedAppState({
      cutoff: cutoffFixture(),
      sync: syncStatusFixture({ state: "Running" }),
      destination: {
        kind: "http-intake",
        endpointUrl: "https://orders.example.com/intake",
        hasAccessToken: true,
      },
    });
    seedWizardStore(appState, "monitor");
    installFakeApi(appState);
    render(<MonitorStep />);

    expect(
      screen.getByText("Orders go to: https://orders.example.com/intake"),
    ).toBeTruthy();
    expect(screen.queryByText(/Local order book/)).toBeNull();
  });
});

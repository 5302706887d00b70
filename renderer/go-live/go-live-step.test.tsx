import { render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { useWizardStore } from "../state/wizard-store.js";
import { installFakeApi, seedWizardStore } from "../test-support/fake-api.js";
import {
  connectedAppState,
  cutoffFixture,
  syncStatusFixture,
} from "../test-support/fixtures.js";
import { GoLiveStep } from "./go-live-step.js";

function goLiveAppState(startBlockers: string[]) {
  return connectedAppState({
    cutoff: cutoffFixture({ cutoffUtc: "2026-03-01T08:00:30.000Z", wallClock: "2026-03-01T09:00:30" }),
    exportSummary: {
      cutoffUtc: "2026-03-01T08:00:30.000Z",
      orders: 3,
      lines: 7,
      totalsByCurrency: { EUR: 7485 },
      files: ["/data/export/open-orders.csv"],
    },
    startBlockers,
  });
}

describe("Go live step", () => {
  it("defaults Import Orders from to cut-off", () => {
    const appState = goLiveAppState([]);
    seedWizardStore(appState, "go-live");
    installFakeApi(appState);
    render(<GoLiveStep />);

    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Go live");
    expect((screen.getByLabelText("Sales Order") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Include partially fulfilled orders") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Include fulfilled orders") as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText("Include test orders") as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText("Sync interval (minutes)") as HTMLInputElement).value).toBe("15");
    const importFrom = screen.getByLabelText("Import Orders from (Europe/Berlin)") as HTMLInputElement;
    // jsdom reports a fraction of a second that Chromium leaves out.
    expect(importFrom.value).toMatch(/^2026-03-01T09:00:30(\.000)?$/);
    expect(document.getElementById("go-live-import-from-utc")?.textContent).toBe(
      "UTC: 2026-03-01 08:00:30 UTC",
    );
    expect(screen.getByText(/always PENDING/)).toBeTruthy();
  });

  it("shows destination before cut-off", async () => {
    const appState = connectedAppState({ cutoff: null });
    seedWizardStore(appState, "go-live");
    installFakeApi(appState);
    const user = userEvent.setup();
    render(<GoLiveStep />);

    expect(screen.getByText("Set the cut-off first, because Import Orders from defaults to it.")).toBeTruthy();
    expect(screen.getByRole("group", { name: "Where orders go" })).toBeTruthy();
    expect(screen.queryByLabelText("Sync interval (minutes)")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Back to Cut-off and export" }));
    expect(useWizardStore.getState().step).toBe("cutoff");
  });

  it("disables Start and lists blockers", () => {
    const blockers = [
      "Run a dry run that passes before starting.",
      "Save the go-live settings first.",
    ];
    const appState = goLiveAppState(blockers);
    seedWizardStore(appState, "go-live");
    installFakeApi(appState);
    render(<GoLiveStep />);

    const start = screen.getByRole("button", { name: "Start" }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    const list = screen.getByRole("list", { name: "Start blockers" });
    const items = within(list)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(items).toEqual(blockers);
  });

  it("saves settings and shows seam verdict", async () => {
    const appState = goLiveAppState([]);
    seedWizardStore(appState, "go-live");
    const api = installFakeApi(appState);
    api.goLiveSave.mockResolvedValue({
      verdict: "gap",
      message: "Import Orders from is 5 minutes after the cut-off, so 1 order would be neither exported nor imported.",
      ordersConcerned: [
        { cartOrderId: "order-9", orderNumber: "#1009", createdAtUtc: "2026-03-01T08:02:00.000Z" },
      ],
      startAllowed: false,
    });
    const user = userEvent.setup();
    render(<GoLiveStep />);

    await user.click(screen.getByLabelText("Cash Sale"));
    await user.click(screen.getByLabelText("Include test orders"));
    const interval = screen.getByLabelText("Sync interval (minutes)");
    await user.clear(interval);
    await user.type(interval, "30");
    await user.click(screen.getByRole("button", { name: "Save" }));

    const verdict = await screen.findByRole("status");
    expect(within(verdict).getByRole("heading").textContent).toBe(
      "Gap: some orders would be neither exported nor imported",
    );
    expect(within(verdict).getByText(/5 minutes after the cut-off/)).toBeTruthy();
    expect(within(verdict).getByText("#1009")).toBeTruthy();
    expect(within(verdict).getByText("2026-03-01 09:02:00 (UTC+01:00)")).toBeTruthy();
    expect(api.goLiveSave).toHaveBeenCalledWith({
      documentKind: "cash-sale",
      importFromUtc: "2026-03-01T08:00:30.000Z",
      intervalMinutes: 30,
      filter: { includePartiallyFulfilled: true, includeFulfilled: false, includeTest: true },
    });
  });

  it("rejects interval of zero minutes", async () => {
    const appState = goLiveAppState([]);
    seedWizardStore(appState, "go-live");
    const api = installFakeApi(appState);
    const user = userEvent.setup();
    render(<GoLiveStep />);

    const interval = screen.getByLabelText("Sync interval (minutes)");
    await user.clear(interval);
    await user.type(interval, "0");
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Enter a whole number of minutes from 1 to 1440.",
    );
    expect(api.goLiveSave).not.toHaveBeenCalled();
  });

  it("starts sync and opens monitor", async () => {
    const appState = goLiveAppState([]);
    seedWizardStore(appState, "go-live");
    const api = installFakeApi(appState);
    api.syncStart.mockResolvedValue(syncStatusFixture({ state: "Running" }));
    const user = userEvent.setup();
    render(<GoLiveStep />);

    await user.click(screen.getByRole("button", { name: "Start" }));

    expect(api.syncStart).toHaveBeenCalledTimes(1);
    expect(useWizardStore.getState().step).toBe("monitor");
    expect(useWizardStore.getState().appState?.sync.state).toBe("Running");
  });
});

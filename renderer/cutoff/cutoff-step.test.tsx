import { cleanup, render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { ExportStatus } from "../../preload/contract.js";
import { installFakeApi, seedWizardStore } from "../test-support/fake-api.js";
import {
  connectedAppState,
  connectionFixture,
  cutoffFixture,
} from "../test-support/fixtures.js";
import { CutoffStep } from "./cutoff-step.js";

const originalMachineZone = process.env.TZ;

const EXPORT_SUMMARY = {
  cutoffUtc: "2026-03-01T08:00:00.000Z",
  orders: 3,
  lines: 7,
  totalsByCurrency: { EUR: 123450, JPY: 1200, KWD: 12345 },
  files: ["/data/export/open-orders.csv", "/data/export/open-orders.xlsx"],
};

function exportStatusOf(overrides: Partial<ExportStatus>): ExportStatus {
  return {
    state: "running",
    ordersDone: 0,
    ordersTotal: 3,
    summary: null,
    error: null,
    ...overrides,
  };
}

describe("Cut-off and export step", () => {
  afterEach(() => {
    if (originalMachineZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalMachineZone;
  });

  it("shows UTC regardless of machine zone", async () => {
    const appState = connectedAppState({
      connection: connectionFixture({ timeZone: "America/New_York" }),
    });

    for (const machineZone of ["Asia/Tokyo", "Europe/Lisbon"]) {
      process.env.TZ = machineZone;
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(machineZone);
      seedWizardStore(appState, "cutoff");
      installFakeApi(appState);
      const user = userEvent.setup();
      render(<CutoffStep />);

      const input = screen.getByLabelText("Cut-off, store time (America/New_York)");
      await user.type(input, "2026-03-01T09:00");

      const preview = document.getElementById("cutoff-utc");
      expect(preview?.textContent).toContain("UTC: 2026-03-01 14:00:00 UTC");
      expect(preview?.textContent).toContain(`Your time (${machineZone}): `);
      cleanup();
    }

    process.env.TZ = "Asia/Tokyo";
    seedWizardStore(appState, "cutoff");
    installFakeApi(appState);
    const user = userEvent.setup();
    render(<CutoffStep />);
    await user.type(screen.getByLabelText(/^Cut-off, store time/), "2026-03-01T09:00");
    expect(document.getElementById("cutoff-utc")?.textContent).toContain(
      "Your time (Asia/Tokyo): 2026-03-01 23:00:00 (UTC+09:00)",
    );
  });

  it("hides machine zone equal to store zone", async () => {
    process.env.TZ = "Europe/Berlin";
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    installFakeApi(appState);
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.type(screen.getByLabelText(/^Cut-off, store time/), "2026-03-01T09:00");

    const preview = document.getElementById("cutoff-utc");
    expect(preview?.textContent).toBe("UTC: 2026-03-01 08:00:00 UTC");
  });

  it("rejects cut-off in the future", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.type(screen.getByLabelText(/^Cut-off, store time/), "2999-01-01T00:00");
    await user.click(screen.getByRole("button", { name: "Set cut-off" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("is in the future");
    expect(api.cutoffSet).not.toHaveBeenCalled();
  });

  it("shows server message on rejection", async () => {
    const sentence = "The cut-off is before the first order the token can see. Choose a later cut-off.";
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    api.cutoffSet.mockRejectedValue(new Error(sentence));
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.type(screen.getByLabelText(/^Cut-off, store time/), "2026-03-01T09:00");
    await user.click(screen.getByRole("button", { name: "Set cut-off" }));

    expect((await screen.findByRole("alert")).textContent).toBe(sentence);
    expect(api.cutoffSet).toHaveBeenCalledWith({ wallClock: "2026-03-01T09:00" });
  });

  it("explains skipped wall-clock time", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    api.cutoffSet.mockResolvedValue(
      cutoffFixture({
        wallClock: "2026-03-29T02:30",
        cutoffUtc: "2026-03-29T01:30:00.000Z",
        resolution: "skipped",
        shownInStoreZone: "2026-03-29 03:30:00 (UTC+02:00)",
      }),
    );
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.type(screen.getByLabelText(/^Cut-off, store time/), "2026-03-29T02:30");
    await user.click(screen.getByRole("button", { name: "Set cut-off" }));

    const sentence = await screen.findByText(/does not exist.* moved forward/);
    expect(sentence.textContent).toBe(
      "2026-03-29 02:30 does not exist in Europe/Berlin on that day, because the clocks go forward. The cut-off moved forward by the length of the jump, to 2026-03-29 03:30:00 (UTC+02:00), which is 2026-03-29 01:30:00 UTC.",
    );
    expect(screen.queryByText(/will move forward/)).toBeNull();
  });

  it("explains skipped time before Set", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    const user = userEvent.setup();
    render(<CutoffStep />);

    const input = screen.getByLabelText(/^Cut-off, store time/);
    await user.type(input, "2026-03-29T02:30");

    const note = document.getElementById("cutoff-resolution");
    expect(note?.textContent).toBe(
      "2026-03-29 02:30 does not exist in Europe/Berlin on that day, because the clocks go forward. The cut-off will move forward by the length of the jump, to 2026-03-29 03:30:00 (UTC+02:00), which is 2026-03-29 01:30:00 UTC.",
    );
    expect(input.getAttribute("aria-describedby")).toBe("cutoff-utc cutoff-resolution");
    expect(api.cutoffSet).not.toHaveBeenCalled();
  });

  it("explains repeated time before Set", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    installFakeApi(appState);
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.type(screen.getByLabelText(/^Cut-off, store time/), "2025-10-26T02:30");

    expect(document.getElementById("cutoff-resolution")?.textContent).toBe(
      "2025-10-26 02:30 happens twice in Europe/Berlin on that day, because the clocks go back. The cut-off will be the earlier of the two instants: 2025-10-26 02:30:00 (UTC+02:00), which is 2025-10-26 00:30:00 UTC.",
    );
  });

  it("shows no note for an exact time", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    installFakeApi(appState);
    const user = userEvent.setup();
    render(<CutoffStep />);

    const input = screen.getByLabelText(/^Cut-off, store time/);
    await user.type(input, "2026-03-29T03:30");

    expect(document.getElementById("cutoff-resolution")).toBeNull();
    expect(input.getAttribute("aria-describedby")).toBe("cutoff-utc");
  });

  it("explains repeated wall-clock time", async () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    api.cutoffSet.mockResolvedValue(
      cutoffFixture({
        wallClock: "2025-10-26T02:30",
        cutoffUtc: "2025-10-26T00:30:00.000Z",
        resolution: "repeated",
        shownInStoreZone: "2025-10-26 02:30:00 (UTC+02:00)",
      }),
    );
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.type(screen.getByLabelText(/^Cut-off, store time/), "2025-10-26T02:30");
    await user.click(screen.getByRole("button", { name: "Set cut-off" }));

    const sentence = await screen.findByText(/happens twice.* is the earlier/);
    expect(sentence.textContent).toBe(
      "2025-10-26 02:30 happens twice in Europe/Berlin on that day, because the clocks go back. The cut-off is the earlier of the two instants: 2025-10-26 02:30:00 (UTC+02:00), which is 2025-10-26 00:30:00 UTC.",
    );
  });

  it("shows export progress then summary", async () => {
    const appState = connectedAppState({ cutoff: cutoffFixture() });
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    api.exportStart.mockResolvedValue(exportStatusOf({ ordersDone: 0 }));
    api.exportStatus
      .mockResolvedValueOnce(exportStatusOf({ state: "idle", ordersTotal: null }))
      .mockResolvedValueOnce(exportStatusOf({ ordersDone: 2 }))
      .mockResolvedValueOnce(
        exportStatusOf({ state: "done", ordersDone: 3, summary: EXPORT_SUMMARY }),
      );
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.click(screen.getByRole("button", { name: "Export open orders before the cut-off" }));

    await screen.findByText("Exported 2 of 3 orders.", undefined, { timeout: 3000 });
    const progressBar = screen.getByRole("progressbar", { name: "Export progress" });
    expect(progressBar.getAttribute("aria-valuenow")).toBe("2");
    expect(progressBar.getAttribute("aria-valuemax")).toBe("3");
    expect(screen.getByRole("button", { name: "Cancel" })).toBeTruthy();

    const summary = await screen.findByRole(
      "region",
      { name: "Export summary" },
      { timeout: 3000 },
    );
    expect(screen.queryByRole("progressbar")).toBeNull();
    const totals = within(summary)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(totals).toEqual([
      "EUR 1,234.50",
      "JPY 1,200",
      "KWD 12.345",
      "/data/export/open-orders.csv",
      "/data/export/open-orders.xlsx",
    ]);
    expect(within(summary).getByText("7")).toBeTruthy();
    expect(api.exportStatus).toHaveBeenCalledTimes(3);
  });

  it("names orders to check after export", async () => {
    const appState = connectedAppState({ cutoff: cutoffFixture() });
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    api.exportStart.mockResolvedValue(
      exportStatusOf({ state: "done", ordersDone: 3, summary: { ...EXPORT_SUMMARY, ordersToCheck: 2 } }),
    );
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.click(screen.getByRole("button", { name: "Export open orders before the cut-off" }));
    const summary = await screen.findByRole("region", { name: "Export summary" });

    expect(within(summary).getByText("Orders to check")).toBeTruthy();
    expect(within(summary).getByText(/^2 would not import as the cart has them\./)).toBeTruthy();
  });

  it("flags export of an earlier cut-off", async () => {
    const laterCutoff = cutoffFixture({
      cutoffUtc: "2026-03-01T09:00:00.000Z",
      wallClock: "2026-03-01T10:00",
      shownInStoreZone: "2026-03-01 10:00:00 (UTC+01:00)",
    });
    const appState = connectedAppState({ cutoff: cutoffFixture() });
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    api.exportStart.mockResolvedValue(
      exportStatusOf({ state: "done", ordersDone: 3, summary: EXPORT_SUMMARY }),
    );
    api.cutoffSet.mockResolvedValue(laterCutoff);
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.click(screen.getByRole("button", { name: "Export open orders before the cut-off" }));
    await screen.findByRole("region", { name: "Export summary" });
    expect(screen.queryByText(/made for another cut-off/)).toBeNull();

    // Main clears the export summary when the cut-off changes.
    api.appGetState.mockResolvedValue({ ...appState, cutoff: laterCutoff, exportSummary: null });
    const input = screen.getByLabelText(/^Cut-off, store time/);
    await user.clear(input);
    await user.type(input, "2026-03-01T10:00");
    await user.click(screen.getByRole("button", { name: "Set cut-off" }));

    expect(await screen.findByText(/^This export was made for another cut-off/)).toBeTruthy();
  });

  it("cancels running export", async () => {
    const appState = connectedAppState({ cutoff: cutoffFixture() });
    seedWizardStore(appState, "cutoff");
    const api = installFakeApi(appState);
    api.exportStart.mockResolvedValue(exportStatusOf({ ordersDone: 1, ordersTotal: null }));
    api.exportStatus.mockResolvedValue(exportStatusOf({ ordersDone: 1, ordersTotal: null }));
    api.exportCancel.mockResolvedValue(exportStatusOf({ state: "cancelled", ordersDone: 1 }));
    const user = userEvent.setup();
    render(<CutoffStep />);

    await user.click(screen.getByRole("button", { name: "Export open orders before the cut-off" }));
    await user.click(await screen.findByRole("button", { name: "Cancel" }));

    expect(await screen.findByText("The export was cancelled.")).toBeTruthy();
    expect(api.exportCancel).toHaveBeenCalledTimes(1);
  });

  it("disables export until cut-off set", () => {
    const appState = connectedAppState();
    seedWizardStore(appState, "cutoff");
    installFakeApi(appState);
    render(<CutoffStep />);

    const button = screen.getByRole("button", { name: "Export open orders before the cut-off" });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});

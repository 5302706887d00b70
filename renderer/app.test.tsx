import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "./app.js";
import { resetWizardStore, useWizardStore } from "./state/wizard-store.js";
import { installFakeApi } from "./test-support/fake-api.js";
import {
  appStateFixture,
  connectedAppState,
  cutoffFixture,
  proofReportFixture,
  runSummaryFixture,
  syncStatusFixture,
} from "./test-support/fixtures.js";

function stepButton(name: string): HTMLButtonElement {
  const nav = screen.getByRole("navigation", { name: "Steps" });
  return within(nav).getByRole("button", { name }) as HTMLButtonElement;
}

describe("App", () => {
  beforeEach(() => {
    resetWizardStore();
  });

  it("opens Connect on fresh start", async () => {
    installFakeApi(appStateFixture());
    render(<App />);

    const heading = await screen.findByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("Connect");
    expect(stepButton("Connect").getAttribute("aria-current")).toBe("step");
    expect(stepButton("Test import").disabled).toBe(true);
    expect(stepButton("Cut-off and export").disabled).toBe(true);
    expect(stepButton("Go live").disabled).toBe(true);
    expect(stepButton("Monitor").disabled).toBe(true);
    expect(stepButton("Proof").disabled).toBe(true);
  });

  it("opens the first unfinished step", async () => {
    installFakeApi(connectedAppState());
    render(<App />);

    const heading = await screen.findByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("Cut-off and export");
    expect(stepButton("Test import").disabled).toBe(false);
    expect(stepButton("Go live").disabled).toBe(true);
  });

  it("opens monitor while Auto Sync Running", async () => {
    installFakeApi(
      connectedAppState({
        cutoff: cutoffFixture(),
        sync: syncStatusFixture({ state: "Running" }),
      }),
    );
    render(<App />);

    const heading = await screen.findByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("Monitor");
  });

  it("moves between reachable steps", async () => {
    installFakeApi(connectedAppState());
    const user = userEvent.setup();
    render(<App />);

    await screen.findByRole("heading", { level: 2 });
    await user.click(stepButton("Connect"));

    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Connect");
  });

  it("reopens the step shown before a reload", async () => {
    const cutoff = cutoffFixture();
    installFakeApi(
      connectedAppState({
        cutoff,
        exportSummary: {
          cutoffUtc: cutoff.cutoffUtc,
          orders: 3,
          lines: 7,
          totalsByCurrency: { EUR: 7485 },
          files: ["/data/export/open-orders.csv"],
        },
      }),
    );
    const user = userEvent.setup();
    render(<App />);
    expect((await screen.findByRole("heading", { level: 2 })).textContent).toBe("Go live");
    await user.click(stepButton("Cut-off and export"));

    // A reload loses the page's memory but keeps its sessionStorage.
    cleanup();
    useWizardStore.setState({ appState: null, step: "connect" });
    render(<App />);

    const heading = await screen.findByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("Cut-off and export");
    const summary = await screen.findByRole("region", { name: "Export summary" });
    expect(within(summary).getByText("/data/export/open-orders.csv")).toBeTruthy();
  });

  it("ignores remembered step that cannot open", async () => {
    installFakeApi(connectedAppState());
    window.sessionStorage.setItem("cart-cutover.step", "proof");
    render(<App />);

    const heading = await screen.findByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("Cut-off and export");
  });

  it("shows error sentence when loading fails", async () => {
    const sentence = "The app could not read its settings file. Check that the data folder is writable.";
    const api = installFakeApi();
    api.appGetState.mockRejectedValue(new Error(sentence));
    render(<App />);

    expect((await screen.findByRole("alert")).textContent).toBe(sentence);
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("keeps Proof closed before a sync run", async () => {
    installFakeApi(connectedAppState({ cutoff: cutoffFixture() }));
    render(<App />);

    await screen.findByRole("heading", { level: 2 });
    expect(stepButton("Proof").disabled).toBe(true);
  });

  it("opens Proof after a sync run", async () => {
    const sync = syncStatusFixture({ history: [runSummaryFixture()] });
    const api = installFakeApi(
      connectedAppState({ cutoff: cutoffFixture(), sync }),
    );
    api.proofRun.mockResolvedValue(proofReportFixture());
    const user = userEvent.setup();
    render(<App />);

    await screen.findByRole("heading", { level: 2 });
    expect(stepButton("Proof").disabled).toBe(false);
    await user.click(stepButton("Proof"));
    const heading = screen.getByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("Proof");
    expect(stepButton("Proof").getAttribute("aria-current")).toBe("step");
    expect(await screen.findByText("No proof has been run yet.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Run the proof" }));

    expect(api.proofRun).toHaveBeenCalledWith({ hoursAround: 48 });
    const verdict = await screen.findByText(/^The cut-over is complete/);
    expect(verdict.className).toBe("proof-verdict clean");
  });

  it("opens Proof when a proof exists", async () => {
    const api = installFakeApi(connectedAppState({ cutoff: cutoffFixture() }));
    api.proofLatest.mockResolvedValue(proofReportFixture());
    const user = userEvent.setup();
    render(<App />);

    await screen.findByRole("heading", { level: 2 });
    await waitFor(() => expect(stepButton("Proof").disabled).toBe(false));
    await user.click(stepButton("Proof"));

    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Proof");
    expect(await screen.findByText(/^The cut-over is complete/)).toBeTruthy();
  });
});

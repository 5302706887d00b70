import { render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CartCutoverApi, ProofReport, ProofRow } from "../../preload/contract.js";
import { setApi } from "../bridge/api.js";
import { ProofStep } from "./proof-step.js";

const machineZone = process.env.TZ;

afterEach(() => {
  setApi(null);
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

function row(overrides: Partial<ProofRow>): ProofRow {
  return {
    cartOrderId: "1001",
    orderNumber: "#1001",
    createdAtUtc: "2026-03-02T07:00:00.000Z",
    currency: "EUR",
    totalMinor: 4995,
    set: "exported",
    reason: null,
    foundIn: [],
    ...overrides,
  };
}

function reportOf(rows: ProofRow[], messages: string[]): ProofReport {
  const count = (set: ProofRow["set"]) => rows.filter((candidate) => candidate.set === set).length;
  const doubled = rows.filter((candidate) => candidate.foundIn.length > 1).length;
  return {
    cutoffUtc: "2026-03-02T08:00:00.000Z",
    timeZone: "Europe/Berlin",
    window: { fromUtc: "2026-03-01T08:00:00.000Z", toUtc: "2026-03-02T10:00:00.000Z" },
    generatedAtUtc: "2026-03-02T10:05:00.000Z",
    counts: { exported: count("exported"), imported: count("imported"), excluded: count("excluded"), missing: count("missing"), doubled },
    totalsByCurrency: { exported: { EUR: 4995 }, imported: { EUR: 1200 }, excluded: {}, missing: {} },
    rows,
    clean: count("missing") === 0 && doubled === 0,
    messages,
    files: { html: "/data/proofs/proof.html", spreadsheet: "/data/proofs/proof.xlsx" },
  };
}

const CLEAN = reportOf(
  [row({}), row({ cartOrderId: "1002", orderNumber: "#1002", createdAtUtc: "2026-03-02T09:00:00.000Z", set: "imported", totalMinor: 1200 })],
  ["The cut-over is complete: each of the 2 cart orders is in exactly one set."],
);

const BROKEN = reportOf(
  [
    row({}),
    row({ cartOrderId: "1003", orderNumber: "#1003", createdAtUtc: "2026-03-02T07:50:00.000Z", set: "missing", reason: "Missing: export again for this cut-off." }),
  ],
  ["The cut-over is NOT complete: 1 order(s) are missing and 0 order(s) are doubled.", "#1003: Missing: export again for this cut-off."],
);

function installApi(latest: ProofReport | null, run: () => Promise<ProofReport>) {
  const api = {
    proofLatest: vi.fn(() => Promise.resolve(latest)),
    proofRun: vi.fn(run),
  };
  setApi(api as unknown as CartCutoverApi);
  return api;
}

describe("Proof step", () => {
  it("shows the newest proof on open", async () => {
    process.env.TZ = "Europe/Berlin";
    installApi(CLEAN, () => Promise.resolve(CLEAN));
    render(<ProofStep />);

    const verdict = await screen.findByText(/^The cut-over is complete/);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Proof");
    expect(verdict.className).toBe("proof-verdict clean");
    const counts = screen.getByRole("table", { name: "Orders and totals per set" });
    expect(within(counts).getByRole("row", { name: /Exported/ }).textContent).toContain("EUR 49.95");
    expect(screen.getAllByTestId("proof-mark").length).toBe(2);
    expect(screen.getByText("/data/proofs/proof.html")).toBeTruthy();
    expect(screen.getByText("2026-03-02 09:00:00 (UTC+01:00)")).toBeTruthy();
    expect(screen.queryByText(/^Cut-off, your time/)).toBeNull();
    expect(screen.queryByText("Orders to act on")).toBeNull();
  });

  it("runs the proof for the hours entered", async () => {
    const api = installApi(null, () => Promise.resolve(BROKEN));
    const user = userEvent.setup();
    render(<ProofStep />);
    expect(await screen.findByText("No proof has been run yet.")).toBeTruthy();

    const hours = screen.getByLabelText("Hours before and after the cut-off");
    await user.clear(hours);
    await user.type(hours, "12");
    await user.click(screen.getByRole("button", { name: "Run the proof" }));

    expect(api.proofRun).toHaveBeenCalledWith({ hoursAround: 12 });
    const verdict = await screen.findByText(/^The cut-over is NOT complete/);
    expect(verdict.className).toBe("proof-verdict problem");
    expect(screen.getByText("#1003: Missing: export again for this cut-off.")).toBeTruthy();
    expect(screen.getByText("Orders to act on")).toBeTruthy();
    const problemTable = screen.getByRole("table", { name: "Orders to act on" });
    expect(within(problemTable).getAllByRole("row").length).toBe(2);
    expect(within(problemTable).getByText("Missing: export again for this cut-off.")).toBeTruthy();
  });

  it("shows why a proof failed", async () => {
    installApi(null, () => Promise.reject(new Error("Set the cut-off and export the orders before it first.")));
    const user = userEvent.setup();
    render(<ProofStep />);

    await user.click(screen.getByRole("button", { name: "Run the proof" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Set the cut-off and export the orders before it first.");
  });

  it("blocks hours outside the range", async () => {
    const api = installApi(null, () => Promise.resolve(CLEAN));
    const user = userEvent.setup();
    render(<ProofStep />);

    const hours = screen.getByLabelText("Hours before and after the cut-off");
    await user.clear(hours);
    await user.type(hours, "0");

    expect((screen.getByRole("button", { name: "Run the proof" }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.proofRun).not.toHaveBeenCalled();
  });

  it("says why the hours are invalid", async () => {
    installApi(null, () => Promise.resolve(CLEAN));
    const user = userEvent.setup();
    render(<ProofStep />);
    const hours = screen.getByLabelText("Hours before and after the cut-off");
    const cases: [string, string][] = [
      ["0", "The proof needs at least 1 hour on each side of the cut-off. Enter a whole number from 1 to 8,784 (366 days)."],
      ["", "Enter how many hours before and after the cut-off the proof covers, a whole number from 1 to 8,784 (366 days)."],
      ["1.5", "1.5 is not a whole number of hours. Enter a whole number from 1 to 8,784 (366 days)."],
      ["9000", "The proof covers at most 8,784 hours (366 days) on each side of the cut-off. Enter a smaller number."],
    ];

    for (const [typed, message] of cases) {
      await user.clear(hours);
      if (typed) await user.type(hours, typed);
      const alert = screen.getByRole("alert");
      expect(alert.textContent, `hours "${typed}"`).toBe(message);
      expect(hours.getAttribute("aria-describedby"), `hours "${typed}"`).toBe(alert.id);
      expect(hours.getAttribute("aria-invalid"), `hours "${typed}"`).toBe("true");
    }

    await user.clear(hours);
    await user.type(hours, "24");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(hours.getAttribute("aria-describedby")).toBeNull();
  });

  it("shows the cut-off in the user's zone when it differs", async () => {
    process.env.TZ = "America/New_York";
    installApi(CLEAN, () => Promise.resolve(CLEAN));
    render(<ProofStep />);

    expect(await screen.findByText("Cut-off, your time (America/New_York)")).toBeTruthy();
    expect(screen.getByText("2026-03-02 03:00:00 (UTC-05:00)")).toBeTruthy();
  });
});

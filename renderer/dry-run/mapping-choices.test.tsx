import { render, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { installFakeApi, seedWizardStore } from "../test-support/fake-api.js";
import { connectedAppState, previewFixture } from "../test-support/fixtures.js";
import { DryRunStep } from "./dry-run-step.js";
import { parseKnownSkus } from "./mapping-choices.js";

function renderStep() {
  const appState = connectedAppState();
  seedWizardStore(appState, "test-import");
  const api = installFakeApi(appState);
  api.dryRunRun.mockResolvedValue(previewFixture(1));
  const user = userEvent.setup();
  render(<DryRunStep />);
  return { api, user };
}

function guestPolicySelect(): HTMLSelectElement {
  return screen.getByLabelText(
    "Guests and orders without e-mail",
  ) as HTMLSelectElement;
}

describe("Test import mapping choices", () => {
  it("offers three guest policies", () => {
    renderStep();

    const select = guestPolicySelect();
    expect(select.value).toBe("placeholder-customer");
    expect([...select.options].map((option) => option.textContent)).toEqual([
      "Use one shared guest customer",
      "Make a customer per order",
      "Hold the order back",
    ]);
    const hint = screen.getByText(/Auto Sync uses the same guest choice/);
    expect(hint.id).toBe("dry-run-mapping-hint");
  });

  it("sends guest policy and typed SKUs", async () => {
    const { api, user } = renderStep();

    await user.selectOptions(guestPolicySelect(), "reject");
    await user.type(
      screen.getByLabelText("Known SKUs (optional)"),
      "SKU-1{Enter}  SKU-2 {Enter}{Enter}SKU-1",
    );
    await user.click(screen.getByRole("button", { name: "Run dry run" }));

    await screen.findByRole("table", { name: "Orders in the dry run" });
    expect(api.dryRunRun).toHaveBeenCalledWith({
      recentDays: 30,
      guestPolicy: "reject",
      knownSkus: ["SKU-1", "SKU-2"],
    });
  });

  it("sends SKUs read from file", async () => {
    const { api, user } = renderStep();
    const file = new File(["WOOL-SOCK\r\nWOOL-HAT\r\n"], "items.txt", {
      type: "text/plain",
    });

    await user.selectOptions(guestPolicySelect(), "customer-per-order");
    await user.upload(
      screen.getByLabelText("Or read the SKUs from a text file"),
      file,
    );
    const textarea = screen.getByLabelText(
      "Known SKUs (optional)",
    ) as HTMLTextAreaElement;
    await screen.findByDisplayValue(/WOOL-HAT/);
    // A textarea's value carries line breaks as LF, whatever the file had.
    expect(textarea.value).toBe("WOOL-SOCK\nWOOL-HAT\n");
    await user.click(screen.getByRole("button", { name: "Run dry run" }));

    await screen.findByRole("table", { name: "Orders in the dry run" });
    expect(api.dryRunRun).toHaveBeenCalledWith({
      recentDays: 30,
      guestPolicy: "customer-per-order",
      knownSkus: ["WOOL-SOCK", "WOOL-HAT"],
    });
  });

  it("holds back run with overlong SKU", async () => {
    const { api, user } = renderStep();

    await user.click(screen.getByLabelText("Known SKUs (optional)"));
    await user.paste("X".repeat(201));
    await user.click(screen.getByRole("button", { name: "Run dry run" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      `The SKU "${"X".repeat(40)}…" is longer than 200 characters. Put one SKU on each line.`,
    );
    expect(api.dryRunRun).not.toHaveBeenCalled();
  });
});

describe("parseKnownSkus", () => {
  it("drops blank lines and repeats", () => {
    expect(parseKnownSkus(" A \n\nB\r\nA\n")).toEqual({
      skus: ["A", "B"],
      problem: null,
    });
  });

  it("rejects more than 200,000 SKUs", () => {
    const text = Array.from({ length: 200_001 }, (_, index) => `S${index}`).join("\n");

    expect(parseKnownSkus(text).problem).toBe(
      "The list has 200,001 SKUs, more than the maximum of 200,000. Shorten the list.",
    );
  });
});

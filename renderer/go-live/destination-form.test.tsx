import { render, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AppState, DestinationState } from "../../preload/contract.js";
import { useWizardStore } from "../state/wizard-store.js";
import { installFakeApi, seedWizardStore } from "../test-support/fake-api.js";
import {
  connectedAppState,
  cutoffFixture,
  syncStatusFixture,
} from "../test-support/fixtures.js";
import { GoLiveStep } from "./go-live-step.js";

const STORED_INTAKE: DestinationState = {
  kind: "http-intake",
  endpointUrl: "https://orders.example.com/intake",
  hasAccessToken: true,
};

function destinationAppState(overrides: Partial<AppState> = {}): AppState {
  return connectedAppState({ cutoff: cutoffFixture(), ...overrides });
}

function renderStep(appState: AppState) {
  seedWizardStore(appState, "go-live");
  const api = installFakeApi(appState);
  const user = userEvent.setup();
  render(<GoLiveStep />);
  return { api, user };
}

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

describe("Where orders go", () => {
  it("defaults to local order book", async () => {
    const appState = destinationAppState();
    const { api, user } = renderStep(appState);
    api.destinationSave.mockResolvedValue(appState);

    expect(screen.getByRole("group", { name: "Where orders go" })).toBeTruthy();
    expect(input("Local order book").checked).toBe(true);
    expect(input("HTTP order intake").checked).toBe(false);
    expect(screen.queryByLabelText("Intake endpoint")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Save destination" }));

    expect(api.destinationSave).toHaveBeenCalledWith({ kind: "order-book" });
  });

  it("saves HTTP intake with token", async () => {
    const { api, user } = renderStep(destinationAppState());
    api.destinationSave.mockResolvedValue(
      destinationAppState({ destination: STORED_INTAKE }),
    );

    await user.click(screen.getByLabelText("HTTP order intake"));
    await user.type(
      input("Intake endpoint"),
      "  https://orders.example.com/intake ",
    );
    expect(input("Access token").type).toBe("password");
    expect(input("Access token").placeholder).toBe("");
    await user.type(input("Access token"), "intake-secret");
    await user.click(screen.getByRole("button", { name: "Save destination" }));

    expect(api.destinationSave).toHaveBeenCalledWith({
      kind: "http-intake",
      endpointUrl: "https://orders.example.com/intake",
      accessToken: "intake-secret",
    });
    expect(useWizardStore.getState().appState?.destination).toEqual(
      STORED_INTAKE,
    );
    expect(input("Access token").value).toBe("");
    expect(input("Access token").placeholder).toBe("stored in the keychain");
  });

  it("keeps stored token when left empty", async () => {
    const appState = destinationAppState({ destination: STORED_INTAKE });
    const { api, user } = renderStep(appState);
    api.destinationSave.mockResolvedValue(appState);

    expect(input("HTTP order intake").checked).toBe(true);
    expect(input("Intake endpoint").value).toBe(STORED_INTAKE.endpointUrl);
    expect(input("Access token").placeholder).toBe("stored in the keychain");
    expect(screen.getByText(/Leave it empty to keep it/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save destination" }));

    expect(api.destinationSave).toHaveBeenCalledWith({
      kind: "http-intake",
      endpointUrl: "https://orders.example.com/intake",
      accessToken: "",
    });
  });

  it("removes stored token with null", async () => {
    const appState = destinationAppState({ destination: STORED_INTAKE });
    const { api, user } = renderStep(appState);
    api.destinationSave.mockResolvedValue(
      destinationAppState({
        destination: { ...STORED_INTAKE, hasAccessToken: false },
      }),
    );

    await user.click(screen.getByRole("button", { name: "Remove token" }));

    expect(api.destinationSave).toHaveBeenCalledWith({
      kind: "http-intake",
      endpointUrl: "https://orders.example.com/intake",
      accessToken: null,
    });
    expect(screen.queryByRole("button", { name: "Remove token" })).toBeNull();
    expect(input("Access token").placeholder).toBe("");
  });

  it("rejects plain http off this computer", async () => {
    const { api, user } = renderStep(destinationAppState());

    await user.click(screen.getByLabelText("HTTP order intake"));
    await user.type(input("Intake endpoint"), "http://orders.example.com/in");
    await user.click(screen.getByRole("button", { name: "Save destination" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(
      "http://orders.example.com uses plain http, which would send customer data unencrypted. Use its https:// address; http:// works only for a receiver on this computer (localhost or 127.0.0.1).",
    );
    expect(input("Intake endpoint").getAttribute("aria-invalid")).toBe("true");
    expect(api.destinationSave).not.toHaveBeenCalled();
  });

  it("rejects endpoint without scheme", async () => {
    const { api, user } = renderStep(destinationAppState());

    await user.click(screen.getByLabelText("HTTP order intake"));
    await user.type(input("Intake endpoint"), "orders.example.com");
    await user.click(screen.getByRole("button", { name: "Save destination" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      '"orders.example.com" is not a valid order intake address. Enter the full address, such as https://orders.example.com/intake.',
    );
    expect(api.destinationSave).not.toHaveBeenCalled();
  });

  it("accepts plain http on loopback", async () => {
    const { api, user } = renderStep(destinationAppState());
    api.destinationSave.mockResolvedValue(destinationAppState());

    await user.click(screen.getByLabelText("HTTP order intake"));
    await user.type(input("Intake endpoint"), "http://127.0.0.1:8080/intake");
    await user.click(screen.getByRole("button", { name: "Save destination" }));

    expect(api.destinationSave).toHaveBeenCalledWith({
      kind: "http-intake",
      endpointUrl: "http://127.0.0.1:8080/intake",
      accessToken: "",
    });
  });

  it("shows save error in alert", async () => {
    const appState = destinationAppState();
    const { api, user } = renderStep(appState);
    api.destinationSave.mockRejectedValue(
      new Error("The keychain is locked. Unlock it, then save again."),
    );

    await user.click(screen.getByRole("button", { name: "Save destination" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      "The keychain is locked. Unlock it, then save again.",
    );
    expect(useWizardStore.getState().appState?.destination).toEqual({
      kind: "order-book",
    });
  });

  it("disables choice while Auto Sync runs", () => {
    const appState = destinationAppState({
      destination: STORED_INTAKE,
      sync: syncStatusFixture({ state: "Running" }),
    });
    renderStep(appState);

    const save = screen.getByRole("button", { name: "Save destination" });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    expect(input("Local order book").disabled).toBe(true);
    expect(input("Intake endpoint").disabled).toBe(true);
    expect(input("Access token").disabled).toBe(true);
    const remove = screen.getByRole("button", { name: "Remove token" });
    expect((remove as HTMLButtonElement).disabled).toBe(true);
    expect(
      screen.getByText(
        "Auto Sync is Running. Stop it on the Monitor step before you change where orders go.",
      ),
    ).toBeTruthy();
  });
});

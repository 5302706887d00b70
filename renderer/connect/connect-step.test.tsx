import { render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { useWizardStore } from "../state/wizard-store.js";
import { installFakeApi, seedWizardStore } from "../test-support/fake-api.js";
import { appStateFixture, connectionFixture } from "../test-support/fixtures.js";
import { ConnectStep } from "./connect-step.js";

function platformSelect(): HTMLSelectElement {
  return screen.getByLabelText("Platform") as HTMLSelectElement;
}

function saveButton(): HTMLButtonElement {
  return screen.getByRole("button", { name: "Save and test connection" }) as HTMLButtonElement;
}

describe("Connect step", () => {
  beforeEach(() => {
    seedWizardStore(appStateFixture());
  });

  it("preselects demo store on fresh start", () => {
    installFakeApi();
    render(<ConnectStep />);

    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Connect");
    expect(platformSelect().value).toBe("demo");
    expect(platformSelect().options[0]?.textContent).toBe("Demo store");
    expect(screen.queryByLabelText("Store address")).toBeNull();
  });

  it("lists the platforms in order", () => {
    installFakeApi();
    render(<ConnectStep />);

    const labels = [...platformSelect().options].map((option) => option.textContent);
    expect(labels).toEqual([
      "Demo store",
      "Shopify",
      "WooCommerce",
      "BigCommerce",
      "Magento 2",
      "PrestaShop",
    ]);
  });

  it("rejects address without host name", async () => {
    const api = installFakeApi();
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.selectOptions(platformSelect(), "woocommerce");
    await user.type(screen.getByLabelText("Store address"), "myshop");
    await user.type(screen.getByLabelText("Consumer key"), "ck_1234567890");
    await user.type(screen.getByLabelText("Consumer secret"), "cs_1234567890");
    await user.click(saveButton());

    const message = await screen.findByText(/has no valid host name/);
    expect(message.textContent).toBe(
      '"myshop" has no valid host name. Enter the full address, such as https://shop.example.com.',
    );
    expect(message.getAttribute("role")).toBe("alert");
    expect(api.connectSave).not.toHaveBeenCalled();
  });

  it("rejects plain http on a public host", async () => {
    const api = installFakeApi();
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.selectOptions(platformSelect(), "shopify");
    await user.type(screen.getByLabelText("Store address"), "http://alpine.myshopify.com");
    await user.type(screen.getByLabelText("Admin API access token"), "shpat_abc");
    await user.click(saveButton());

    const message = await screen.findByText(/plain http/);
    expect(message.textContent).toBe(
      "http://alpine.myshopify.com uses plain http, which would send your credentials unencrypted. Use the https:// address.",
    );
    expect(api.connectSave).not.toHaveBeenCalled();
  });

  it("accepts plain http on a loopback host", async () => {
    const api = installFakeApi();
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.selectOptions(platformSelect(), "prestashop");
    await user.type(screen.getByLabelText("Store address"), "http://127.0.0.1:8080");
    await user.type(screen.getByLabelText("Webservice key"), "K".repeat(32));
    await user.click(saveButton());

    await screen.findByText("Alpine Outfitters");
    expect(api.connectSave).toHaveBeenCalledWith({
      platform: "prestashop",
      storeUrl: "http://127.0.0.1:8080",
      credentials: { webserviceKey: "K".repeat(32) },
    });
  });

  it("requires every credential field", async () => {
    installFakeApi();
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.selectOptions(platformSelect(), "magento");
    await user.type(screen.getByLabelText("Store address"), "https://shop.example.com");
    await user.type(screen.getByLabelText("Consumer key"), "key");
    await user.click(saveButton());

    expect((await screen.findByText("Enter the consumer secret.")).getAttribute("role")).toBe("alert");
    expect(screen.getByText("Enter the access token.")).toBeTruthy();
    expect(screen.getByText("Enter the access token secret.")).toBeTruthy();
    expect(screen.queryByText("Enter the consumer key.")).toBeNull();
  });

  it("shows report and read_all_orders warning", async () => {
    const warning =
      "The token lacks read_all_orders, so only orders of the last 60 days are visible.";
    const api = installFakeApi();
    api.connectTest.mockResolvedValue(
      connectionFixture({
        timeZone: "America/New_York",
        currency: "USD",
        grantedScopes: ["read_orders"],
        orderCount: 4821,
        warnings: [warning],
      }),
    );
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.selectOptions(platformSelect(), "shopify");
    await user.type(screen.getByLabelText("Store address"), "alpine.myshopify.com");
    await user.type(screen.getByLabelText("Admin API access token"), "shpat_abc");
    await user.click(saveButton());

    const report = await screen.findByRole("region", { name: "Connection test" });
    expect(within(report).getByText("Alpine Outfitters")).toBeTruthy();
    expect(within(report).getByText("America/New_York")).toBeTruthy();
    expect(within(report).getByText("USD")).toBeTruthy();
    expect(within(report).getByText("read_orders")).toBeTruthy();
    expect(within(report).getByText("4,821")).toBeTruthy();
    const warningBox = within(report).getByRole("note", { name: "Warnings" });
    expect(within(warningBox).getByText(warning)).toBeTruthy();
    expect(api.connectSave).toHaveBeenCalledWith({
      platform: "shopify",
      storeUrl: "alpine.myshopify.com",
      credentials: { accessToken: "shpat_abc" },
    });
    expect(api.connectTest).toHaveBeenCalledTimes(1);
  });

  it("shows error sentence when test fails", async () => {
    const sentence =
      "The store rejected the access token. Create a new token in the Shopify admin and paste it here.";
    const api = installFakeApi();
    api.connectTest.mockRejectedValue(new Error(sentence));
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.click(saveButton());

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(sentence);
    expect(api.connectSave).toHaveBeenCalledWith({ platform: "demo", storeUrl: "", credentials: {} });
    expect(screen.queryByRole("region", { name: "Connection test" })).toBeNull();
  });

  it("keeps stored secret when field empty", async () => {
    const appState = appStateFixture({
      store: {
        platform: "shopify",
        storeUrl: "https://alpine.myshopify.com",
        storedCredentialFields: ["accessToken"],
      },
    });
    seedWizardStore(appState);
    const api = installFakeApi(appState);
    const user = userEvent.setup();
    render(<ConnectStep />);

    const tokenInput = screen.getByLabelText("Admin API access token") as HTMLInputElement;
    expect(tokenInput.type).toBe("password");
    expect(tokenInput.value).toBe("");
    expect(tokenInput.placeholder).toBe("stored in the keychain");
    await user.click(saveButton());

    await screen.findByText("Alpine Outfitters");
    expect(api.connectSave).toHaveBeenCalledWith({
      platform: "shopify",
      storeUrl: "https://alpine.myshopify.com",
      credentials: { accessToken: "" },
    });
  });

  it("sends Dev Dashboard client ID and secret", async () => {
    const api = installFakeApi();
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.selectOptions(platformSelect(), "shopify");
    await user.type(screen.getByLabelText("Store address"), "https://alpine.myshopify.com");
    await user.click(screen.getByLabelText("Dev Dashboard app (client ID and secret)"));
    expect(screen.queryByLabelText("Admin API access token")).toBeNull();
    await user.type(screen.getByLabelText("Client ID"), "client-1");
    await user.type(screen.getByLabelText("Client secret"), "secret-1");
    await user.click(saveButton());

    await screen.findByText("Alpine Outfitters");
    expect(api.connectSave).toHaveBeenCalledWith({
      platform: "shopify",
      storeUrl: "https://alpine.myshopify.com",
      credentials: { clientId: "client-1", clientSecret: "secret-1" },
    });
    expect((screen.getByLabelText("Client secret") as HTMLInputElement).type).toBe("password");
  });

  it("labels BigCommerce address as API path", async () => {
    installFakeApi();
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.selectOptions(platformSelect(), "bigcommerce");

    expect(screen.getByLabelText("API path")).toBeTruthy();
    expect(screen.getByLabelText("Access token")).toBeTruthy();
    expect(screen.queryByLabelText("Store address")).toBeNull();
  });

  it("explains a missing keychain only where it matters", async () => {
    const message = "No Secret Service is running, so credentials cannot be stored. Start gnome-keyring and restart the app.";
    const appState = appStateFixture({ keychainAvailable: false, keychainMessage: message });
    seedWizardStore(appState);
    installFakeApi(appState);
    const user = userEvent.setup();
    render(<ConnectStep />);

    expect(screen.queryByText(message)).toBeNull();
    expect(saveButton().disabled).toBe(false);
    await user.selectOptions(platformSelect(), "woocommerce");
    expect(screen.getByText(message)).toBeTruthy();
    expect(saveButton().disabled).toBe(true);
  });

  it("continues to Test import after test", async () => {
    installFakeApi(appStateFixture({ connection: connectionFixture() }));
    const user = userEvent.setup();
    render(<ConnectStep />);

    await user.click(saveButton());
    await user.click(await screen.findByRole("button", { name: "Continue to Test import" }));

    expect(useWizardStore.getState().step).toBe("test-import");
  });
});

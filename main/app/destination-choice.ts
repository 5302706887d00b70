import type { SalesDocument } from "../mapping/sales-document.js";
import type { Delivery, Destination } from "../destinations/destination.js";
import { HttpIntake } from "../destinations/http-intake.js";
import type { OrderBook } from "../destinations/order-book.js";
import type { RetryPolicy } from "../http/retry-policy.js";
import type { Keychain } from "../secrets/keychain.js";
import type { SettingsStore } from "../settings/settings-store.js";

/** The keychain account of the HTTP order intake's access token. */
export const INTAKE_TOKEN_ACCOUNT = "destination/intakeAccessToken";

/**
 * The destination the user chose, read from the settings at each delivery,
 * so that a change on the Go live step applies from the next run on.
 */
export class ChosenDestination implements Destination {
  private intake: { endpointUrl: string; destination: HttpIntake } | null = null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly orderBook: OrderBook,
    private readonly keychain: Keychain,
    private readonly retryPolicy?: RetryPolicy,
  ) {}

  get label(): string {
    return this.settings.current.destination.kind === "http-intake" ? "Order intake" : this.orderBook.label;
  }

  async deliver(documents: readonly SalesDocument[]): Promise<Delivery[]> {
    return (await this.current()).deliver(documents);
  }

  private async current(): Promise<Destination> {
    const choice = this.settings.current.destination;
    if (choice.kind === "order-book") return this.orderBook;
    if (this.intake?.endpointUrl !== choice.endpointUrl) {
      const accessToken = choice.hasAccessToken ? await this.keychain.read(INTAKE_TOKEN_ACCOUNT) : null;
      this.intake = { endpointUrl: choice.endpointUrl, destination: new HttpIntake({ endpointUrl: choice.endpointUrl, accessToken, retryPolicy: this.retryPolicy }) };
    }
    return this.intake.destination;
  }

  /** Drops the cached intake client, after the token changed. */
  forget(): void {
    this.intake = null;
  }
}

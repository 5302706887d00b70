import type { CartOrder, PlatformId } from "./cart-order.js";

/** The store facts a connection test found. */
export type ConnectionReport = {
  platform: PlatformId;
  storeName: string;
  /** IANA zone of the store, such as "Europe/Berlin". */
  timeZone: string;
  currency: string;
  grantedScopes: string[];
  /** Plain sentences about limits of these credentials, such as missing scopes. */
  warnings: string[];
  /** Orders the store reports in total, or null where the platform has no count. */
  orderCount: number | null;
  /** The earliest creation instant these credentials can see, when limited. */
  visibleSinceUtc: string | null;
};

/** A creation window, half-open: from is included, to is not. */
export type OrderQuery = {
  createdFromUtc: string;
  createdToUtc: string;
  pageSize?: number;
  /** Resume token from a page of an earlier run over the same window. */
  resumeCursor?: string | null;
  signal?: AbortSignal;
};

/** A half-open window on the modification date, paged like the creation window. */
export type ModifiedOrderQuery = Omit<OrderQuery, "createdFromUtc" | "createdToUtc"> & {
  modifiedFromUtc: string;
  modifiedToUtc: string;
};

export type OrderPage = {
  orders: CartOrder[];
  /** Token that resumes after this page, or null when this was the last. */
  nextCursor: string | null;
  /** Requests spent on this page, retries included; connectors that read lines or refunds separately may count those too. */
  attempts: number;
};

/**
 * One cart platform. Implementations list orders by creation window in UTC
 * with every status included, so that no default filter hides an order.
 */
export type CartConnector = {
  readonly platform: PlatformId;
  testConnection(signal?: AbortSignal): Promise<ConnectionReport>;
  listOrders(query: OrderQuery): AsyncIterable<OrderPage>;
  /**
   * Lists orders changed in a window, every status included, so that the sync
   * detects cancellations and edits after import. Optional: without it, changes
   * are seen only while an order is inside the sync's overlap.
   */
  listModifiedOrders?(query: ModifiedOrderQuery): AsyncIterable<OrderPage>;
  /** Reads orders by cart order id; ids the cart does not know are left out. */
  getOrdersById?(ids: string[], signal?: AbortSignal): Promise<CartOrder[]>;
};

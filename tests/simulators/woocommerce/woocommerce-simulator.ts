import { randomBytes } from "node:crypto";
import { offsetMsAt } from "../../../main/time/zoned-time.js";
import { FaultQueue, type LoggedRequest, type SimulatorFault } from "../common/faults.js";
import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorControl } from "../common/simulator-control.js";
import {
  startSimulatorServer,
  type SimulatorReply,
  type SimulatorRequest,
} from "../common/simulator-server.js";
import {
  answerOrderList,
  decimalsOf,
  type OrderListSettings,
  type StoredWooOrder,
  wooError,
} from "./woocommerce-order-list.js";
import { renderWooRefunds, wooStatusOf, type WooStatus } from "./woocommerce-order-render.js";

export type WooCommerceSimulatorOptions = {
  storeName?: string;
  /** The folder WordPress is installed in, such as "/shop"; storeUrl then ends with it. Defaults to the root. */
  sitePath?: string;
  /** The site's zone: local dates are written in it. Defaults to Europe/Berlin. */
  timeZone?: string;
  currency?: string;
  /** False acts as a TLS-terminating proxy that hides HTTPS from WordPress, so Basic credentials are ignored. */
  honoursBasicAuth?: boolean;
  dateBounds?: "inclusive" | "exclusive";
  /** True acts as a store that ignores page and offset, as a WooCommerce release with HPOS once did. */
  ignoresPaging?: boolean;
  keyPermission?: "read" | "write" | "read_write";
  /** "customer" acts as a key whose WordPress user lost the shop manager role: known, but refused with 403. */
  keyUserRole?: "shop_manager" | "customer";
  /** False rejects the shop currency route with 403, as for a key whose user may not read settings. */
  currencyRouteAllowed?: boolean;
  /** What the WordPress index reports, when a test needs it to differ from timeZone. */
  indexZone?: { timezoneString: string; gmtOffset: number };
  /** Changes to the order list that WooCommerce versions, plugins and proxies make. */
  orderList?: Pick<OrderListSettings, "reportedTotal" | "perPageCap" | "listsCheckoutDrafts" | "ignoresGmtDates">;
  orders?: SeedOrder[];
};

export type WooCommerceSimulator = SimulatorControl & {
  /** Sets a status the seed cannot express, such as "trash" or "failed". */
  setOrderStatus(id: string, status: WooStatus): void;
  /** Deletes an order for good, so that offset pages after it move back by one. */
  deleteOrder(id: string): void;
  /** Runs before each order-list response with the 1-based count of list requests, so tests can change orders mid-paging. */
  onOrderListRequest(hook: ((requestCount: number) => void) | null): void;
  /** Runs before each refunds response with the order id, so tests can delete the order in between. */
  onRefundsRequest(hook: ((orderId: string) => void) | null): void;
  setBasicAuthHonoured(honoured: boolean): void;
};

const LIST_ROUTE = /^\/wp-json\/wc\/v3\/orders\/?$/;
const REFUNDS_ROUTE = /^\/wp-json\/wc\/v3\/orders\/(\d+)\/refunds\/?$/;

type Caller = { kind: "anonymous" } | { kind: "key" } | { kind: "rejected"; reply: SimulatorReply };

/** Starts a WooCommerce REST API v3 simulator on 127.0.0.1. */
export async function startWooCommerceSimulator(
  options: WooCommerceSimulatorOptions = {},
): Promise<WooCommerceSimulator> {
  const timeZone = options.timeZone ?? "Europe/Berlin";
  const currency = options.currency ?? "EUR";
  const storeName = options.storeName ?? "Lindenhof Kitchenware";
  const credentials = {
    consumerKey: `ck_${randomBytes(20).toString("hex")}`,
    consumerSecret: `cs_${randomBytes(20).toString("hex")}`,
  };
  let validKey = credentials.consumerKey;
  let honoursBasicAuth = options.honoursBasicAuth ?? true;
  let listHook: ((requestCount: number) => void) | null = null;
  let refundsHook: ((orderId: string) => void) | null = null;
  let listRequests = 0;
  const faults = new FaultQueue();
  const stored = new Map<string, StoredWooOrder>();

  const addOrders = (orders: SeedOrder[]) => {
    for (const seed of orders) stored.set(seed.id, { seed: structuredClone(seed), status: wooStatusOf(seed) });
  };
  addOrders(options.orders ?? []);

  /** Follows WooCommerce: an unknown key makes the request anonymous; a known key with a wrong secret fails. */
  const identify = (request: SimulatorRequest): Caller => {
    let pair: [string, string] | null = null;
    const authorization = request.headers.authorization ?? "";
    if (honoursBasicAuth && authorization.startsWith("Basic ")) {
      const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      pair = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    } else if (request.query.consumer_key !== undefined) {
      pair = [request.query.consumer_key, request.query.consumer_secret ?? ""];
    }
    if (!pair || pair[0] !== validKey) return { kind: "anonymous" };
    if (pair[1] !== credentials.consumerSecret) {
      return { kind: "rejected", reply: wooError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.") };
    }
    if (options.keyPermission === "write") {
      return { kind: "rejected", reply: wooError(401, "woocommerce_rest_authentication_error", "The API key provided does not have read permissions.") };
    }
    return { kind: "key" };
  };

  const wordpressIndex = (baseUrl: string): SimulatorReply => {
    const zone = options.indexZone ?? {
      timezoneString: timeZone,
      gmtOffset: offsetMsAt(Date.now(), timeZone) / 3_600_000,
    };
    return {
      status: 200,
      body: JSON.stringify({
        name: storeName,
        description: "",
        url: baseUrl,
        home: baseUrl,
        gmt_offset: zone.gmtOffset,
        timezone_string: zone.timezoneString,
        namespaces: ["oembed/1.0", "wc/v3", "wc/store/v1", "wp/v2"],
        authentication: {},
        routes: {},
      }),
    };
  };

  const sitePath = (options.sitePath ?? "").replace(/\/+$/, "");

  const handle = (request: SimulatorRequest, fault: SimulatorFault | null): SimulatorReply => {
    if (!request.path.startsWith(`${sitePath}/`)) {
      return { status: 404, headers: { "content-type": "text/html" }, body: "<html><body>Not found</body></html>" };
    }
    const path = request.path.slice(sitePath.length);
    if (path === "/wp-json" || path === "/wp-json/") return wordpressIndex(`${server.url}${sitePath}`);
    if (path === "/wp-json/wc/v3" || path === "/wp-json/wc/v3/") {
      return { status: 200, body: JSON.stringify({ namespace: "wc/v3", routes: {} }) };
    }
    if (!path.startsWith("/wp-json/")) {
      return { status: 404, headers: { "content-type": "text/html" }, body: "<html><body>Not found</body></html>" };
    }

    const caller = identify(request);
    if (caller.kind === "rejected") return caller.reply;
    if (caller.kind === "anonymous") {
      const reply = wooError(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
      return { ...reply, headers: { "www-authenticate": 'Basic realm="WooCommerce"' } };
    }
    // A known key runs as its user, and WordPress rejects a logged-in user without the capability with 403.
    if (options.keyUserRole === "customer") {
      return wooError(403, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
    }

    if (LIST_ROUTE.test(path)) {
      listRequests += 1;
      listHook?.(listRequests);
      const perPage = Number(request.query.per_page ?? 10);
      if (fault?.kind === "too-heavy" && perPage > fault.maxPageSize) {
        return wooError(500, "internal_server_error", "There has been a critical error on this website.");
      }
      const settings: OrderListSettings = {
        ...options.orderList,
        timeZone,
        dateBounds: options.dateBounds ?? "exclusive",
        ignoresPaging: options.ignoresPaging ?? false,
      };
      return answerOrderList([...stored.values()], request.query, settings, fault?.kind === "ignore-window", `${server.url}${sitePath}`);
    }
    const refunds = REFUNDS_ROUTE.exec(path);
    if (refunds) {
      refundsHook?.(refunds[1]!);
      const order = stored.get(refunds[1]!);
      if (!order) return wooError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
      return { status: 200, body: JSON.stringify(renderWooRefunds(order.seed, timeZone, decimalsOf(request.query))) };
    }
    if (path === "/wp-json/wc/v3/data/currencies/current") {
      if (options.currencyRouteAllowed === false) {
        return wooError(403, "woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.");
      }
      return { status: 200, body: JSON.stringify({ code: currency, name: currency, symbol: currency }) };
    }
    return wooError(404, "rest_no_route", "No route was found matching the URL and request method.");
  };

  const server = await startSimulatorServer({
    faults,
    faultTargetOf: (request) => (LIST_ROUTE.test(request.path.slice(sitePath.length)) ? "orders" : "any"),
    handle,
    statusFaultBody: (status) =>
      JSON.stringify({ code: status === 429 ? "too_many_requests" : "internal_server_error", message: `Simulated HTTP ${status}`, data: { status } }),
    credentialHeaders: ["authorization"],
  });

  const maskQuery = (entry: LoggedRequest): LoggedRequest => {
    const query = { ...entry.query };
    for (const name of ["consumer_key", "consumer_secret"]) if (name in query) query[name] = "[present]";
    return { ...entry, query };
  };

  return {
    storeUrl: `${server.url}${sitePath}`,
    credentials,
    timeZone,
    currency,
    addOrders,
    updateOrder(id, patch) {
      const order = stored.get(id);
      if (!order) throw new Error(`No simulated order ${id}`);
      order.seed = { ...order.seed, ...structuredClone(patch) };
      // Cancelling changes an order, so its modification date moves with it.
      const cancelledAtUtc = patch.cancelledAtUtc;
      if (cancelledAtUtc && !patch.updatedAtUtc && cancelledAtUtc > order.seed.updatedAtUtc) {
        order.seed.updatedAtUtc = cancelledAtUtc;
      }
      order.status = wooStatusOf(order.seed);
    },
    orders: () => [...stored.values()].map((order) => structuredClone(order.seed)),
    injectFault: (fault, target) => faults.add({ ...fault }, target),
    revokeCredentials() {
      validKey = `ck_revoked_${randomBytes(8).toString("hex")}`;
    },
    requestLog: () => server.requestLog().map(maskQuery),
    close: () => server.close(),
    setOrderStatus(id, status) {
      const order = stored.get(id);
      if (!order) throw new Error(`No simulated order ${id}`);
      order.status = status;
    },
    deleteOrder(id) {
      stored.delete(id);
    },
    onOrderListRequest(hook) {
      listHook = hook;
      listRequests = 0;
    },
    onRefundsRequest(hook) {
      refundsHook = hook;
    },
    setBasicAuthHonoured(honoured) {
      honoursBasicAuth = honoured;
    },
  };
}

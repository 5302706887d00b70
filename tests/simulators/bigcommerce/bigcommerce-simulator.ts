import { randomBytes } from "node:crypto";
import { offsetMsAt } from "../../../main/time/zoned-time.js";
import { FaultQueue, type SimulatorFault } from "../common/faults.js";
import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorControl } from "../common/simulator-control.js";
import { startSimulatorServer, type SimulatorReply, type SimulatorRequest } from "../common/simulator-server.js";
import { filterOrders, NO_CONTENT, pageOf, type StoredBcOrder, v2Error } from "./bigcommerce-order-list.js";
import { RequestQuota } from "./bigcommerce-quota.js";
import {
  renderBcCoupons,
  renderBcOrder,
  renderBcProducts,
  renderBcRefunds,
  renderBcShippingAddresses,
  statusIdOf,
} from "./bigcommerce-order-render.js";

export type BigCommerceSimulatorOptions = {
  storeName?: string;
  timeZone?: string;
  currency?: string;
  /** Requests per window, shared by every app of the store; defaults to 150 per 30 s. */
  rateLimit?: { quota: number; windowMs: number };
  dateGranularity?: "second" | "day";
  /** Scopes of the API account; both default to read access. */
  scopes?: { orders: boolean; storeInformation: boolean };
  /** Caps `limit` on sub-resources without saying so, as behind the 50-line reports. */
  subResourceLimitCap?: number;
  /** True acts as a store that ignores min_id, so every request returns the first page again. */
  ignoresMinId?: boolean;
  orders?: SeedOrder[];
};

export type BigCommerceSimulator = SimulatorControl & {
  readonly storeHash: string;
  /** Archives an order, as DELETE /v2/orders/{id} does. */
  archiveOrder(id: string): void;
  /** Deletes an order for good, as deleting it from the archive does, so that its sub-resources return 404. */
  deleteOrder(id: string): void;
  /** Runs before each sub-resource response with the order id, so tests can change the order in between. */
  onSubResourceRequest(hook: ((orderId: string) => void) | null): void;
  /** Runs before each order-list response with the 1-based count of list requests, so tests can change orders mid-paging. */
  onOrderListRequest(hook: ((requestCount: number) => void) | null): void;
};

const API_PATH = /^\/stores\/([^/]+)\/(v2|v3)\/(.*?)\/?$/;
const SUB_RESOURCE = /^orders\/(\d+)\/(products|shipping_addresses|shippingaddresses|coupons)$/;

function json(body: unknown): SimulatorReply {
  return { status: 200, body: JSON.stringify(body) };
}

/** Starts a BigCommerce V2/V3 simulator on 127.0.0.1, served under /stores/{hash}/ like api.bigcommerce.com. */
export async function startBigCommerceSimulator(options: BigCommerceSimulatorOptions = {}): Promise<BigCommerceSimulator> {
  const storeHash = `s${randomBytes(4).toString("hex")}`;
  const timeZone = options.timeZone ?? "America/Chicago";
  const currency = options.currency ?? "USD";
  const credentials = { accessToken: randomBytes(16).toString("hex") };
  let validToken = credentials.accessToken;
  const scopes = options.scopes ?? { orders: true, storeInformation: true };
  const quota = new RequestQuota(options.rateLimit?.quota ?? 150, options.rateLimit?.windowMs ?? 30_000);
  const faults = new FaultQueue();
  const stored = new Map<string, StoredBcOrder>();
  let listHook: ((requestCount: number) => void) | null = null;
  let subResourceHook: ((orderId: string) => void) | null = null;
  let listRequests = 0;

  const addOrders = (orders: SeedOrder[]) => {
    for (const seed of orders) stored.set(seed.id, { seed: structuredClone(seed), statusId: statusIdOf(seed), isDeleted: false });
  };
  addOrders(options.orders ?? []);

  const storeInfo = (): SimulatorReply => {
    const rawOffset = offsetMsAt(Date.UTC(2026, 0, 15), timeZone) / 1000;
    const summerOffset = offsetMsAt(Date.UTC(2026, 6, 15), timeZone) / 1000;
    return json({
      id: storeHash,
      domain: "shop.example.test",
      secure_url: "https://shop.example.test",
      status: "live",
      name: options.storeName ?? "Harbour Supply Co.",
      currency,
      timezone: { name: timeZone, raw_offset: rawOffset, dst_offset: summerOffset, dst_correction: rawOffset !== summerOffset },
      plan_name: "Standard",
    });
  };

  const subResource = (id: string, kind: string, query: Record<string, string>): SimulatorReply => {
    subResourceHook?.(id);
    const order = stored.get(id);
    if (!order) return v2Error(404, "The requested resource was not found.");
    const rows =
      kind === "products"
        ? renderBcProducts(order.seed)
        : kind === "coupons"
          ? renderBcCoupons(order.seed)
          : renderBcShippingAddresses(order.seed);
    const cap = options.subResourceLimitCap;
    const limit = Math.min(Number(query.limit ?? 50), cap ?? Number.MAX_SAFE_INTEGER);
    const paged = pageOf(rows, { ...query, limit: String(limit) });
    if ("error" in paged) return paged.error;
    return paged.rows.length === 0 ? NO_CONTENT : json(paged.rows);
  };

  const orderList = (query: Record<string, string>, fault: SimulatorFault | null): SimulatorReply => {
    listRequests += 1;
    listHook?.(listRequests);
    const effective = options.ignoresMinId ? { ...query, min_id: "0" } : query;
    const listed = filterOrders([...stored.values()], effective, { dateGranularity: options.dateGranularity ?? "second" }, fault?.kind === "ignore-window");
    if ("error" in listed) return listed.error;
    const paged = pageOf(listed.orders, query, fault?.kind === "too-heavy" ? fault.maxPageSize : 250);
    if ("error" in paged) return paged.error;
    if (paged.rows.length === 0) return NO_CONTENT;
    return json(paged.rows.map((order) => renderBcOrder(order.seed, order.statusId, order.isDeleted, `${server.url}/stores/${storeHash}/v2`)));
  };

  const refunds = (query: Record<string, string>): SimulatorReply => {
    const ids = (query["order_id:in"] ?? "").split(",").filter(Boolean);
    const all = ids.flatMap((id) => (stored.has(id) ? renderBcRefunds(stored.get(id)!.seed) : []));
    const page = Number(query.page ?? 1);
    const limit = Number(query.limit ?? 50);
    const data = all.slice((page - 1) * limit, page * limit);
    const pagination = { total: all.length, count: data.length, per_page: limit, current_page: page, total_pages: Math.max(1, Math.ceil(all.length / limit)) };
    return json({ data, meta: { pagination } });
  };

  const route = (version: string, path: string, request: SimulatorRequest, fault: SimulatorFault | null): SimulatorReply => {
    if (version === "v2" && path === "store") {
      return scopes.storeInformation ? storeInfo() : v2Error(403, "You don't have a required scope to access the endpoint");
    }
    if (!scopes.orders) return v2Error(403, "You don't have a required scope to access the endpoint");
    if (version === "v3" && path === "orders/payment_actions/refunds") return refunds(request.query);
    if (version !== "v2") return { status: 404, body: JSON.stringify({ status: 404, title: "Not Found", type: "/api-docs/getting-started/api-status-codes" }) };
    if (path === "orders") return orderList(request.query, fault);
    if (path === "orders/count") {
      const listed = filterOrders([...stored.values()], request.query, { dateGranularity: "second" }, false);
      return "error" in listed ? listed.error : json({ count: listed.orders.length, statuses: [] });
    }
    const sub = SUB_RESOURCE.exec(path);
    if (sub) return subResource(sub[1]!, sub[2]!, request.query);
    return v2Error(404, "The requested resource was not found.");
  };

  const handle = (request: SimulatorRequest, fault: SimulatorFault | null): SimulatorReply => {
    const match = API_PATH.exec(request.path);
    if (!match) return v2Error(404, "The requested resource was not found.");
    if (request.headers["x-auth-token"] !== validToken) {
      return { status: 401, body: JSON.stringify({ status: 401, title: "Unauthorized - The credentials are invalid", type: "/api-docs/getting-started/api-status-codes" }) };
    }
    if (match[1] !== storeHash) return v2Error(403, "You don't have access to this store");
    const spent = quota.take();
    if (spent.exceeded) return { status: 429, headers: spent.headers, body: JSON.stringify({ status: 429, title: "Too many requests" }) };
    const reply = route(match[2]!, match[3]!, request, fault);
    return { ...reply, headers: { ...reply.headers, ...spent.headers } };
  };

  const server = await startSimulatorServer({
    faults,
    faultTargetOf: (request) => (/\/v2\/orders\/?$/.test(request.path) ? "orders" : "any"),
    handle,
    statusFaultBody: (status) => JSON.stringify([{ status, message: `Simulated HTTP ${status}` }]),
    credentialHeaders: ["x-auth-token"],
  });

  return {
    storeHash,
    storeUrl: `${server.url}/stores/${storeHash}/v3/`,
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
      order.statusId = statusIdOf(order.seed);
    },
    orders: () => [...stored.values()].map((order) => structuredClone(order.seed)),
    injectFault: (fault, target) => faults.add({ ...fault }, target),
    revokeCredentials() {
      validToken = `revoked-${randomBytes(8).toString("hex")}`;
    },
    requestLog: () => server.requestLog(),
    close: () => server.close(),
    archiveOrder(id) {
      const order = stored.get(id);
      if (!order) throw new Error(`No simulated order ${id}`);
      order.isDeleted = true;
    },
    deleteOrder(id) {
      stored.delete(id);
    },
    onOrderListRequest(hook) {
      listHook = hook;
      listRequests = 0;
    },
    onSubResourceRequest(hook) {
      subResourceHook = hook;
    },
  };
}

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FaultQueue, type LoggedRequest, type ScheduledFault, type SimulatorFault } from "../common/faults.js";
import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorControl } from "../common/simulator-control.js";
import { checkOAuthRequest, restErrorOf, type OAuthSecrets } from "./magento-oauth-check.js";
import {
  MagentoReplyScripts,
  sendScripted,
  type MagentoReplyScript,
  type MagentoScriptTarget,
} from "./magento-reply-script.js";
import { renderCreditMemos, renderMagentoOrder, renderStoreInfo } from "./magento-render.js";
import { parseSearchCriteria, runSearch, type Row } from "./magento-search-eval.js";

export const MAGENTO_ACL = {
  orders: "Magento_Sales::actions_view",
  creditMemos: "Magento_Sales::sales_creditmemo",
  stores: "Magento_Backend::store",
} as const;

export type MagentoSimulatorOptions = {
  timeZone?: string;
  currency?: string;
  storeName?: string;
  storeCode?: string;
  /** Accept the access token alone as a bearer token (off by default since 2.4.4). */
  allowBearer?: boolean;
  /** Maximum page size with input limiting on; null (the default) means no cap. */
  inputLimit?: number | null;
  /** ACL resources the integration has; all of MAGENTO_ACL by default. */
  aclResources?: string[];
  /** The store's clock, for the OAuth timestamp check. */
  now?: () => number;
  /** How far an OAuth timestamp may differ from the store's clock. */
  timestampToleranceSeconds?: number;
  /** Folder Magento runs in, such as "/shop"; the REST API is then at /shop/rest/…. */
  basePath?: string;
  /**
   * How failed OAuth checks are answered: "rest-messages" (the default) with
   * the phrases Magento 2.4 itself puts in REST responses, or "problem-codes"
   * as {"message":"oauth_problem=signature_invalid"}.
   */
  oauthErrors?: "problem-codes" | "rest-messages";
};

export type MagentoSimulator = SimulatorControl & {
  /** Sets raw Magento fields on an order's rendering, such as relation_parent_id. */
  setRawFields(id: string, fields: Record<string, unknown>): void;
  setAclResources(resources: string[]): void;
  /** Removes an order, as a store that deletes it while a client pages. */
  deleteOrder(id: string): void;
  /** Rewrites the next `times` replies to requests of the target (1 by default). */
  scriptReplies(target: MagentoScriptTarget, script: MagentoReplyScript, times?: number): void;
};

const UNAUTHORIZED = "The consumer isn't authorized to access %resources.";

function secret(): string {
  return randomBytes(16).toString("hex");
}

function resourceOf(route: string): string | null {
  if (route === "orders") return MAGENTO_ACL.orders;
  if (route === "creditmemos") return MAGENTO_ACL.creditMemos;
  if (route.startsWith("store/")) return MAGENTO_ACL.stores;
  return null;
}

/** Starts a Magento 2.4 REST simulator on 127.0.0.1 with a port the OS picks. */
export async function startMagentoSimulator(options: MagentoSimulatorOptions = {}): Promise<MagentoSimulator> {
  const timeZone = options.timeZone ?? "Europe/Zurich";
  const currency = options.currency ?? "CHF";
  const storeCode = options.storeCode ?? "default";
  const secrets: OAuthSecrets = {
    consumerKey: secret(),
    consumerSecret: secret(),
    accessToken: secret(),
    accessTokenSecret: secret(),
  };
  const now = options.now ?? Date.now;
  const orders = new Map<string, SeedOrder>();
  const rawFields = new Map<string, Record<string, unknown>>();
  const faults = new FaultQueue();
  const log: LoggedRequest[] = [];
  const seenNonces = new Set<string>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let acl = new Set<string>(options.aclResources ?? Object.values(MAGENTO_ACL));
  let revoked = false;
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const scripts = new MagentoReplyScripts();
  const scriptTargets = new WeakMap<ServerResponse, { request: IncomingMessage; route: MagentoScriptTarget }>();

  function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const reply = { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
    const target = scriptTargets.get(response);
    if (!target) {
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
      return;
    }
    sendScripted(target.request, response, reply, scripts.take(target.route));
  }

  const orderRows = (): Row[] =>
    [...orders.values()].map((seed) => ({ ...renderMagentoOrder(seed), ...rawFields.get(seed.id) }));

  function authenticate(request: IncomingMessage, response: ServerResponse, resource: string): boolean {
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const accepted = options.allowBearer && !revoked && header.slice(7) === secrets.accessToken;
      if (!accepted) sendJson(response, 401, { message: UNAUTHORIZED, parameters: { resources: resource } });
      return Boolean(accepted);
    }
    const problem = checkOAuthRequest({
      method: request.method ?? "GET",
      host: request.headers.host ?? "",
      target: request.url ?? "/",
      header,
      secrets,
      revoked,
      nowSeconds: Math.floor(now() / 1000),
      toleranceSeconds: options.timestampToleranceSeconds ?? 600,
      seenNonces,
    });
    if (problem === "parameter_absent") {
      sendJson(response, 401, { message: UNAUTHORIZED, parameters: { resources: resource } });
      return false;
    }
    if (problem && (options.oauthErrors ?? "rest-messages") === "rest-messages") {
      const { status, ...body } = restErrorOf(problem, header);
      sendJson(response, status, body);
      return false;
    }
    if (problem) {
      sendJson(response, problem === "timestamp_refused" ? 400 : 401, { message: `oauth_problem=${problem}` });
      return false;
    }
    if (!acl.has(resource)) {
      sendJson(response, 401, { message: UNAUTHORIZED, parameters: { resources: resource } });
      return false;
    }
    return true;
  }

  function answerSearch(response: ServerResponse, rows: Row[], query: URLSearchParams, skipFields: string[], maxPageSize: number | null): void {
    const criteria = parseSearchCriteria(query);
    if (maxPageSize !== null && (criteria.pageSize === null || criteria.pageSize > maxPageSize)) {
      sendJson(response, 400, { message: "Maximum SearchCriteria pageSize is %1", parameters: [maxPageSize] });
      return;
    }
    const page = runSearch(rows, criteria, skipFields);
    sendJson(response, 200, {
      items: page.items,
      search_criteria: { filter_groups: criteria.groups, page_size: criteria.pageSize, current_page: criteria.currentPage },
      total_count: page.totalCount,
    });
  }

  /** Puts back a fault that did not apply to this request, keeping its remaining count. */
  function restore(fault: SimulatorFault): void {
    if (fault.times > 0) fault.times += 1;
    else faults.add({ ...fault, times: 1 }, (fault as ScheduledFault).target);
  }

  /**
   * Authenticates first, so a request that gets a fault still uses up its
   * nonce, as on a store whose PHP failed after the check.
   */
  async function route(request: IncomingMessage, response: ServerResponse, url: URL, isOrders: boolean): Promise<void> {
    const inFolder = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : "";
    const match = /^\/rest\/(?:([^/]+)\/)?V1\/(.+)$/.exec(inFolder);
    const code = match?.[1] ?? "default";
    const path = match?.[2] ?? "";
    const resource = resourceOf(path);
    if (!match || !resource || request.method !== "GET" || (code !== storeCode && code !== "default" && code !== "all")) {
      sendJson(response, 404, { message: "Request does not match any route." });
      return;
    }
    if (!authenticate(request, response, resource)) return;
    const nextFault = isOrders ? faults.take("orders") : faults.take("any");
    if (nextFault && (await applyFault(request, response, nextFault))) return;
    if (response.destroyed) return;
    const fault = nextFault?.kind === "too-heavy" || nextFault?.kind === "ignore-window" ? nextFault : null;

    if (path === "orders") {
      const skip = fault?.kind === "ignore-window" ? ["created_at", "updated_at"] : [];
      let heavyLimit: number | null = null;
      if (fault?.kind === "too-heavy") {
        const pageSize = Number(url.searchParams.get("searchCriteria[pageSize]") ?? Infinity);
        if (pageSize > fault.maxPageSize) heavyLimit = fault.maxPageSize;
        else restore(fault);
      }
      const limits = [heavyLimit, options.inputLimit ?? null].filter((limit): limit is number => limit !== null);
      answerSearch(response, orderRows(), url.searchParams, skip, limits.length ? Math.min(...limits) : null);
      return;
    }
    if (path === "creditmemos") {
      const memos = [...orders.values()].flatMap(renderCreditMemos);
      answerSearch(response, memos, url.searchParams, [], options.inputLimit ?? null);
      return;
    }
    const storeInfo = renderStoreInfo(path, {
      storeCode,
      currency,
      timeZone,
      storeName: options.storeName ?? "Alpenblick Shop",
      storeUrl: simulator.storeUrl,
    });
    if (storeInfo) {
      sendJson(response, 200, storeInfo);
      return;
    }
    sendJson(response, 404, { message: "Request does not match any route." });
  }

  /** Applies a transport-level fault; returns true when it sent a response or dropped the connection. */
  async function applyFault(request: IncomingMessage, response: ServerResponse, fault: SimulatorFault): Promise<boolean> {
    switch (fault.kind) {
      case "status": {
        const headers: Record<string, string> =
          fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
        sendJson(response, fault.status, { message: `Simulated HTTP ${fault.status}` }, headers);
        return true;
      }
      case "stall":
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, fault.delayMs);
          timers.add(timer);
        });
        return false;
      case "reset":
        request.socket.destroy();
        return true;
      case "malformed":
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"items":[{"entity_id":');
        return true;
      default:
        return false;
    }
  }

  const server = createServer((request, response) => {
    const startedAt = Date.now();
    const url = new URL(request.url ?? "/", "http://simulator.invalid");
    const isOrders = /\/V1\/orders$/.test(url.pathname);
    const scriptRoute: MagentoScriptTarget = isOrders ? "orders" : /\/V1\/creditmemos$/.test(url.pathname) ? "creditmemos" : "any";
    scriptTargets.set(response, { request, route: scriptRoute });
    response.on("close", () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, name === "authorization" ? "[present]" : String(value)]),
      );
      log.push({ method: request.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: "", status: response.headersSent ? response.statusCode : 0, atMs: startedAt });
    });
    void route(request, response, url, isOrders);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const simulator: MagentoSimulator = {
    storeUrl: `http://127.0.0.1:${port}${basePath}`,
    credentials: { ...secrets },
    timeZone,
    currency,
    addOrders(seeds) {
      for (const seed of seeds) orders.set(seed.id, structuredClone(seed));
    },
    updateOrder(id, patch) {
      const existing = orders.get(id);
      if (!existing) throw new RangeError(`order ${id} is not in the simulator`);
      orders.set(id, { ...existing, ...structuredClone(patch) });
    },
    orders: () => [...orders.values()].map((seed) => structuredClone(seed)),
    injectFault: (fault, target) => faults.add({ ...fault }, target),
    revokeCredentials() {
      revoked = true;
    },
    requestLog: () => [...log],
    setRawFields(id, fields) {
      rawFields.set(id, { ...rawFields.get(id), ...fields });
    },
    setAclResources(resources) {
      acl = new Set(resources);
    },
    deleteOrder(id) {
      orders.delete(id);
    },
    scriptReplies(target, script, times = 1) {
      scripts.add(target, script, times);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return simulator;
}

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FaultQueue, type LoggedRequest, type ScheduledFault, type SimulatorFault } from "../common/faults.js";
import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorControl } from "../common/simulator-control.js";
import { displayRows, runList, WebserviceQueryError, type Row } from "./prestashop-query.js";
import {
  PrestaShopReplyScripts,
  sendScripted,
  type PrestaShopReplyScript,
  type PrestaShopScriptTarget,
} from "./prestashop-reply-script.js";
import { COUNTRY_IDS, orderStates, stateId, type ShopTables } from "./prestashop-render.js";
import { resourceRows, RESOURCE_FIELDS } from "./prestashop-resources.js";

export const PRESTASHOP_RESOURCES = Object.keys(RESOURCE_FIELDS);

export type PrestaShopSimulatorOptions = {
  timeZone?: string;
  currency?: string;
  storeName?: string;
  /** Removes the Authorization header before PrestaShop reads it, as CGI setups do. */
  stripAuthorizationHeader?: boolean;
  /** Resources the key may GET; all by default. */
  resources?: string[];
  webserviceEnabled?: boolean;
  keyActive?: boolean;
  /** Returns an empty list as a bare [], as PrestaShop before 1.7.7 does (on by default). */
  emptyListAsArray?: boolean;
  /** Added to every order state id; 10 by default, so no test relies on install ids. */
  stateIdOffset?: number;
  /** Folder the shop runs in, such as "/tienda"; the webservice is then at /tienda/api/. */
  basePath?: string;
};

export type PrestaShopSimulator = SimulatorControl & {
  /** Sets raw webservice fields on an order, such as a date_add that a daylight-saving change skips. */
  setRawFields(id: string, fields: Record<string, unknown>): void;
  setResources(resources: string[]): void;
  /** Removes an order, as a shop that deletes it while a client pages. */
  deleteOrder(id: string): void;
  /** Rewrites the next `times` replies to requests of the target (1 by default). */
  scriptReplies(target: PrestaShopScriptTarget, script: PrestaShopReplyScript, times?: number): void;
};

const REALM = 'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."';

function keyOf(request: IncomingMessage, url: URL, stripHeader: boolean): string | null {
  const header = stripHeader ? undefined : request.headers.authorization;
  if (header?.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    return decoded.split(":")[0] ?? "";
  }
  return url.searchParams.get("ws_key");
}

/** Starts a PrestaShop webservice simulator on 127.0.0.1 with a port the OS picks. */
export async function startPrestaShopSimulator(options: PrestaShopSimulatorOptions = {}): Promise<PrestaShopSimulator> {
  const timeZone = options.timeZone ?? "Europe/Madrid";
  const currency = options.currency ?? "EUR";
  const key = randomBytes(16).toString("hex").toUpperCase();
  const tables: ShopTables = { timeZone, stateIdOffset: options.stateIdOffset ?? 10, currencies: [currency], carriers: new Map() };
  const seeds = new Map<string, SeedOrder>();
  const rawFields = new Map<string, Record<string, unknown>>();
  const faults = new FaultQueue();
  const log: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let allowed = new Set(options.resources ?? PRESTASHOP_RESOURCES);
  let revoked = false;
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const scripts = new PrestaShopReplyScripts();
  const scriptTargets = new WeakMap<ServerResponse, { request: IncomingMessage; route: PrestaShopScriptTarget }>();

  /** Sends a reply, through the next reply script for its route if one is queued. */
  function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
    const target = scriptTargets.get(response);
    if (!target) {
      response.writeHead(status, headers);
      response.end(body);
      return;
    }
    sendScripted(target.request, response, { status, headers, body }, scripts.take(target.route));
  }

  const settings = () => [
    { id: "1", name: "PS_SHOP_NAME", value: options.storeName ?? "Tienda Prieto" },
    { id: "2", name: "PS_TIMEZONE", value: timeZone },
    { id: "3", name: "PS_CURRENCY_DEFAULT", value: "1" },
    { id: "4", name: "PS_OS_CANCELED", value: stateId("Canceled", tables) },
    { id: "5", name: "PS_OS_REFUND", value: stateId("Refunded", tables) },
  ];

  function sendError(response: ServerResponse, url: URL, status: number, code: number, message: string): void {
    sendErrors(response, url, status, [[code, message]]);
  }

  function sendErrors(response: ServerResponse, url: URL, status: number, errors: [code: number, message: string][]): void {
    const headers: Record<string, string> = status === 401 ? { "www-authenticate": REALM } : {};
    if (url.searchParams.get("output_format") === "JSON") {
      const body = JSON.stringify({ errors: errors.map(([code, message]) => ({ code, message })) });
      send(response, status, { "content-type": "application/json", ...headers }, body);
      return;
    }
    const items = errors.map(([code, message]) => `<error><code><![CDATA[${code}]]></code><message><![CDATA[${message}]]></message></error>`);
    send(response, status, { "content-type": "text/xml", ...headers }, `<?xml version="1.0" encoding="UTF-8"?><prestashop><errors>${items.join("")}</errors></prestashop>`);
  }

  function sendJson(response: ServerResponse, body: unknown): void {
    send(response, 200, { "content-type": "application/json" }, JSON.stringify(body));
  }

  /** Runs the key checks of PrestaShop's WebserviceRequest; returns false after sending an error. */
  function authenticate(request: IncomingMessage, response: ServerResponse, url: URL, resource: string): boolean {
    if (options.webserviceEnabled === false) {
      sendError(response, url, 503, 22, "The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office");
      return false;
    }
    const sentKey = keyOf(request, url, options.stripAuthorizationHeader ?? false);
    if (sentKey === null) {
      sendError(response, url, 401, 16, "Please enter the authentication key as the login. No password required");
      return false;
    }
    if (sentKey === "") return (sendError(response, url, 401, 17, "Authentication key is empty"), false);
    if (sentKey.length !== 32) return (sendError(response, url, 401, 18, "Invalid authentication key format"), false);
    // Since 1.7, WebserviceKey::isKeyActive() is false for a key that does not
    // exist as well as for a disabled one, so both get codes 20 and 21; the
    // code 19 "Authentification key does not exist" is PrestaShop 1.6's.
    if (sentKey !== key || revoked || options.keyActive === false) {
      sendErrors(response, url, 401, [
        [20, "Authentification key is not active"],
        [21, "No permission for this authentication key"],
      ]);
      return false;
    }
    if (request.method !== "GET") return (sendError(response, url, 405, 25, "Method not allowed for this key"), false);
    if (resource && !allowed.has(resource)) {
      sendError(response, url, 401, 26, `Resource of type "${resource}" is not allowed with this authentication key`);
      return false;
    }
    return true;
  }

  function restore(fault: SimulatorFault): void {
    if (fault.times > 0) fault.times += 1;
    else faults.add({ ...fault, times: 1 }, (fault as ScheduledFault).target);
  }

  async function applyFault(request: IncomingMessage, response: ServerResponse, url: URL, fault: SimulatorFault): Promise<boolean> {
    switch (fault.kind) {
      case "status":
        response.writeHead(fault.status, fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) });
        response.end(`<html><body>Simulated HTTP ${fault.status}</body></html>`);
        return true;
      case "stall":
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => (timers.delete(timer), resolve()), fault.delayMs);
          timers.add(timer);
        });
        return false;
      case "reset":
        request.socket.destroy();
        return true;
      case "malformed":
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"orders":[{"id":');
        return true;
      case "too-heavy": {
        const count = Number(/(\d+)$/.exec(url.searchParams.get("limit") ?? "")?.[1] ?? Infinity);
        if (count <= fault.maxPageSize) return (restore(fault), false);
        response.writeHead(500, { "content-type": "text/html" });
        response.end("<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted");
        return true;
      }
      case "ignore-window":
        return false;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const inFolder = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : "";
    const match = /^\/api\/?([a-z_]*)\/?$/.exec(inFolder);
    const resource = match?.[1] ?? "";
    if (!match || (resource && !RESOURCE_FIELDS[resource])) return sendError(response, url, 404, 0, "Resource not found");
    if (!authenticate(request, response, url, resource)) return;

    const fault = resource === "orders" ? faults.take("orders") : faults.take("any");
    if (fault && (await applyFault(request, response, url, fault))) return;
    if (response.destroyed) return;

    if (!resource) {
      const entries = [...allowed].sort().map((name) => [name, { description: `The ${name}`, get: "true", put: "false", post: "false", patch: "false", delete: "false", head: "true" }]);
      return sendJson(response, { api: Object.fromEntries(entries) });
    }
    let rows: Row[];
    if (resource === "configurations") rows = settings();
    else if (resource === "order_states") rows = orderStates(tables);
    else if (resource === "countries") rows = Object.entries(COUNTRY_IDS).map(([iso, id]) => ({ id: String(id), iso_code: iso, name: iso }));
    else rows = resourceRows(resource, [...seeds.values()], rawFields, tables);
    try {
      const listed = runList({ rows, query: url.searchParams, fields: RESOURCE_FIELDS[resource]!, ignoreDateFilter: fault?.kind === "ignore-window" });
      const displayed = displayRows(listed, url.searchParams.get("display"));
      if (displayed.length === 0 && options.emptyListAsArray !== false) return sendJson(response, []);
      sendJson(response, { [resource === "order_slip" ? "order_slips" : resource]: displayed });
    } catch (error) {
      if (!(error instanceof WebserviceQueryError)) throw error;
      sendError(response, url, 400, error.code, error.message);
    }
  }

  const server = createServer((request, response) => {
    const startedAt = Date.now();
    const url = new URL(request.url ?? "/", "http://simulator.invalid");
    scriptTargets.set(response, { request, route: /\/api\/orders\/?$/.test(url.pathname) ? "orders" : "any" });
    response.on("close", () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, name === "authorization" ? "[present]" : String(value)]));
      const query = Object.fromEntries([...url.searchParams].map(([name, value]) => [name, name === "ws_key" ? "[present]" : value]));
      log.push({ method: request.method ?? "GET", path: url.pathname, query, headers, body: "", status: response.headersSent ? response.statusCode : 0, atMs: startedAt });
    });
    void handle(request, response, url);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    storeUrl: `http://127.0.0.1:${port}${basePath}`,
    credentials: { webserviceKey: key },
    timeZone,
    currency,
    addOrders(orders) {
      for (const seed of orders) seeds.set(seed.id, structuredClone(seed));
    },
    updateOrder(id, patch) {
      const existing = seeds.get(id);
      if (!existing) throw new RangeError(`order ${id} is not in the simulator`);
      seeds.set(id, { ...existing, ...structuredClone(patch) });
    },
    orders: () => [...seeds.values()].map((seed) => structuredClone(seed)),
    injectFault: (fault, target) => faults.add({ ...fault }, target),
    revokeCredentials() {
      revoked = true;
    },
    requestLog: () => [...log],
    setRawFields(id, fields) {
      rawFields.set(id, { ...rawFields.get(id), ...fields });
    },
    setResources(resources) {
      allowed = new Set(resources);
    },
    deleteOrder(id) {
      seeds.delete(id);
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
}

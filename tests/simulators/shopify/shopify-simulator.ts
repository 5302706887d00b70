import { FaultQueue, type FaultTarget } from "../common/faults.js";
import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorControl } from "../common/simulator-control.js";
import { type SimulatorReply, type SimulatorRequest, startSimulatorServer } from "../common/simulator-server.js";
import { INVALID_TOKEN_BODY, maskGrantBody, SimulatedAuth } from "./shopify-auth.js";
import { respondToGraphql, type GraphqlStore } from "./shopify-graphql.js";
import { parseGraphqlBody } from "./shopify-graphql-arguments.js";
import type { ChargedQuery } from "./shopify-graphql-replies.js";
import type { LineEdit, OrderExtras } from "./shopify-order-render.js";
import { type BucketOptions, CostBucketSimulation, DEFAULT_BUCKET, type ThrottledResponse } from "./shopify-throttle.js";

export const ALL_ORDER_SCOPES = ["read_orders", "read_all_orders"];

export type ShopifySimulatorOptions = {
  storeName?: string;
  timeZone?: string;
  currency?: string;
  orders?: SeedOrder[];
  /** Which credentials `credentials` hands out: a pasted token or a client ID and secret. */
  credentialKind?: "access-token" | "client-credentials";
  /** Access scopes of the app; without read_all_orders, orders older than 60 days are hidden. */
  scopes?: string[];
  tokenLifetimeSeconds?: number;
  bucket?: Partial<BucketOptions>;
  /** Clock for token expiry and the 60-day horizon; the cost bucket always runs in real time. */
  now?: () => number;
};

/**
 * Requests a scripted reply can take the place of: orders pages, follow-ups
 * that read more of orders' lists through `order(id:)`, any GraphQL request,
 * or a token grant.
 */
export type ScriptTarget = "orders" | "order-lists" | "graphql" | "grant";

/**
 * Builds the reply to one request in place of the store. `storeReply` runs
 * the store's own handling (charging the bucket, reading orders) and returns
 * what it would have sent, for scripts that change a real reply.
 */
export type ReplyScript = (storeReply: () => SimulatorReply, request: SimulatorRequest) => SimulatorReply;

/** Knobs beyond SimulatorControl that the Shopify tests use. */
export type ShopifySimulator = SimulatorControl & {
  readonly storeName: string;
  setScopes(scopes: string[]): void;
  /** Expires every token issued by the client credentials grant; the client secret keeps working. */
  expireIssuedTokens(): void;
  /** Instants (by the simulator's clock) at which tokens were granted. */
  tokenGrants(): number[];
  /** Every THROTTLED response sent, with the bucket state it reported. */
  throttledResponses(): ThrottledResponse[];
  setBucket(options: Partial<BucketOptions>): void;
  setAvailablePoints(points: number): void;
  /** Every search string the orders query received. */
  searches(): string[];
  /** Edits an order's line as Shopify order editing does: the original quantity stays, currentQuantity changes. */
  editLine(orderId: string, edit: LineEdit): void;
  /** Gives an order shipping lines or discount applications beyond what a seed order has room for. */
  setOrderExtras(orderId: string, extras: OrderExtras): void;
  /** Every query that ran (not the refused or throttled ones), with its requested and actual cost. */
  chargedQueries(): ChargedQuery[];
  /**
   * Lets `script` build the replies to the next `times` requests of the
   * target, for replies that no generic fault gives: a Retry-After date, a redirect, a
   * GraphQL error code, a page whose cursor does not move.
   */
  scriptReplies(target: ScriptTarget, script: ReplyScript, times?: number): void;
  /** Withholds customers, e-mails and addresses as Shopify does for an app without protected customer data approval. */
  setProtectedDataApproved(approved: boolean): void;
  /** Every access token and client secret the store ever issued, revoked ones included. */
  secrets(): string[];
};

type ScheduledScript = { target: ScriptTarget; script: ReplyScript; times: number };

function scriptTargetsOf(request: SimulatorRequest): ScriptTarget[] {
  if (/\/admin\/oauth\/access_token$/.test(request.path)) return ["grant"];
  if (request.body.includes("orders(")) return ["orders", "graphql"];
  return /\border\s*\(/.test(request.body) ? ["order-lists", "graphql"] : ["graphql"];
}

const DAY_MS = 86_400_000;

function faultTargetOf(request: SimulatorRequest): FaultTarget {
  return request.body.includes("orders(") ? "orders" : "any";
}

/**
 * Starts a simulated Shopify store on 127.0.0.1 speaking the parts of the
 * GraphQL Admin API the connector uses. Responses carry every field of an
 * object whatever the query selected, which a client reading by name ignores.
 */
export async function startShopifySimulator(options: ShopifySimulatorOptions = {}): Promise<ShopifySimulator> {
  const now = options.now ?? Date.now;
  const orders = new Map<string, SeedOrder>();
  for (const order of options.orders ?? []) orders.set(order.id, structuredClone(order));
  const edits = new Map<string, LineEdit[]>();
  const extras = new Map<string, OrderExtras>();
  let scopes = [...(options.scopes ?? ALL_ORDER_SCOPES)];
  const faults = new FaultQueue();
  const scripts: ScheduledScript[] = [];
  let protectedDataApproved = true;
  const auth = new SimulatedAuth(
    { tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86_400, now },
    () => scopes,
  );

  const store: GraphqlStore = {
    storeName: options.storeName ?? "Lind & Berg Goods",
    timeZone: options.timeZone ?? "Europe/Berlin",
    currency: options.currency ?? "EUR",
    scopes: () => scopes,
    visibleOrders: () => {
      const horizonMs = scopes.includes("read_all_orders") ? -Infinity : now() - 60 * DAY_MS;
      return [...orders.values()].filter(
        (order) => order.status !== "draft" && Date.parse(order.createdAtUtc) >= horizonMs,
      );
    },
    changes: (orderId) => ({ edits: edits.get(orderId) ?? [], extras: extras.get(orderId) ?? {} }),
    bucket: new CostBucketSimulation({ ...DEFAULT_BUCKET, ...options.bucket }),
    searches: [],
    charged: [],
    protectedDataApproved: () => protectedDataApproved,
  };

  const respond = (request: SimulatorRequest, fault: Parameters<typeof respondToGraphql>[2]): SimulatorReply => {
    if (request.method === "POST" && /\/admin\/oauth\/access_token$/.test(request.path)) return auth.grant(request);
    if (request.method !== "POST" || !/^\/admin\/api\/\d{4}-\d{2}\/graphql\.json$/.test(request.path)) {
      return { status: 404, body: JSON.stringify({ errors: "Not Found" }) };
    }
    if (!auth.isValidToken(request.headers["x-shopify-access-token"])) {
      return { status: 401, body: INVALID_TOKEN_BODY };
    }
    const graphql = parseGraphqlBody(request.body);
    if (!graphql) return { status: 400, body: JSON.stringify({ errors: { query: "Required parameter missing or invalid" } }) };
    return respondToGraphql(store, graphql, fault);
  };

  const server = await startSimulatorServer({
    faults,
    faultTargetOf,
    credentialHeaders: ["x-shopify-access-token", "authorization"],
    maskBody: maskGrantBody,
    statusFaultBody: (status) =>
      JSON.stringify({ errors: status === 429 ? "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." : "Internal Server Error" }),
    handle: (request, fault) => {
      const targets = scriptTargetsOf(request);
      const index = scripts.findIndex((scheduled) => targets.includes(scheduled.target));
      if (index < 0) return respond(request, fault);
      const scheduled = scripts[index]!;
      scheduled.times -= 1;
      if (scheduled.times <= 0) scripts.splice(index, 1);
      return scheduled.script(() => respond(request, fault), request);
    },
  });

  return {
    storeUrl: server.url,
    storeName: store.storeName,
    get credentials(): Record<string, string> {
      return options.credentialKind === "client-credentials"
        ? { clientId: auth.clientId, clientSecret: auth.clientSecret }
        : { accessToken: auth.pastedToken };
    },
    timeZone: store.timeZone,
    currency: store.currency,
    addOrders: (added) => {
      for (const order of added) orders.set(order.id, structuredClone(order));
    },
    updateOrder: (id, patch) => {
      const order = orders.get(id);
      if (!order) throw new Error(`The simulated store has no order ${id}`);
      orders.set(id, { ...order, ...structuredClone(patch), id });
    },
    orders: () => [...orders.values()].map((order) => structuredClone(order)),
    injectFault: (fault, target) => faults.add({ ...fault }, target),
    revokeCredentials: () => auth.revokeAll(),
    requestLog: () => server.requestLog(),
    close: () => server.close(),
    setScopes: (next) => {
      scopes = [...next];
    },
    expireIssuedTokens: () => auth.expireIssuedTokens(),
    tokenGrants: () => [...auth.grants],
    throttledResponses: () => [...store.bucket.throttled],
    setBucket: (next) => {
      store.bucket.options = { ...store.bucket.options, ...next };
    },
    setAvailablePoints: (points) => store.bucket.setAvailable(points),
    searches: () => [...store.searches],
    editLine: (orderId, edit) => {
      edits.set(orderId, [...(edits.get(orderId) ?? []).filter((known) => known.lineIndex !== edit.lineIndex), edit]);
    },
    setOrderExtras: (orderId, added) => {
      extras.set(orderId, structuredClone(added));
    },
    chargedQueries: () => [...store.charged],
    scriptReplies: (target, script, times = 1) => {
      scripts.push({ target, script, times });
    },
    setProtectedDataApproved: (approved) => {
      protectedDataApproved = approved;
    },
    secrets: () => [...auth.issuedSecrets],
  };
}

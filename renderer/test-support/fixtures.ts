/** Values for component tests, shaped like the main process's responses. */
import type { CartOrder } from "../../main/carts/cart-order.js";
import { listRowOf } from "../../main/dry-run/preview-view.js";
import type { Finding } from "../../main/mapping/findings.js";
import type {
  AppState,
  ConnectionState,
  CutoffState,
  PreviewRow,
  PreviewView,
  ProofReport,
  RunSummary,
  SyncStatus,
} from "../../preload/contract.js";

/** Builds a finished sync run that imported one order. */
export function runSummaryFixture(
  overrides: Partial<RunSummary> = {},
): RunSummary {
  return {
    runId: "run-1",
    trigger: "schedule",
    startedAtUtc: "2026-03-02T09:00:00.000Z",
    endedAtUtc: "2026-03-02T09:00:04.000Z",
    window: {
      fromUtc: "2026-03-02T08:00:00.000Z",
      toUtc: "2026-03-02T09:00:00.000Z",
    },
    pages: 1,
    imported: 1,
    alreadyImported: 0,
    skipped: {},
    failed: 0,
    retries: 0,
    error: null,
    credentialAlert: false,
    ...overrides,
  };
}

/**
 * Builds a clean proof: one order exported before the cut-off, one imported
 * after.
 */
export function proofReportFixture(): ProofReport {
  return {
    cutoffUtc: "2026-03-02T08:00:00.000Z",
    timeZone: "Europe/Berlin",
    window: {
      fromUtc: "2026-02-28T08:00:00.000Z",
      toUtc: "2026-03-02T09:00:00.000Z",
    },
    generatedAtUtc: "2026-03-02T09:05:00.000Z",
    counts: { exported: 1, imported: 1, excluded: 0, missing: 0, doubled: 0 },
    totalsByCurrency: {
      exported: { EUR: 4995 },
      imported: { EUR: 1200 },
      excluded: {},
      missing: {},
    },
    rows: [
      {
        cartOrderId: "1001",
        orderNumber: "#1001",
        createdAtUtc: "2026-03-02T07:00:00.000Z",
        currency: "EUR",
        totalMinor: 4995,
        set: "exported",
        reason: null,
        foundIn: [],
      },
      {
        cartOrderId: "1002",
        orderNumber: "#1002",
        createdAtUtc: "2026-03-02T08:30:00.000Z",
        currency: "EUR",
        totalMinor: 1200,
        set: "imported",
        reason: null,
        foundIn: [],
      },
    ],
    clean: true,
    messages: [
      "The cut-over is complete: each of the 2 cart orders is in exactly " +
        "one set.",
    ],
    files: {
      html: "/data/proofs/proof.html",
      spreadsheet: "/data/proofs/proof.xlsx",
    },
  };
}

export function syncStatusFixture(
  overrides: Partial<SyncStatus> = {},
): SyncStatus {
  return {
    state: "Stopped",
    busy: false,
    importFromUtc: null,
    lastOrderFromUtc: null,
    lastRunAtUtc: null,
    nextRunAtUtc: null,
    ordersImported: 0,
    failedOrders: [],
    changedOrders: [],
    credentialAlert: null,
    history: [],
    ...overrides,
  };
}

export function appStateFixture(overrides: Partial<AppState> = {}): AppState {
  return {
    destination: { kind: "order-book" },
    mapping: { guestPolicy: "placeholder-customer", knownSkuCount: null },
    store: null,
    connection: null,
    dryRun: null,
    cutoff: null,
    exportSummary: null,
    goLive: null,
    startBlockers: [],
    sync: syncStatusFixture(),
    keychainAvailable: true,
    keychainMessage: null,
    ...overrides,
  };
}

export function connectionFixture(
  overrides: Partial<ConnectionState["report"]> = {},
): ConnectionState {
  return {
    testedAtUtc: "2026-03-01T10:00:00.000Z",
    report: {
      platform: "shopify",
      storeName: "Alpine Outfitters",
      timeZone: "Europe/Berlin",
      currency: "EUR",
      grantedScopes: ["read_orders", "read_products"],
      warnings: [],
      orderCount: 1234,
      visibleSinceUtc: null,
      ...overrides,
    },
  };
}

export function cutoffFixture(
  overrides: Partial<CutoffState> = {},
): CutoffState {
  return {
    cutoffUtc: "2026-03-01T08:00:00.000Z",
    timeZone: "Europe/Berlin",
    wallClock: "2026-03-01T09:00",
    resolution: "exact",
    shownInStoreZone: "2026-03-01 09:00:00 (UTC+01:00)",
    ...overrides,
  };
}

/**
 * Builds an app state in which Connect and the dry run are done, for tests of
 * the later steps.
 */
export function connectedAppState(overrides: Partial<AppState> = {}): AppState {
  return appStateFixture({
    store: {
      platform: "shopify",
      storeUrl: "https://alpine.myshopify.com",
      storedCredentialFields: ["accessToken"],
    },
    connection: connectionFixture(),
    dryRun: {
      ranAtUtc: "2026-03-01T10:05:00.000Z",
      passed: true,
      summary: {
        orders: 0,
        importable: 0,
        excluded: {},
        findings: {},
        totalsByCurrency: {},
      },
      savedTo: "/data/previews/dry-run-2026-03-01.json",
      spreadsheetTo: null,
    },
    ...overrides,
  });
}

function cartOrderOf(index: number): CartOrder {
  const createdMs = Date.parse("2026-02-01T00:00:00.000Z") + index * 60_000;
  return {
    platform: "shopify",
    orderId: `order-${index}`,
    orderNumber: `#${1000 + index}`,
    createdAtUtc: new Date(createdMs).toISOString(),
    updatedAtUtc: new Date(createdMs).toISOString(),
    cancelledAtUtc: null,
    financialStatus: "paid",
    fulfillment: "unfulfilled",
    isTest: false,
    isDraft: false,
    isArchived: false,
    currency: "EUR",
    presentmentCurrency: "EUR",
    presentmentTotalMinor: 2495,
    taxesIncluded: true,
    customer: {
      cartCustomerId: `customer-${index}`,
      email: `buyer${index}@example.com`,
      firstName: "Ada",
      lastName: `Buyer ${index}`,
      isGuest: false,
    },
    billingAddress: null,
    shippingAddress: null,
    lines: [
      {
        lineId: `line-${index}`,
        sku: index % 10 === 0 ? null : `SKU-${index}`,
        productId: `product-${index}`,
        title: "Wool socks",
        variantTitle: null,
        quantity: 1,
        unitPriceMinor: 2495,
        taxMinor: 398,
        discountMinor: 0,
      },
    ],
    shipping: [],
    fees: [],
    discounts: [],
    refunds: [],
    totalTaxMinor: 398,
    totalMinor: 2495,
  };
}

/**
 * Builds the full preview row at an index, as dry-run:detail returns it.
 * Every tenth order has a line without SKU, so filters have something to find.
 */
export function previewRowOf(index: number): PreviewRow {
  const order = cartOrderOf(index);
  const findings: Finding[] =
    index % 10 === 0
      ? [
          {
            code: "line-without-sku",
            severity: "error",
            message: "Line 1 has no SKU, so no item can be matched.",
            field: "lines[0].sku",
          },
        ]
      : [];
  return {
    order,
    document: {
      kind: "sales-order",
      status: "PENDING",
      sourceKey: `shopify:alpine:${order.orderId}`,
      platform: "shopify",
      cartOrderId: order.orderId,
      reference: order.orderNumber,
      orderDateUtc: order.createdAtUtc,
      customer: {
        key: `email:${order.customer.email}`,
        name: `Ada Buyer ${index}`,
        email: order.customer.email,
        isGuest: false,
      },
      billTo: null,
      shipTo: null,
      currency: "EUR",
      lines: [
        {
          kind: "item",
          sku: order.lines[0]?.sku ?? "CART-NO-SKU",
          description: "Wool socks",
          quantity: 1,
          unitPriceMinor: 2097,
          amountMinor: 2097,
          taxMinor: 398,
          itemMatch: order.lines[0]?.sku ? "existing-item" : "placeholder",
        },
      ],
      totalMinor: 2495,
      presentment: { currency: "EUR", totalMinor: 2495 },
      refundedMinor: 0,
      adjustments: [],
      netMinor: 2495,
    },
    findings,
    importable: findings.length === 0,
    exclusion: null,
  };
}

/**
 * Builds a preview as the renderer receives it, with light rows. The full row
 * behind each is previewRowOf(index).
 */
export function previewFixture(
  orderCount: number,
  overrides: Partial<PreviewView> = {},
): PreviewView {
  const rows = Array.from({ length: orderCount }, (_, index) =>
    listRowOf(previewRowOf(index), index),
  );
  const withoutSku = rows.filter((row) => row.findingCodes.length > 0).length;
  return {
    formatVersion: 1,
    storeName: "Alpine Outfitters",
    platform: "shopify",
    storeUrl: "https://alpine.myshopify.com",
    window: {
      fromUtc: "2026-02-01T00:00:00.000Z",
      toUtc: "2026-03-01T00:00:00.000Z",
    },
    timeZone: "Europe/Berlin",
    createdAtUtc: "2026-03-01T10:05:00.000Z",
    documentKind: "sales-order",
    rows,
    summary: {
      orders: orderCount,
      importable: orderCount - withoutSku,
      excluded: {},
      findings: withoutSku > 0 ? { "line-without-sku": withoutSku } : {},
      totalsByCurrency: { EUR: orderCount * 2495 },
    },
    openedFromFile: null,
    ...overrides,
  };
}

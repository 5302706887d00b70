/**
 * Export benchmark: 100,000 open orders (about 320,000 lines) exported as
 * CSV and .xlsx by ExportJob, against writing the same rows as plain CSV.
 * The export runs twice: from a listing in creation order, which it writes
 * while reading, and from pages listed last to first, which make it read
 * the cart again and sort on disk.
 *
 * Each measurement runs in a child process of its own, so that its peak
 * resident memory (getrusage maxRSS, and RSS sampled every 50 ms) belongs
 * to that measurement alone. The orders come from an in-process connector
 * that generates each page when asked, so the figures cover mapping,
 * sorting and writing, not the network.
 *
 * Run: npx tsx bench/export-bench.ts [orders]
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CartLine, CartOrder } from "../main/carts/cart-order.js";
import type { CartConnector, OrderQuery } from "../main/carts/connector.js";
import { ExportJob } from "../main/cutover/export-job.js";
import { exportedOrderOf } from "../main/cutover/export-record.js";
import { exportRowsOf } from "../main/cutover/export-rows.js";
import type { MappingOptions } from "../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../main/mapping/order-filter.js";

const CUTOFF_UTC = "2026-03-02T08:00:00.000Z";
const STORE_ZONE = "Europe/Berlin";
const PAGE_SIZE = 250;
const SPAN_MS = 100 * 86_400_000;

const MAPPING: MappingOptions = {
  storeId: "bench",
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  shopCurrency: "EUR",
};

const PRODUCTS = [
  { sku: "MUG-BLU-350", title: "Enamel mug", variant: "Blue / 350 ml", priceMinor: 2495 },
  { sku: "TEE-RED-M", title: "Cotton tee", variant: "Red / M", priceMinor: 1900 },
  { sku: "BAG-CAN-01", title: "Canvas tote", variant: null, priceMinor: 3250 },
];

/**
 * Builds order `index`: one item, shipping and tax. Every tenth order has a
 * second item and a discount, so the export has about 3.2 lines per order.
 */
function benchOrder(index: number, count: number): CartOrder {
  const startMs = Date.parse(CUTOFF_UTC) - SPAN_MS;
  const createdMs = startMs + Math.floor((index * SPAN_MS) / count);
  const createdAtUtc = new Date(createdMs).toISOString();
  const itemCount = index % 10 === 0 ? 2 : 1;
  const lines = Array.from({ length: itemCount }, (_, lineIndex): CartLine => {
    const product = PRODUCTS[(index + lineIndex) % PRODUCTS.length]!;
    return {
      lineId: `${index}-${lineIndex}`,
      sku: product.sku,
      productId: `p-${product.sku}`,
      title: product.title,
      variantTitle: product.variant,
      quantity: 1 + (index % 3),
      unitPriceMinor: product.priceMinor,
      taxMinor: Math.round(product.priceMinor * (1 + (index % 3)) * 0.19),
      discountMinor: 0,
    };
  });
  const discountMinor = itemCount === 2 ? 500 : 0;
  const itemsMinor = lines.reduce(
    (sum, line) => sum + line.unitPriceMinor * line.quantity,
    0,
  );
  const taxMinor = lines.reduce((sum, line) => sum + line.taxMinor, 0);
  const totalMinor = itemsMinor + taxMinor + 495 - discountMinor;
  const id = String(100_000 + index);
  return {
    platform: "demo",
    orderId: id,
    orderNumber: `#${id}`,
    createdAtUtc,
    updatedAtUtc: createdAtUtc,
    cancelledAtUtc: null,
    financialStatus: "paid",
    fulfillment: "unfulfilled",
    isTest: false,
    isDraft: false,
    isArchived: false,
    currency: "EUR",
    presentmentCurrency: "EUR",
    presentmentTotalMinor: totalMinor,
    taxesIncluded: false,
    customer: {
      cartCustomerId: String(index % 5000),
      email: `buyer${index % 5000}@example.test`,
      firstName: "Mara",
      lastName: "Lind",
      isGuest: false,
    },
    billingAddress: null,
    shippingAddress: null,
    lines,
    shipping: [{ title: "Standard", amountMinor: 495, taxMinor: 0 }],
    fees: [],
    discounts: discountMinor ? [{ code: "SPRING5", amountMinor: discountMinor }] : [],
    refunds: [],
    totalTaxMinor: taxMinor,
    totalMinor,
  };
}

/**
 * Creates a connector that generates its orders page by page, so no order
 * is in memory before it is requested. The pages are in creation order
 * unless `pagesReversed` is set. Then the last page comes first, as from a
 * cart whose ids do not follow creation, and the export sorts on disk.
 */
function generatedConnector(count: number, pagesReversed = false): CartConnector {
  return {
    platform: "demo",
    testConnection: () => Promise.reject(new Error("not used by the benchmark")),
    async *listOrders(query: OrderQuery) {
      const pageSize = query.pageSize ?? PAGE_SIZE;
      const pages = Math.ceil(count / pageSize);
      for (let page = 0; page < pages; page++) {
        const start = (pagesReversed ? pages - 1 - page : page) * pageSize;
        const orders: CartOrder[] = [];
        const end = Math.min(count, start + pageSize);
        for (let index = start; index < end; index++) {
          orders.push(benchOrder(index, count));
        }
        yield { orders, nextCursor: null, attempts: 1 };
      }
    },
  };
}

type Timing = { ms: number; lines: number; bytes: number };

type Measurement = Timing & {
  mode: string;
  /** CPU time of every thread of the process, which a busy machine changes less than wall time. */
  cpuMs: number;
  maxRssMb: number;
  sampledPeakRssMb: number;
};

function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** Exports through ExportJob: CSV, .xlsx, summary and checksums. */
async function measureExport(
  count: number,
  folder: string,
  pagesReversed: boolean,
): Promise<Timing> {
  const job = new ExportJob();
  const startedMs = performance.now();
  const summary = await job.run({
    connector: generatedConnector(count, pagesReversed),
    mapping: MAPPING,
    cutoffUtc: CUTOFF_UTC,
    storeTimeZone: STORE_ZONE,
    folder,
    expectedOrders: count,
  });
  const ms = performance.now() - startedMs;
  if (!summary) throw new Error(`The benchmark export failed: ${job.status.error}`);
  const sizes = await Promise.all(
    summary.files.map(async (file) => (await stat(file)).size),
  );
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  return { ms, lines: summary.lines, bytes };
}

/**
 * Writes the same rows, read and mapped the same way, as comma-joined
 * lines: no quoting, no sorting, no workbook.
 */
async function measurePlainCsv(count: number, folder: string): Promise<Timing> {
  const path = join(folder, "plain.csv");
  const startedMs = performance.now();
  const output = createWriteStream(path);
  let lines = 0;
  const pages = generatedConnector(count).listOrders({
    createdFromUtc: "2000-01-01T00:00:00Z",
    createdToUtc: CUTOFF_UTC,
  });
  for await (const page of pages) {
    for (const order of page.orders) {
      const rows = exportRowsOf(exportedOrderOf(order, MAPPING, STORE_ZONE));
      lines += rows.length;
      const text = rows.map((row) => `${row.join(",")}\n`).join("");
      if (!output.write(text)) await once(output, "drain");
    }
  }
  await new Promise<void>((resolve, reject) => {
    output.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
  const ms = performance.now() - startedMs;
  return { ms, lines, bytes: (await stat(path)).size };
}

async function runChild(mode: string, count: number): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), `cart-cutover-bench-${mode}-`));
  try {
    const sampler = sampleRss();
    const cpuBefore = process.cpuUsage();
    const result =
      mode === "plain"
        ? await measurePlainCsv(count, folder)
        : await measureExport(count, folder, mode === "export-reversed");
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const sampledPeakRssMb = sampler.stop() / 1e6;
    const maxRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
    const measurement: Measurement = {
      mode,
      ...result,
      cpuMs,
      maxRssMb,
      sampledPeakRssMb,
    };
    process.send?.(measurement);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function measureInChild(mode: string, count: number): Promise<Measurement> {
  const script = fileURLToPath(import.meta.url);
  const child = fork(script, ["--child", mode, String(count)], {
    execArgv: process.execArgv,
    env: { ...process.env, CART_CUTOVER_QUIET: "1" },
  });
  let measurement: Measurement | null = null;
  child.on("message", (message) => {
    measurement = message as Measurement;
  });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0 || !measurement) {
    throw new Error(`The ${mode} measurement exited with code ${code}`);
  }
  return measurement;
}

const mb = (value: number) => `${value.toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Rounds of the three measurements; the figures are the medians. */
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type Figures = {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  sampledPeakRssMb: number;
  bytes: number;
  lines: number;
};

function medianOf(measurements: Measurement[]): Figures {
  return {
    ms: median(measurements.map((measurement) => measurement.ms)),
    cpuMs: median(measurements.map((measurement) => measurement.cpuMs)),
    maxRssMb: median(measurements.map((measurement) => measurement.maxRssMb)),
    sampledPeakRssMb: median(measurements.map((measurement) => measurement.sampledPeakRssMb)),
    bytes: measurements[0]!.bytes,
    lines: measurements[0]!.lines,
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === "--child") {
    await runChild(process.argv[3]!, Number(process.argv[4]));
    return;
  }
  const count = Number(process.argv[2] ?? 100_000);
  const runs: Record<string, Measurement[]> = { plain: [], export: [], "export-reversed": [] };
  // The modes take turns, so a slow spell of the machine touches all of them.
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of Object.keys(runs)) runs[mode]!.push(await measureInChild(mode, count));
  }
  const roundRatios = (mode: string) =>
    runs[mode]!.map((run, round) => (run.ms / runs.plain![round]!.ms).toFixed(1)).join(" ");
  const plain = medianOf(runs.plain!);
  const exported = medianOf(runs.export!);
  const reversed = medianOf(runs["export-reversed"]!);
  const lines = [
    `Machine: ${cpus().length} logical CPUs, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`,
    `Orders: ${count}, lines: ${exported.lines}; medians of ${ROUNDS} rounds`,
    `Plain CSV (same rows, no quoting, no sorting, no .xlsx): ${seconds(plain.ms)}, peak RSS ${mb(plain.maxRssMb)}, ${mb(plain.bytes / 1e6)} written`,
    `Export, cart listing in creation order (CSV + .xlsx + summary + checksums): ${seconds(exported.ms)}, peak RSS ${mb(exported.maxRssMb)} (sampled ${mb(exported.sampledPeakRssMb)}), ${mb(exported.bytes / 1e6)} written`,
    `Export, pages listed last to first (read twice, sorted on disk): ${seconds(reversed.ms)}, peak RSS ${mb(reversed.maxRssMb)}`,
    `Time ratio export / plain CSV: ${(exported.ms / plain.ms).toFixed(1)} (target at most 3), by round ${roundRatios("export")}; sorted on disk: ${(reversed.ms / plain.ms).toFixed(1)}, by round ${roundRatios("export-reversed")}`,
    `CPU time ratio export / plain CSV: ${(exported.cpuMs / plain.cpuMs).toFixed(1)} (${seconds(exported.cpuMs)} against ${seconds(plain.cpuMs)}); sorted on disk: ${(reversed.cpuMs / plain.cpuMs).toFixed(1)}`,
    `Peak RSS of the export: ${mb(exported.maxRssMb)}; sorted on disk: ${mb(reversed.maxRssMb)} (target under 300 MB)`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();

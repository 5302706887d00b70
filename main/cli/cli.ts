#!/usr/bin/env node
import { Command, Option } from "commander";
import { copyFile, readFile } from "node:fs/promises";
import { createAppServices, type AppServices } from "../app/create-app-services.js";
import { requestSchemas } from "../../preload/contract.js";
import { UserError } from "../app/user-error.js";
import { defaultDataDir } from "../app/data-dir.js";
import { allCredentialFields } from "../carts/credential-fields.js";
import type { GuestPolicy } from "../mapping/customer-policy.js";
import { PLATFORM_IDS, type PlatformId } from "../carts/cart-order.js";
import { logToFolder, logToStderr } from "../logging/logger.js";
import { createEnvironmentKeychain, createSystemKeychain, layeredKeychain } from "../secrets/keychain.js";
import { formatInZone } from "../time/zoned-time.js";
import { formatTotals, printResult, statusLines } from "./cli-output.js";
import { registerCutoverCommands } from "../cutover/cli-commands.js";
import { errorMessageOf } from "./cli-errors.js";

type GlobalOptions = { dataDir: string; json: boolean };

const program = new Command()
  .name("cart-cutover")
  .description("Cart Cutover without a desktop: the same services as the wizard, from a shell.")
  .option("--data-dir <folder>", "folder for settings, the sync ledger and the order book", defaultDataDir())
  .option("--json", "print results as JSON", false);

async function withServices<T>(action: (services: AppServices, options: GlobalOptions) => Promise<T>): Promise<void> {
  const options = program.opts<GlobalOptions>();
  logToStderr();
  logToFolder(`${options.dataDir}/logs`);
  // Environment variables win, so unattended runs need no keychain.
  const keychain = layeredKeychain(createEnvironmentKeychain(), createSystemKeychain());
  const services = await createAppServices({ dataDir: options.dataDir, keychain });
  try {
    await action(services, options);
  } finally {
    await services.close();
  }
}

program
  .command("connect")
  .description("save the cart connection; credentials come from CART_CUTOVER_* environment variables (for example CART_CUTOVER_ACCESS_TOKEN) and go to the keychain")
  .addOption(new Option("--platform <platform>", "cart platform").choices([...PLATFORM_IDS]).makeOptionMandatory())
  .option("--store-url <url>", "store address, https://… (not needed for the demo store)", "")
  .action((flags: { platform: PlatformId; storeUrl: string }) =>
    withServices(async ({ handlers }, { json }) => {
      const credentials = Object.fromEntries(
        allCredentialFields(flags.platform)
          .map((field) => [field, process.env[`CART_CUTOVER_${field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`] ?? ""])
          .filter(([, value]) => value !== ""),
      );
      const state = await handlers["connect:save"]({ platform: flags.platform, storeUrl: flags.storeUrl, credentials });
      printResult(json, state.store, () => [`Saved the ${flags.platform} connection ${state.store?.storeUrl ?? ""}. Credentials stored: ${state.store?.storedCredentialFields.join(", ") || "none needed"}.`]);
    }),
  );

program
  .command("test")
  .description("test the saved connection")
  .action(() =>
    withServices(async ({ handlers }, { json }) => {
      const { report } = await handlers["connect:test"]({});
      printResult(json, report, () => [
        `Connected to ${report.storeName}`,
        `Time zone: ${report.timeZone}`,
        `Currency: ${report.currency}`,
        `Permissions: ${report.grantedScopes.join(", ") || "not reported"}`,
        `Orders: ${report.orderCount ?? "not reported"}`,
        ...report.warnings.map((warning) => `Warning: ${warning}`),
      ]);
    }),
  );

program
  .command("preview")
  .description("dry run: show what recent orders would become; writes nothing but the preview file")
  .option("--days <n>", "days back from now", "30")
  .option("--from <instant>", "window start, ISO 8601 with offset")
  .option("--to <instant>", "window end, ISO 8601 with offset")
  .option("--out <file>", "also copy the preview file here, and its spreadsheet beside it")
  .addOption(new Option("--guest-policy <policy>", "orders without e-mail: one shared guest customer, a customer per order, or held back").choices(["placeholder-customer", "customer-per-order", "reject"]))
  .option("--known-skus <file>", "text file with the order system's SKUs, one per line; other SKUs are reported as unknown")
  .action((flags: { days: string; from?: string; to?: string; out?: string; guestPolicy?: GuestPolicy; knownSkus?: string }) =>
    withServices(async ({ handlers, context }, { json }) => {
      const days = Number(flags.days);
      if (!flags.from && !(Number.isInteger(days) && days >= 1 && days <= 3650)) {
        throw new UserError("days-invalid", `--days ${flags.days} is invalid. Enter a whole number of days from 1 to 3650.`);
      }
      const knownSkus = flags.knownSkus ? (await readFile(flags.knownSkus, "utf8")).split(/\r?\n/).map((sku) => sku.trim()).filter(Boolean) : undefined;
      const preview = await handlers["dry-run:run"]({ recentDays: flags.from ? undefined : Number(flags.days), fromUtc: flags.from, toUtc: flags.to, guestPolicy: flags.guestPolicy, knownSkus });
      const savedTo = context.settings.current.dryRun?.savedTo ?? "";
      const spreadsheetTo = context.settings.current.dryRun?.spreadsheetTo ?? null;
      const outSpreadsheet = flags.out && spreadsheetTo ? flags.out.replace(/(\.json)?$/i, ".xlsx") : null;
      if (flags.out) await copyFile(savedTo, flags.out);
      if (outSpreadsheet && spreadsheetTo) await copyFile(spreadsheetTo, outSpreadsheet);
      printResult(json, { summary: preview.summary, savedTo, spreadsheetTo, out: flags.out ?? null, outSpreadsheet }, () => [
        `Dry run over ${preview.window.fromUtc} to ${preview.window.toUtc}: ${preview.summary.orders} orders, ${preview.summary.importable} would be imported.`,
        ...Object.entries(preview.summary.findings).map(([code, count]) => `  ${code}: ${count}`),
        `Totals: ${formatTotals(preview.summary.totalsByCurrency)}`,
        `Saved to ${flags.out ?? savedTo}`,
        ...(outSpreadsheet ?? spreadsheetTo ? [`Spreadsheet: ${outSpreadsheet ?? spreadsheetTo}`] : []),
      ]);
    }),
  );

program
  .command("cutoff")
  .description("set the cut-off, as a wall-clock time in the store's zone")
  .requiredOption("--at <time>", "for example 2026-03-01T09:00")
  .action((flags: { at: string }) =>
    withServices(async ({ handlers }, { json }) => {
      const cutoff = await handlers["cutoff:set"]({ wallClock: flags.at });
      printResult(json, cutoff, () => [`Cut-off: ${cutoff.shownInStoreZone} in ${cutoff.timeZone} = ${cutoff.cutoffUtc} UTC (${cutoff.resolution})`]);
    }),
  );

registerCutoverCommands(program, withServices);

program
  .command("go-live")
  .description("save Import Orders As, Import Orders from and the interval, after the gap and overlap check")
  .option("--import-from <instant>", "ISO 8601 instant; defaults to the cut-off")
  .addOption(new Option("--as <kind>", "Import Orders As").choices(["sales-order", "cash-sale", "sales-invoice"]).default("sales-order"))
  .option("--interval <minutes>", "minutes between runs", "15")
  .option("--include-fulfilled", "import fulfilled orders too", false)
  .option("--include-test", "import test orders too", false)
  .action((flags: { importFrom?: string; as: "sales-order" | "cash-sale" | "sales-invoice"; interval: string; includeFulfilled: boolean; includeTest: boolean }) =>
    withServices(async ({ handlers, context }, { json }) => {
      const importFrom = flags.importFrom;
      // The same instant check as the app's go-live:save request and export --from.
      const valid = importFrom === undefined || requestSchemas["go-live:save"].shape.importFromUtc.safeParse(importFrom).success;
      if (!valid) {
        throw new Error(`--import-from "${importFrom}" is not an ISO 8601 instant with an offset. Write it like 2026-01-01T00:00:00+01:00 or 2026-01-01T00:00:00Z.`);
      }
      const importFromUtc = importFrom ?? context.settings.current.cutoff?.cutoffUtc;
      if (!importFromUtc) throw new Error("Set the cut-off first (cart-cutover cutoff --at …), or pass --import-from.");
      const seam = await handlers["go-live:save"]({ documentKind: flags.as, importFromUtc, intervalMinutes: Number(flags.interval), filter: { includePartiallyFulfilled: true, includeFulfilled: flags.includeFulfilled, includeTest: flags.includeTest } });
      printResult(json, seam, () => [`${seam.verdict}: ${seam.message}`, ...(seam.startAllowed ? ["Saved."] : ["Not saved."])]);
      if (!seam.startAllowed) process.exitCode = 1;
    }),
  );

program
  .command("sync")
  .description("import new orders: once with --once, else on the saved interval until stopped with Ctrl+C")
  .option("--once", "run one import and exit", false)
  .action((flags: { once: boolean }) =>
    withServices(async ({ handlers, context }, { json }) => {
      if (flags.once) {
        const status = await handlers["sync:run-now"]({});
        const run = status.history[0];
        printResult(json, run, () => statusLines(status).slice(0, 6).concat(run?.error ? [`Error: ${run.error}`] : []));
        if (run?.error) process.exitCode = 1;
        return;
      }
      await handlers["sync:start"]({});
      process.stdout.write("Auto Sync is Running. Press Ctrl+C to stop the schedule (it stays Running for the next start).\n");
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
      await context.sync.close();
    }),
  );

for (const [name, channel, description] of [
  ["start", "sync:start", "set Auto Sync to Running and run one import (the desktop app or 'sync' then keeps it running)"],
  ["stop", "sync:stop", "set Auto Sync to Stopped"],
] as const) {
  program
    .command(name)
    .description(description)
    .action(() =>
      withServices(async ({ handlers, context }, { json }) => {
        await handlers[channel]({});
        // Start begins a first run; let it finish rather than cut it short on exit.
        await context.sync.idle();
        await context.sync.close();
        const status = context.sync.status();
        printResult(json, status, () => statusLines(status).slice(0, 6));
      }),
    );
}

program
  .command("status")
  .description("show Auto Sync, Last Order from, failed orders and the run history")
  .action(() =>
    withServices(async ({ handlers }, { json }) => {
      const state = await handlers["app:get-state"]({});
      printResult(json, state.sync, () => [
        ...statusLines(state.sync),
        ...(state.cutoff ? [`Cut-off: ${formatInZone(state.cutoff.cutoffUtc, state.cutoff.timeZone)} (${state.cutoff.cutoffUtc} UTC)`] : []),
        ...(state.startBlockers.length ? ["Before Start:", ...state.startBlockers.map((blocker) => `  - ${blocker}`)] : []),
      ]);
    }),
  );

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${errorMessageOf(error)}\n`);
  process.exitCode = 1;
});

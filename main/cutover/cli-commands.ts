import { Option, type Command } from "commander";
import {
  requestSchemas,
  type ExportStatus,
  type ProofReport,
  type RequestOf,
} from "../../preload/contract.js";
import type { AppServices } from "../app/create-app-services.js";
import { UserError } from "../app/user-error.js";
import { formatTotals, printResult } from "../cli/cli-output.js";
import { runProofForApp } from "../proof/proof-service.js";
import { DEFAULT_PROOF_HOURS } from "../proof/proof-run.js";
import { cutoffLines } from "./cutoff.js";
import { createExportService } from "./export-service.js";

/** Runs an action with the app's services open, as main/cli/cli.ts provides it. */
export type WithServices = (
  action: (services: AppServices, options: { json: boolean }) => Promise<void>,
) => Promise<void>;

export type ExportFlags = { scope: "open" | "all"; from?: string };
export type ProofFlags = { hours: string };

const PROGRESS_INTERVAL_MS = 1_000;

function userZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function exportRequestOf(flags: ExportFlags): RequestOf<"export:start"> {
  const parsed = requestSchemas["export:start"].safeParse({
    scope: flags.scope,
    fromUtc: flags.from,
  });
  if (!parsed.success) {
    throw new UserError(
      "export-range-invalid",
      `--from "${flags.from ?? ""}" is not an ISO 8601 instant with an offset. Write it like 2026-01-01T00:00:00+01:00 or 2026-01-01T00:00:00Z.`,
    );
  }
  return parsed.data;
}

/**
 * Runs the export of the orders before the cut-off to its end and returns
 * the final status with the lines to print. Progress goes to stderr once
 * a second, so that stdout carries only the result.
 */
export async function exportCommand(
  services: AppServices,
  flags: ExportFlags,
  reportProgress: (line: string) => void = (line) => {
    process.stderr.write(`${line}\n`);
  },
): Promise<{ status: ExportStatus; lines: string[] }> {
  const request = exportRequestOf(flags);
  const exports = createExportService(services.context);
  await exports.start(request);
  const progress = setInterval(() => {
    const { ordersDone, ordersTotal } = exports.status();
    reportProgress(`Export: ${ordersDone} of ${ordersTotal ?? "?"} orders`);
  }, PROGRESS_INTERVAL_MS);
  try {
    await exports.idle();
  } finally {
    clearInterval(progress);
  }
  const status = exports.status();
  if (status.state !== "done" || !status.summary) {
    throw new UserError(
      "export-failed",
      status.error ?? "The export did not finish. Start it again.",
    );
  }
  const summary = status.summary;
  const cutoff = services.context.settings.current.cutoff;
  return {
    status,
    lines: [
      ...(cutoff ? cutoffLines(cutoff, userZone()) : []),
      `Exported ${summary.orders} orders (${summary.lines} lines).`,
      `Totals: ${formatTotals(summary.totalsByCurrency)}`,
      ...(summary.ordersToCheck
        ? [
            `Orders to check: ${summary.ordersToCheck}. They would not import as the cart has them; the Instructions tab of the .xlsx and the summary file name them and say why.`,
          ]
        : []),
      "Files:",
      ...summary.files.map((file) => `  ${file}`),
    ],
  };
}

/** Runs the proof, saves it, and returns it with the lines to print. */
export async function proofCommand(
  services: AppServices,
  flags: ProofFlags,
): Promise<{ report: ProofReport; lines: string[] }> {
  const hoursAround = Number(flags.hours);
  const parsed = requestSchemas["proof:run"].safeParse({ hoursAround });
  if (!parsed.success) {
    throw new UserError(
      "proof-hours-invalid",
      `--hours "${flags.hours}" is not a whole number of hours from 1 to 8784.`,
    );
  }
  const report = await runProofForApp(services.context, parsed.data);
  const { counts } = report;
  return {
    report,
    lines: [
      ...report.messages,
      [
        `Exported ${counts.exported}`,
        `imported ${counts.imported}`,
        `excluded ${counts.excluded}`,
        `missing ${counts.missing}`,
        `doubled ${counts.doubled}.`,
      ].join(", "),
      ...(["exported", "imported", "excluded", "missing"] as const).map(
        (set) => `Totals ${set}: ${formatTotals(report.totalsByCurrency[set])}`,
      ),
      `Report: ${report.files?.html ?? "not saved"}`,
      `Rows: ${report.files?.spreadsheet ?? "not saved"}`,
    ],
  };
}

/** Adds the "export" and "proof" commands to the CLI. */
export function registerCutoverCommands(
  program: Command,
  withServices: WithServices,
): void {
  program
    .command("export")
    .description(
      "export the orders created before the cut-off for the old system: CSV, .xlsx, summary and checksums",
    )
    .addOption(
      new Option(
        "--scope <scope>",
        "open: orders not yet fulfilled and not cancelled; all: every order from --from up to the cut-off",
      )
        .choices(["open", "all"])
        .default("open"),
    )
    .option(
      "--from <instant>",
      "with --scope all: start of the range, ISO 8601 with offset",
    )
    .action((flags: ExportFlags) =>
      withServices(async (services, { json }) => {
        const { status, lines } = await exportCommand(services, flags);
        printResult(json, status.summary, () => lines);
      }),
    );

  program
    .command("proof")
    .description(
      "prove the cut-over: put every cart order around the cut-off into exported, imported, excluded or missing, and save the report",
    )
    .option(
      "--hours <n>",
      "hours before and after the cut-off to cover",
      String(DEFAULT_PROOF_HOURS),
    )
    .action((flags: ProofFlags) =>
      withServices(async (services, { json }) => {
        const { report, lines } = await proofCommand(services, flags);
        printResult(json, report, () => lines);
        // A script can tell a complete cut-over by the exit code.
        if (!report.clean) process.exitCode = 1;
      }),
    );
}

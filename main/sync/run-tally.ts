import type { RunSummary } from "../../preload/contract.js";
import { CartError } from "../carts/cart-error.js";
import type { ExclusionReason } from "../mapping/order-filter.js";
import type { OrderWindow } from "./ledger.js";

/** At most this many set-aside orders are listed in one run's summary; the monitor lists them all. */
export const MAX_FAILURES_IN_SUMMARY = 20;

/** An order a run set aside, with the reason the monitor shows beside its retry button. */
export type RunFailure = { cartOrderId: string; orderNumber: string; reason: string };

/**
 * A run's summary as the sync records it in the history. It is a RunSummary
 * with more detail, so it can go wherever a RunSummary goes.
 */
export type SyncRunSummary = RunSummary & {
  /** Orders set aside in this run, the first MAX_FAILURES_IN_SUMMARY of them. */
  failures: RunFailure[];
  /** Imported orders found cancelled or edited in the cart during this run. */
  changesFlagged: number;
  /** CartError kind of the error that ended the run, or "internal" for any other error. */
  errorKind: string | null;
};

/** Returns the CartError kind of an error, "internal" for any other error, or null for none. */
export function errorKindOf(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  return error instanceof CartError ? error.kind : "internal";
}

/** The counts a run gathers while it pages, turned into its summary at the end. */
export class RunTally {
  pages = 0;
  imported = 0;
  alreadyImported = 0;
  failed = 0;
  retries = 0;
  changesFlagged = 0;
  readonly skipped: Partial<Record<ExclusionReason, number>> = {};
  readonly failures: RunFailure[] = [];
  window: OrderWindow | null = null;

  skip(reason: ExclusionReason): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
  }

  fail(failure: RunFailure): void {
    this.failed++;
    if (this.failures.length < MAX_FAILURES_IN_SUMMARY) this.failures.push(failure);
  }

  summarize(
    base: Pick<RunSummary, "runId" | "trigger" | "startedAtUtc" | "endedAtUtc">,
    error: Error | null,
  ): SyncRunSummary {
    return {
      ...base,
      window: this.window,
      pages: this.pages,
      imported: this.imported,
      alreadyImported: this.alreadyImported,
      skipped: { ...this.skipped },
      failed: this.failed,
      retries: this.retries,
      error: error ? error.message : null,
      credentialAlert: error instanceof CartError && error.isCredentialAlert,
      failures: [...this.failures],
      changesFlagged: this.changesFlagged,
      errorKind: errorKindOf(error),
    };
  }
}

import { useCallback, useEffect, useState } from "react";
import type { PreviewRow, PreviewView } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { errorMessageOf } from "../state/error-message.js";

export type PreviewDetailState =
  | { status: "none" }
  | { status: "loading" }
  | { status: "loaded"; row: PreviewRow }
  | { status: "failed"; message: string; retry: () => void };

/** Full rows fetched for one preview, by preview index. */
type DetailCache = {
  preview: PreviewView;
  rows: ReadonlyMap<number, PreviewRow>;
};

type DetailFailure = { preview: PreviewView; index: number; message: string };

/**
 * Fetches the full row of the chosen order with dry-run:detail, and keeps the
 * rows fetched for the preview on screen, so choosing an order again needs no
 * call. A new preview starts an empty cache, because indexes belong to one
 * preview.
 */
export function usePreviewDetail(
  preview: PreviewView,
  index: number | null,
): PreviewDetailState {
  const [cache, setCache] = useState<DetailCache>(() => ({
    preview,
    rows: new Map(),
  }));
  const [failure, setFailure] = useState<DetailFailure | null>(null);

  const cachedRows = cache.preview === preview ? cache.rows : null;
  const cachedRow = index === null ? undefined : cachedRows?.get(index);
  const shownFailure =
    failure?.preview === preview && failure.index === index ? failure : null;
  const isFailed = shownFailure !== null;

  useEffect(() => {
    if (index === null || cachedRow || isFailed) return;
    // A reply that arrives after the preview or the chosen order changed
    // is dropped, so a slow reply never shows under another order.
    let isCurrent = true;
    getApi()
      .dryRunDetail({ index })
      .then(
        (row) => {
          if (!isCurrent) return;
          setCache((previous) => {
            const rows = new Map<number, PreviewRow>(
              previous.preview === preview ? previous.rows : [],
            );
            rows.set(index, row);
            return { preview, rows };
          });
        },
        (error: unknown) => {
          if (!isCurrent) return;
          setFailure({ preview, index, message: errorMessageOf(error) });
        },
      );
    return () => {
      isCurrent = false;
    };
  }, [preview, index, cachedRow, isFailed]);

  // Clearing the failure runs the effect again, which repeats the call.
  const retry = useCallback(() => setFailure(null), []);

  if (index === null) return { status: "none" };
  if (cachedRow) return { status: "loaded", row: cachedRow };
  if (shownFailure) {
    return { status: "failed", message: shownFailure.message, retry };
  }
  return { status: "loading" };
}

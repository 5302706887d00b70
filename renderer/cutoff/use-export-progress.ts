import { useCallback, useEffect, useRef, useState } from "react";
import type { ExportStatus } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { errorMessageOf } from "../state/error-message.js";

/** Delay between export:status calls while an export runs. */
export const EXPORT_POLL_INTERVAL_MS = 300;

export type ExportProgress = {
  status: ExportStatus | null;
  errorMessage: string | null;
  start: () => Promise<void>;
  cancel: () => Promise<void>;
};

/**
 * Starts, follows and cancels the export. While the export runs, the hook
 * polls export:status. Polling stops when the export ends, a call fails or
 * the component unmounts. `onFinished` runs once when an export ends.
 */
export function useExportProgress(onFinished: () => void): ExportProgress {
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [errorMessage, setErrorMessage] = useState<string | null>(null);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  // Picks up an export that is still running from an earlier visit to the step.
  useEffect(() => {
    let active = true;
    getApi()
      .exportStatus({})
      .then((current) => {
        if (active && current.state === "running") setStatus(current);
      })
      .catch((error: unknown) => {
        if (active) setErrorMessage(errorMessageOf(error));
      });
    return () => {
      active = false;
    };
  }, []);

  const isRunning = status?.state === "running";
  useEffect(() => {
    if (!isRunning) return;
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      try {
        const next = await getApi().exportStatus({});
        if (!active) return;
        setStatus(next);
        if (next.state === "running") {
          timer = setTimeout(() => void poll(), EXPORT_POLL_INTERVAL_MS);
        } else {
          onFinishedRef.current();
        }
      } catch (error) {
        if (active) setErrorMessage(errorMessageOf(error));
      }
    };
    timer = setTimeout(() => void poll(), EXPORT_POLL_INTERVAL_MS);

    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [isRunning]);

  const start = useCallback(async () => {
    setErrorMessage(null);
    try {
      const started = await getApi().exportStart({});
      setStatus(started);
      if (started.state !== "running") onFinishedRef.current();
    } catch (error) {
      setErrorMessage(errorMessageOf(error));
    }
  }, []);

  const cancel = useCallback(async () => {
    try {
      const cancelled = await getApi().exportCancel({});
      setStatus(cancelled);
      if (cancelled.state !== "running") onFinishedRef.current();
    } catch (error) {
      setErrorMessage(errorMessageOf(error));
    }
  }, []);

  return { status, errorMessage, start, cancel };
}

import { useEffect } from "react";
import type { SyncStatus } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { errorMessageOf } from "../state/error-message.js";

/** Delay between sync:status calls while the monitor is visible. */
export const SYNC_POLL_INTERVAL_MS = 2000;

/**
 * Polls sync:status while the monitor is mounted and the window is visible.
 * The sync itself runs in the main process, so a hidden window only stops
 * the refresh of the screen. `onError` gets the sentence of a failed call,
 * and null once a call succeeds again.
 */
export function useSyncPolling(
  onStatus: (status: SyncStatus) => void,
  onError: (message: string | null) => void,
): void {
  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      try {
        const status = await getApi().syncStatus({});
        if (!active) return;
        onStatus(status);
        onError(null);
      } catch (error) {
        if (active) onError(errorMessageOf(error));
      }
      if (active && document.visibilityState === "visible") {
        timer = setTimeout(() => void poll(), SYNC_POLL_INTERVAL_MS);
      }
    };

    const onVisibilityChange = () => {
      clearTimeout(timer);
      if (document.visibilityState === "visible") void poll();
    };

    document.addEventListener("visibilitychange", onVisibilityChange);
    if (document.visibilityState === "visible") void poll();

    return () => {
      active = false;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibilityChange);
    };
  }, [onStatus, onError]);
}

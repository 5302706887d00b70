import type { CartCutoverApi } from "../../preload/contract.js";
import { createHttpBridge } from "./http-bridge.js";

declare global {
  interface Window {
    cartCutover?: CartCutoverApi;
  }
}

let api: CartCutoverApi | null = null;

/**
 * Returns the API to the main process: the preload's in Electron, or the
 * bridge to the local browser-mode server where Electron cannot start.
 */
export function getApi(): CartCutoverApi {
  const current = api ?? window.cartCutover ?? createHttpBridge(window.location);
  api = current;
  return current;
}

/** Replaces the API, for component tests. */
export function setApi(next: CartCutoverApi | null): void {
  api = next;
}

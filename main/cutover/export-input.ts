import type { ExportStatus } from "../../preload/contract.js";
import type { CartOrder } from "../carts/cart-order.js";
import type { CartConnector } from "../carts/connector.js";
import type { MappingOptions } from "../mapping/map-order.js";
import type { ExportScope } from "./export-scope.js";

export type ExportInput = {
  connector: CartConnector;
  mapping: MappingOptions;
  cutoffUtc: string;
  storeTimeZone: string;
  folder: string;
  /** Orders the cart reports in all, for the progress bar; null when unknown. */
  expectedOrders: number | null;
  /**
   * Called with the cart order ids of the exported orders, in file order,
   * once every file is complete. A cancelled or failed export never calls it.
   */
  onExported?: (cartOrderIds: string[]) => void;
  /** "open" when absent. */
  scope?: ExportScope;
  /** With scope "all": the start of the creation range; the end is the cut-off. */
  fromUtc?: string | null;
  /** True for an order the sync already imported; the export leaves it out. */
  isImported?: (order: CartOrder) => boolean;
  pageSize?: number;
  /** Orders sorted in memory before a run goes to disk; tests set it low. */
  runOrders?: number;
  /** Orders held to sort a nearly sorted listing while reading; tests set it low. */
  reorderOrders?: number;
};

/** The export's status, with the phase the progress counts refer to. */
export type ExportJobStatus = ExportStatus & {
  /** "reading": orders read from the cart; "writing": orders written to the files. */
  phase: "reading" | "writing" | null;
};

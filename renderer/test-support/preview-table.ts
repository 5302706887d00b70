/** Helpers for tests of the dry-run preview table. */
import { screen, within } from "@testing-library/react";

/** The height app.css gives the table's scroll box. */
export const SCROLL_HEIGHT_PX = 420;

const originalClientHeight = Object.getOwnPropertyDescriptor(
  HTMLElement.prototype,
  "clientHeight",
);

/**
 * Gives the table's scroll box the height the CSS gives it, because jsdom
 * lays nothing out and the virtualizer would otherwise render no rows.
 */
export function giveScrollBoxAHeight(): void {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === "preview-scroll" ? SCROLL_HEIGHT_PX : 0;
    },
  });
}

/** Puts back jsdom's own clientHeight. */
export function restoreClientHeight(): void {
  if (originalClientHeight) {
    Object.defineProperty(
      HTMLElement.prototype,
      "clientHeight",
      originalClientHeight,
    );
  }
}

/** Returns the table's order rows in the DOM, without the header row. */
export function bodyRows(): HTMLElement[] {
  const table = screen.getByRole("table", { name: "Orders in the dry run" });
  return within(table)
    .getAllByRole("row")
    .filter((row) => row.getAttribute("aria-rowindex") !== "1");
}

/** Returns the order numbers of the rows in the DOM, top to bottom. */
export function orderNumbersInDom(): string[] {
  return bodyRows().map(
    (row) => within(row).getByRole("button").textContent ?? "",
  );
}

/**
 * Scripts the bench runs inside the page. They are plain JavaScript source,
 * not functions, because Playwright sends a function's source text to the
 * page and a TypeScript runner may add helper calls to it that the page
 * does not have.
 */

/**
 * Records when the body of the dry-run response has been parsed, so that
 * parsing is measured apart from rendering. It is installed before the page
 * loads.
 */
export const RECORD_PARSE_TIMES = `(() => {
  const marks = {};
  window.__benchMarks = marks;
  const originalJson = Response.prototype.json;
  Response.prototype.json = async function () {
    const value = await originalJson.call(this);
    if (this.url.includes("/api/dry-run:run")) marks.parseEndMs = performance.now();
    return value;
  };
})()`;

export type RunTimes = {
  clickedMs: number;
  responseEndMs: number;
  parseEndMs: number;
  /** When the first table row and the "Showing N of N orders" status were in the DOM. */
  domMs: number;
  /** After the frame that showed them. */
  paintedMs: number;
};

/**
 * Clicks "Run dry run" and resolves once the table shows its first row and
 * the status names all `orderCount` orders, one frame later.
 */
export function measureRunScript(orderCount: number): string {
  const statusText = `of ${orderCount.toLocaleString("en-US")} orders`;
  return `new Promise((resolve, reject) => {
  const button = [...document.querySelectorAll("button")].find((candidate) => candidate.textContent.trim() === "Run dry run");
  if (!button) { reject(new Error('The page has no "Run dry run" button.')); return; }
  const isShown = () =>
    document.querySelector('[data-testid="preview-scroll"] [role="row"]') !== null &&
    [...document.querySelectorAll('[role="status"]')].some((element) => element.textContent.includes(${JSON.stringify(statusText)}));
  const clickedMs = performance.now();
  const observer = new MutationObserver(() => {
    if (!isShown()) return;
    observer.disconnect();
    const domMs = performance.now();
    requestAnimationFrame(() => setTimeout(() => {
      const entry = performance.getEntriesByType("resource").filter((candidate) => candidate.name.includes("/api/dry-run:run")).pop();
      resolve({
        clickedMs,
        responseEndMs: entry ? entry.responseEnd : NaN,
        parseEndMs: window.__benchMarks.parseEndMs ?? NaN,
        domMs,
        paintedMs: performance.now(),
      });
    }, 0));
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  performance.clearResourceTimings();
  button.click();
})`;
}

export type ScrollTimes = {
  totalMs: number;
  worstStepMs: number;
  /** Highest aria-rowindex in the DOM at the end: the order count plus one for the header. */
  lastRowIndex: number;
  rowsInDom: number;
};

/**
 * Scrolls the table from top to bottom in `steps` equal jumps, waiting two
 * frames after each so the virtualizer has rendered and painted the rows.
 */
export function measureScrollScript(steps: number): string {
  return `(async () => {
  const scroller = document.querySelector('[data-testid="preview-scroll"]');
  if (!scroller) throw new Error("The page has no preview table to scroll.");
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const maxScrollPx = scroller.scrollHeight - scroller.clientHeight;
  await frame();
  await frame();
  const startMs = performance.now();
  let previousMs = startMs;
  let worstStepMs = 0;
  for (let step = 1; step <= ${steps}; step++) {
    scroller.scrollTop = Math.round((maxScrollPx * step) / ${steps});
    await frame();
    await frame();
    const nowMs = performance.now();
    worstStepMs = Math.max(worstStepMs, nowMs - previousMs);
    previousMs = nowMs;
  }
  const rows = [...scroller.querySelectorAll('[role="row"]')];
  const indexes = rows.map((row) => Number(row.getAttribute("aria-rowindex")));
  return { totalMs: performance.now() - startMs, worstStepMs, lastRowIndex: Math.max(...indexes), rowsInDom: rows.length };
})()`;
}

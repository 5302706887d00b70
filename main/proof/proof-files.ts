import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ProofReport } from "../../preload/contract.js";
import { renderProofHtml, type ProofPageFacts } from "./proof-html.js";
import { writeProofWorkbook } from "./proof-sheet.js";

const compact = (instantUtc: string) =>
  instantUtc.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");

/** Returns the file name stem of a proof; names sort by the time the proof was made. */
export function proofStemOf(report: Pick<ProofReport, "cutoffUtc" | "generatedAtUtc">): string {
  return `proof-${compact(report.generatedAtUtc)}-cutoff-${compact(report.cutoffUtc)}`;
}

async function writeAtomically(
  path: string,
  write: (partialPath: string) => Promise<void>,
): Promise<void> {
  const partialPath = `${path}.partial`;
  try {
    await write(partialPath);
    await rename(partialPath, path);
  } catch (error) {
    await rm(partialPath, { force: true });
    throw error;
  }
}

/**
 * Saves a proof as a self-contained HTML page, its rows as an .xlsx, and
 * the report as JSON for "proof:latest". Returns the report with its files.
 */
export async function saveProof(
  report: ProofReport,
  folder: string,
  facts: ProofPageFacts,
): Promise<ProofReport> {
  await mkdir(folder, { recursive: true });
  const stem = proofStemOf(report);
  const files = {
    html: join(folder, `${stem}.html`),
    spreadsheet: join(folder, `${stem}.xlsx`),
  };
  const saved: ProofReport = { ...report, files };

  const html = renderProofHtml(saved, facts);
  await writeAtomically(files.html, (path) => writeFile(path, html));
  await writeAtomically(files.spreadsheet, (path) =>
    writeProofWorkbook(path, saved),
  );
  await writeAtomically(join(folder, `${stem}.json`), (path) =>
    writeFile(path, `${JSON.stringify(saved, null, 2)}\n`),
  );
  return saved;
}

/** Reads the newest saved proof in a folder, or returns null when there is none. */
export async function latestProof(folder: string): Promise<ProofReport | null> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const newest = names
    .filter((name) => /^proof-.*\.json$/.test(name))
    .sort()
    .at(-1);
  if (!newest) return null;
  return JSON.parse(await readFile(join(folder, newest), "utf8")) as ProofReport;
}

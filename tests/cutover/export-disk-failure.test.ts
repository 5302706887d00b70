import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExportJob } from "../../main/cutover/export-job.js";
import { connectorFor } from "../carts/shopify-harness.js";
import { startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { CutoverRig, seedAt } from "./cutover-rig.js";

// A partial file linked to /dev/full acts as a full disk for that one file.
// Opening it works, and every write fails with ENOSPC. No root is needed,
// and removing the partial file removes only the link.
const FULL_DEVICE = "/dev/full";
const STEM = "open-orders-before-cutoff";
const MINUTE = 60_000;
const open: CutoverRig[] = [];

afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function berlinRig(): Promise<CutoverRig> {
  const simulator = await startShopifySimulator({ timeZone: "Europe/Berlin" });
  const rig = await CutoverRig.open({
    simulator,
    connector: connectorFor(simulator),
    cutoffWallClock: "2026-03-02T09:00",
    nowMs: Date.parse("2026-03-02T12:00:00Z"),
  });
  open.push(rig);
  return rig;
}

async function hashesIn(folder: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort()) {
    const bytes = await readFile(join(folder, name));
    hashes[name] = createHash("sha256").update(bytes).digest("hex");
  }
  return hashes;
}

describe("export on a full disk", () => {
  // A hang shows up as this test's timeout, because a normal run takes
  // under a second.
  it("fails instead of hanging when the CSV cannot be written", async () => {
    const rig = await berlinRig();
    // One item title larger than the CSV buffer makes the first flush
    // happen while the order is written and the last one when the CSV closes.
    const order = seedAt(1001, rig.at(-MINUTE));
    rig.options.simulator.addOrders([
      {
        ...order,
        lines: order.lines.map((line) => ({ ...line, title: "t".repeat(200_000) })),
      },
    ]);
    const folder = rig.exportInput().folder;
    await mkdir(folder, { recursive: true });
    await symlink(FULL_DEVICE, join(folder, `${STEM}.csv.partial`));

    const job = new ExportJob();
    const summary = await job.run(rig.exportInput());

    expect(summary).toBeNull();
    expect(job.status.state).toBe("failed");
    expect(job.status.error).toContain("ENOSPC");
    expect(await readdir(folder)).toEqual([]);
  }, 15_000);

  it("keeps every earlier file when the checksums cannot be written", async () => {
    const rig = await berlinRig();
    rig.options.simulator.addOrders([
      seedAt(1001, rig.at(-3 * MINUTE)),
      seedAt(1002, rig.at(-2 * MINUTE)),
      seedAt(1003, rig.at(-MINUTE)),
    ]);
    await rig.exportBeforeCutoff();
    const folder = rig.exportInput().folder;
    const earlier = await hashesIn(folder);
    // The second export has different content: one order was fulfilled.
    rig.options.simulator.updateOrder("1002", { status: "closed", fulfillment: "fulfilled" });
    await symlink(FULL_DEVICE, join(folder, `${STEM}.sha256.partial`));

    const job = new ExportJob();
    const summary = await job.run(rig.exportInput());

    expect(summary).toBeNull();
    expect(job.status.state).toBe("failed");
    // The CSV, the .xlsx and the summary must not change unless the checksum
    // file beside them does, or `sha256sum -c` fails on a set the app
    // reported as "No file was written".
    expect(await hashesIn(folder)).toEqual(earlier);
  });
});

/**
 * Builds the app into dist/: the Electron main process, the sandboxed
 * preload and the renderer. Run with `npm run build`.
 */
import { build as bundle } from "esbuild";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build as buildWithVite } from "vite";

export const PROJECT_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "..",
);
const DIST_DIR = join(PROJECT_DIR, "dist");

/**
 * Bundles main/electron-main.ts into dist/main/electron-main.js as an ES
 * module. npm packages stay external and are loaded from node_modules,
 * which electron-builder packs, so native ones such as @napi-rs/keyring
 * keep their binaries.
 */
export async function buildMain(
  outDir = join(DIST_DIR, "main"),
): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await bundle({
    entryPoints: [join(PROJECT_DIR, "main", "electron-main.ts")],
    outfile: join(outDir, "electron-main.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
}

/**
 * Bundles preload/preload.ts and everything it imports into one CommonJS
 * file, dist/preload/preload.cjs. A sandboxed preload can load only a few
 * modules, "electron" among them, so nothing else may stay external.
 */
export async function buildPreload(
  outDir = join(DIST_DIR, "preload"),
): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await bundle({
    entryPoints: [join(PROJECT_DIR, "preload", "preload.ts")],
    outfile: join(outDir, "preload.cjs"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "es2022",
    external: ["electron"],
    sourcemap: true,
    logLevel: "warning",
  });
}

/**
 * Builds the renderer with vite.config.ts into dist/renderer, then checks
 * that index.html loads its assets by relative URLs. The Electron window
 * opens the page from a file: URL and browser mode serves it below a token
 * path, so absolute "/assets/…" URLs would load nothing in either.
 */
export async function buildRenderer(): Promise<void> {
  await buildWithVite({
    configFile: join(PROJECT_DIR, "vite.config.ts"),
    logLevel: "warn",
  });

  const indexPath = join(DIST_DIR, "renderer", "index.html");
  if (!existsSync(indexPath)) {
    throw new Error(
      `The renderer build wrote no ${indexPath}; set build.outDir to "dist/renderer" in vite.config.ts.`,
    );
  }
  const html = await readFile(indexPath, "utf8");
  if (/(src|href)="\/(?!\/)/.test(html)) {
    throw new Error(
      `${indexPath} loads assets from absolute paths; set base: "./" in vite.config.ts.`,
    );
  }
}

export async function buildApp(): Promise<void> {
  await buildMain();
  await buildPreload();
  await buildRenderer();
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (invokedDirectly) {
  try {
    await buildApp();
    console.log(`Built Cart Cutover into ${DIST_DIR}.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

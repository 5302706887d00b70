import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const rendererRoot = fileURLToPath(new URL("./renderer", import.meta.url));
const outputDirectory = fileURLToPath(
  new URL("./dist/renderer", import.meta.url),
);

// Builds the renderer for Electron's file:// load, hence the relative base.
// index.html sets a Content-Security-Policy without 'unsafe-inline', so the
// build must emit every script and style as its own file.
// NOTE: `vite` in dev mode adds React Refresh's inline preamble script, which
// that policy blocks, so the renderer is run from `vite build` output.
export default defineConfig({
  root: rendererRoot,
  base: "./",
  plugins: [react()],
  build: {
    outDir: outputDirectory,
    emptyOutDir: true,
    // The policy allows data: for images only, so no asset is inlined.
    assetsInlineLimit: 0,
    // Electron's Chromium supports modulepreload natively.
    modulePreload: { polyfill: false },
  },
  server: { host: "127.0.0.1", strictPort: false },
  preview: { host: "127.0.0.1" },
});

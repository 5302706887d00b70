import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createAppServices } from "./app/create-app-services.js";
import { runDesktopApp } from "./ipc/desktop-app.js";

// The Electron entry. Everything it does lives in main/ipc so that the glue
// can be tested against the mocked electron module.
void runDesktopApp({
  argv: process.argv,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  createServices: createAppServices,
});

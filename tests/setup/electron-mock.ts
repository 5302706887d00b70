import { vi } from "vitest";
import { createElectronMock } from "./electron-fake.js";

// The Electron binary cannot run here, so every main-process test sees this
// stand-in; tests of the Electron glue read what it recorded.
vi.mock("electron", () => createElectronMock());

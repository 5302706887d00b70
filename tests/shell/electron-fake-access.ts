import * as electron from "electron";
import type { ElectronFake } from "../setup/electron-fake.js";

/** The recording side of the electron mock (tests/setup/electron-mock.ts). */
export const electronFake = (electron as unknown as { __fake: ElectronFake })
  .__fake;

export type FakeWindow = ElectronFake["windows"][number];


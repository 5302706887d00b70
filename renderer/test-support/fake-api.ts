/**
 * A stand-in for the main process in component tests: every channel is a
 * vi.fn that returns the fixtures below until a test replaces it.
 * dry-run:detail returns the full row behind previewFixture's light rows.
 */
import { vi, type Mock } from "vitest";
import type {
  AppState,
  CartCutoverApi,
  ExportStatus,
  SyncStatus,
} from "../../preload/contract.js";
import { setApi } from "../bridge/api.js";
import { resetWizardStore, useWizardStore } from "../state/wizard-store.js";
import type { StepId } from "../state/steps.js";
import {
  appStateFixture,
  connectionFixture,
  previewRowOf,
} from "./fixtures.js";

export type FakeApi = {
  [Method in keyof CartCutoverApi]: Mock<CartCutoverApi[Method]>;
};

const IDLE_EXPORT: ExportStatus = {
  state: "idle",
  ordersDone: 0,
  ordersTotal: null,
  summary: null,
  error: null,
};

function unexpected(method: string) {
  return () =>
    Promise.reject(new Error(`The test did not expect a call to ${method}.`));
}

/** Creates a fake API around one app state and installs it with setApi. */
export function installFakeApi(
  appState: AppState = appStateFixture(),
): FakeApi {
  const sync: SyncStatus = appState.sync;
  const fake: FakeApi = {
    appGetState: vi.fn(() => Promise.resolve(appState)),
    connectSave: vi.fn(() => Promise.resolve(appState)),
    connectTest: vi.fn(() => Promise.resolve(connectionFixture())),
    dryRunRun: vi.fn(unexpected("dryRunRun")),
    dryRunOpen: vi.fn(unexpected("dryRunOpen")),
    dryRunChooseFile: vi.fn(() => Promise.resolve(null)),
    dryRunDetail: vi.fn(({ index }) => Promise.resolve(previewRowOf(index))),
    cutoffSet: vi.fn(unexpected("cutoffSet")),
    exportStart: vi.fn(unexpected("exportStart")),
    exportStatus: vi.fn(() => Promise.resolve(IDLE_EXPORT)),
    exportCancel: vi.fn(unexpected("exportCancel")),
    goLiveSave: vi.fn(unexpected("goLiveSave")),
    destinationSave: vi.fn(unexpected("destinationSave")),
    syncStart: vi.fn(() => Promise.resolve(sync)),
    syncStop: vi.fn(() => Promise.resolve(sync)),
    syncRunNow: vi.fn(() => Promise.resolve(sync)),
    syncStatus: vi.fn(() => Promise.resolve(sync)),
    syncRetryOrder: vi.fn(() => Promise.resolve(sync)),
    orderBookList: vi.fn(() => Promise.resolve([])),
    proofRun: vi.fn(unexpected("proofRun")),
    proofLatest: vi.fn(() => Promise.resolve(null)),
  };
  setApi(fake);
  return fake;
}

/**
 * Resets the wizard store and seeds it with an app state, as the app does after
 * its first load.
 */
export function seedWizardStore(
  appState: AppState,
  step: StepId = "connect",
): void {
  resetWizardStore();
  useWizardStore.setState({ appState, step });
}

import { useState } from "react";
import { getApi } from "../bridge/api.js";
import { ErrorAlert } from "../components/error-alert.js";
import { useAction } from "../state/use-action.js";
import { useAppState, useWizardStore } from "../state/wizard-store.js";
import { DryRunWindowForm, type DryRunRequest } from "./dry-run-window-form.js";
import {
  DEFAULT_MAPPING_CHOICES,
  MappingChoices,
  parseKnownSkus,
} from "./mapping-choices.js";
import { PreviewResults } from "./preview-results.js";
import { previewTimeZoneOf } from "./preview-rows.js";
import { PreviewSummaryView } from "./preview-summary.js";
import { SavedPreviewBanner } from "./saved-preview-banner.js";
import { SavedPreviewOpener } from "./saved-preview-opener.js";

/**
 * Renders step 2, the dry run, which maps real orders to documents and writes
 * nothing.
 */
export function DryRunStep() {
  const appState = useAppState();
  const preview = useWizardStore((state) => state.preview);
  const setPreview = useWizardStore((state) => state.setPreview);
  const refresh = useWizardStore((state) => state.refresh);
  const goTo = useWizardStore((state) => state.goTo);
  const dryRun = useAction();
  const openLast = useAction();
  // The select opens on the policy main has saved, so a dry run never changes it by accident.
  const [mapping, setMapping] = useState(() => ({
    ...DEFAULT_MAPPING_CHOICES,
    guestPolicy: appState.mapping?.guestPolicy ?? DEFAULT_MAPPING_CHOICES.guestPolicy,
  }));
  const [knownSkusProblem, setKnownSkusProblem] = useState<string | null>(
    null,
  );

  const storeTimeZone = appState.connection?.report.timeZone ?? null;
  const isReadOnly = Boolean(preview?.openedFromFile);
  const previewTimeZone = preview ? previewTimeZoneOf(preview, appState) : null;
  const lastDryRun = appState.dryRun;

  async function run(windowRequest: DryRunRequest) {
    const parsed = parseKnownSkus(mapping.knownSkusText);
    setKnownSkusProblem(parsed.problem);
    if (parsed.skus === null) return;

    // An empty list would make every SKU unknown, so it is left out and main
    // keeps the list it has.
    const request: DryRunRequest = {
      ...windowRequest,
      guestPolicy: mapping.guestPolicy,
      ...(parsed.skus.length > 0 ? { knownSkus: parsed.skus } : {}),
    };
    const result = await dryRun.run(() => getApi().dryRunRun(request));
    if (result) setPreview(result);
    await refresh();
  }

  async function openLastPreview(path: string) {
    const result = await openLast.run(() => getApi().dryRunOpen({ path }));
    if (result) setPreview(result);
  }

  function closeSavedPreview() {
    setPreview(null);
    if (!appState.connection) goTo("connect");
  }

  return (
    <section className="step" aria-labelledby="step-heading">
      <h2 id="step-heading">Test import</h2>

      {isReadOnly && preview ? (
        <SavedPreviewBanner
          preview={preview}
          timeZone={previewTimeZone}
          onClose={closeSavedPreview}
        />
      ) : (
        <>
          <p className="banner" role="note">
            <strong>Nothing is written anywhere</strong>: the dry run reads
            orders from the cart and shows the documents they would become.
          </p>
          {storeTimeZone ? (
            <DryRunWindowForm
              timeZone={storeTimeZone}
              disabled={dryRun.pending}
              onRun={(request) => void run(request)}
            >
              <MappingChoices
                values={mapping}
                disabled={dryRun.pending}
                problem={knownSkusProblem}
                onChange={setMapping}
              />
            </DryRunWindowForm>
          ) : (
            <p>
              Test the connection on the Connect step first, because the dry
              run reads orders from that cart.
            </p>
          )}
          {dryRun.pending ? <p role="status">Running the dry run…</p> : null}
          <ErrorAlert message={dryRun.errorMessage} />
          {lastDryRun ? (
            <div className="saved-to">
              <p>
                Preview saved to{" "}
                <span className="path">{lastDryRun.savedTo}</span>
              </p>
              {lastDryRun.spreadsheetTo ? (
                <p>
                  Spreadsheet saved to{" "}
                  <span className="path">{lastDryRun.spreadsheetTo}</span>
                </p>
              ) : null}
            </div>
          ) : null}
        </>
      )}

      {preview ? (
        <PreviewResults preview={preview} timeZone={previewTimeZone} />
      ) : lastDryRun ? (
        <>
          <PreviewSummaryView summary={lastDryRun.summary} />
          <button
            type="button"
            disabled={openLast.pending}
            onClick={() => void openLastPreview(lastDryRun.savedTo)}
          >
            Show the orders of the last dry run
          </button>
          <ErrorAlert message={openLast.errorMessage} />
        </>
      ) : null}

      {lastDryRun && !isReadOnly ? (
        <button type="button" onClick={() => goTo("cutoff")}>
          Continue to Cut-off and export
        </button>
      ) : null}

      {isReadOnly ? null : <SavedPreviewOpener />}
    </section>
  );
}

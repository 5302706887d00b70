import { useState } from "react";
import type { ConnectionState } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { ErrorAlert } from "../components/error-alert.js";
import { SavedPreviewOpener } from "../dry-run/saved-preview-opener.js";
import { useAction } from "../state/use-action.js";
import { useAppState, useWizardStore } from "../state/wizard-store.js";
import { ConnectForm } from "./connect-form.js";
import {
  connectSaveRequestOf,
  type ConnectFormValues,
} from "./connect-form-schema.js";
import { ConnectionReportView } from "./connection-report-view.js";

/**
 * Renders step 1, which saves the cart and its credentials to the keychain and
 * tests the connection.
 */
export function ConnectStep() {
  const appState = useAppState();
  const setAppState = useWizardStore((state) => state.setAppState);
  const refresh = useWizardStore((state) => state.refresh);
  const goTo = useWizardStore((state) => state.goTo);
  const saveAndTest = useAction();
  const [lastTest, setLastTest] = useState<ConnectionState | null>(null);

  async function submit(values: ConnectFormValues) {
    setLastTest(null);
    await saveAndTest.run(async () => {
      try {
        setAppState(await getApi().connectSave(connectSaveRequestOf(values)));
        setLastTest(await getApi().connectTest({}));
      } finally {
        await refresh();
      }
    });
  }

  // After a failed test the old report would read as current, so it is hidden.
  const connection =
    lastTest ?? (saveAndTest.errorMessage ? null : appState.connection);

  return (
    <section className="step" aria-labelledby="step-heading">
      <h2 id="step-heading">Connect</h2>
      <p className="step-intro">
        Choose the cart and enter its credentials. They go to the operating
        system's keychain, never to a file.
      </p>

      <ConnectForm
        store={appState.store}
        keychainAvailable={appState.keychainAvailable}
        keychainMessage={appState.keychainMessage}
        pending={saveAndTest.pending}
        onSubmit={(values) => void submit(values)}
      />

      {saveAndTest.pending ? (
        <p role="status">Saving and testing the connection…</p>
      ) : null}
      <ErrorAlert message={saveAndTest.errorMessage} />

      {connection ? (
        <>
          <ConnectionReportView connection={connection} />
          <button type="button" onClick={() => goTo("test-import")}>
            Continue to Test import
          </button>
        </>
      ) : null}

      <SavedPreviewOpener />
    </section>
  );
}

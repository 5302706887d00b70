import { getApi } from "../bridge/api.js";
import { ErrorAlert } from "../components/error-alert.js";
import { useAction } from "../state/use-action.js";
import { useWizardStore } from "../state/wizard-store.js";

/**
 * Opens a saved dry-run preview read-only. It needs no connection, so a
 * reviewer can open a file that someone else made.
 */
export function SavedPreviewOpener() {
  const setPreview = useWizardStore((state) => state.setPreview);
  const goTo = useWizardStore((state) => state.goTo);
  const open = useAction();

  async function chooseAndOpen() {
    const preview = await open.run(() => getApi().dryRunChooseFile({}));
    // Null means the user closed the file dialog without choosing a file.
    if (!preview) return;
    setPreview(preview);
    goTo("test-import");
  }

  return (
    <section
      className="saved-preview-opener"
      aria-labelledby="saved-preview-heading"
    >
      <h3 id="saved-preview-heading">Saved preview</h3>
      <p className="hint">
        Review a dry run saved earlier, offline and without credentials.
      </p>
      <button
        type="button"
        disabled={open.pending}
        onClick={() => void chooseAndOpen()}
      >
        Open saved preview
      </button>
      <ErrorAlert message={open.errorMessage} />
    </section>
  );
}

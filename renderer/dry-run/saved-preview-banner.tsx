import type { PreviewView } from "../../preload/contract.js";
import { InstantText } from "../components/instant-text.js";
import { PLATFORM_LABELS } from "../format/labels.js";

type SavedPreviewBannerProps = {
  preview: PreviewView;
  /** The store's IANA zone, or null to show the times in UTC. */
  timeZone: string | null;
  onClose: () => void;
};

/**
 * Labels a preview opened from a file: read-only, with its store, window and
 * creation time.
 */
export function SavedPreviewBanner({
  preview,
  timeZone,
  onClose,
}: SavedPreviewBannerProps) {
  return (
    <div
      className="saved-preview-banner"
      role="note"
      aria-labelledby="saved-preview-banner-heading"
    >
      <h3 id="saved-preview-banner-heading">
        Saved preview — read-only, opened offline
      </h3>
      <dl className="facts">
        <dt>Store</dt>
        <dd>
          {preview.storeName} ({PLATFORM_LABELS[preview.platform]}
          {preview.storeUrl ? `, ${preview.storeUrl}` : ""})
        </dd>
        <dt>Orders created</dt>
        <dd>
          from{" "}
          <InstantText
            instantUtc={preview.window.fromUtc}
            timeZone={timeZone}
          />{" "}
          to{" "}
          <InstantText instantUtc={preview.window.toUtc} timeZone={timeZone} />
        </dd>
        <dt>Made</dt>
        <dd>
          <InstantText instantUtc={preview.createdAtUtc} timeZone={timeZone} />
        </dd>
        <dt>File</dt>
        <dd className="path">{preview.openedFromFile}</dd>
      </dl>
      {timeZone ? null : (
        <p className="hint">
          The file does not name the store's time zone, so times are shown in
          UTC.
        </p>
      )}
      <button type="button" onClick={onClose}>
        Close saved preview
      </button>
    </div>
  );
}

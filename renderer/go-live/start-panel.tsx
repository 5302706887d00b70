type StartPanelProps = {
  blockers: string[];
  isRunning: boolean;
  pending: boolean;
  onStart: () => void;
};

/**
 * Renders Start, disabled and with the reasons listed while any blocker
 * remains.
 */
export function StartPanel({
  blockers,
  isRunning,
  pending,
  onStart,
}: StartPanelProps) {
  const disabled = blockers.length > 0 || isRunning || pending;
  return (
    <section className="start-panel" aria-labelledby="start-heading">
      <h3 id="start-heading">Start Auto Sync</h3>
      <div className="start-row">
        <button
          type="button"
          className="primary"
          disabled={disabled}
          aria-describedby={blockers.length > 0 ? "start-blockers" : undefined}
          onClick={onStart}
        >
          Start
        </button>
        {blockers.length > 0 ? (
          <div id="start-blockers" className="blockers">
            <p>Start is not possible yet:</p>
            <ul aria-label="Start blockers">
              {blockers.map((blocker) => (
                <li key={blocker}>{blocker}</li>
              ))}
            </ul>
          </div>
        ) : isRunning ? (
          <p>Auto Sync is already Running.</p>
        ) : (
          <p>Auto Sync is Stopped. Start imports new orders every interval.</p>
        )}
      </div>
    </section>
  );
}

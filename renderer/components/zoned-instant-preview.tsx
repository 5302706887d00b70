import {
  formatInZone,
  formatUtc,
  machineTimeZone,
  resolveWallClock,
} from "../format/zoned-time.js";

type ZonedInstantPreviewProps = {
  /** The datetime-local value, read in the store's zone. */
  wallClock: string;
  timeZone: string;
  /**
   * Also shows the instant in this machine's zone when it differs from the
   * store's.
   */
  showMachineZone?: boolean;
  id?: string;
};

/**
 * Shows, while the user types, the UTC instant of a wall-clock time in the
 * store's zone.
 */
export function ZonedInstantPreview({
  wallClock,
  timeZone,
  showMachineZone = false,
  id,
}: ZonedInstantPreviewProps) {
  const resolved = wallClock ? resolveWallClock(wallClock, timeZone) : null;
  if (!resolved) {
    return (
      <p className="zoned-preview" id={id}>
        UTC: enter a date and time
      </p>
    );
  }

  const ownZone = machineTimeZone();
  return (
    <p className="zoned-preview" id={id}>
      <span>
        UTC: <time dateTime={resolved.utc}>{formatUtc(resolved.utc)}</time>
      </span>
      {showMachineZone && ownZone !== timeZone ? (
        <span>
          {" "}
          · Your time ({ownZone}): {formatInZone(resolved.utc, ownZone)}
        </span>
      ) : null}
    </p>
  );
}

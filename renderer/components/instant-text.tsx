import { formatInZone, formatUtc } from "../format/zoned-time.js";

type InstantTextProps = {
  instantUtc: string | null;
  /** The store's IANA zone, or null to show the instant in UTC only. */
  timeZone: string | null;
  /** Shown when there is no instant. */
  emptyText?: string;
};

/** Shows an instant in the store's zone with the UTC instant beside it. */
export function InstantText({
  instantUtc,
  timeZone,
  emptyText = "none",
}: InstantTextProps) {
  if (!instantUtc) return <span className="instant">{emptyText}</span>;
  if (!timeZone || timeZone === "UTC") {
    return (
      <span className="instant">
        <time dateTime={instantUtc}>{formatUtc(instantUtc)}</time>
      </span>
    );
  }
  return (
    <span className="instant">
      <time dateTime={instantUtc}>{formatInZone(instantUtc, timeZone)}</time>
      <span className="instant-utc"> · {formatUtc(instantUtc)}</span>
    </span>
  );
}

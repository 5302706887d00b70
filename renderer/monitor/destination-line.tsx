import type { DestinationState } from "../../preload/contract.js";

/** Returns the destination as the Monitor names it: a label or the endpoint. */
export function destinationLabelOf(destination: DestinationState): string {
  return destination.kind === "order-book"
    ? "Local order book"
    : destination.endpointUrl;
}

/** Shows where the sync delivers the documents it makes. */
export function DestinationLine({
  destination,
}: {
  destination: DestinationState;
}) {
  return (
    <p className="destination-line">
      {`Orders go to: ${destinationLabelOf(destination)}`}
    </p>
  );
}

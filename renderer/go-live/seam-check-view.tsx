import type { SeamCheck } from "../../preload/contract.js";
import { InstantText } from "../components/instant-text.js";

const VERDICT_TITLES: Record<SeamCheck["verdict"], string> = {
  aligned: "Aligned with the export",
  gap: "Gap: some orders would be neither exported nor imported",
  overlap: "Overlap: some orders would be exported and imported",
};

/**
 * Shows whether Import Orders from meets the cut-off, and the orders a gap or
 * overlap concerns.
 */
export function SeamCheckView({
  seamCheck,
  timeZone,
}: {
  seamCheck: SeamCheck;
  timeZone: string;
}) {
  return (
    <section
      className={`seam-check seam-${seamCheck.verdict}`}
      role="status"
      aria-labelledby="seam-check-heading"
    >
      <h3 id="seam-check-heading">{VERDICT_TITLES[seamCheck.verdict]}</h3>
      <p>{seamCheck.message}</p>
      {seamCheck.ordersConcerned.length > 0 ? (
        <table className="compact-table">
          <caption>Orders concerned</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {seamCheck.ordersConcerned.map((order) => (
              <tr key={order.cartOrderId}>
                <td>{order.orderNumber}</td>
                <td>
                  <InstantText
                    instantUtc={order.createdAtUtc}
                    timeZone={timeZone}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

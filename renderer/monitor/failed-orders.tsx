import type { ChangedOrder, FailedOrder } from "../../preload/contract.js";
import { InstantText } from "../components/instant-text.js";

type FailedOrdersProps = {
  orders: FailedOrder[];
  timeZone: string | null;
  retryingOrderId: string | null;
  onRetry: (cartOrderId: string) => void;
};

/**
 * Lists the orders that failed to import, each with its reason and a Retry
 * button.
 */
export function FailedOrders({
  orders,
  timeZone,
  retryingOrderId,
  onRetry,
}: FailedOrdersProps) {
  return (
    <section aria-labelledby="failed-orders-heading">
      <h3 id="failed-orders-heading">Orders that failed</h3>
      {orders.length === 0 ? (
        <p>No order failed.</p>
      ) : (
        <table className="compact-table">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Created</th>
              <th scope="col">Reason</th>
              <th scope="col">Failed</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.cartOrderId}>
                <td>{order.orderNumber}</td>
                <td>
                  <InstantText
                    instantUtc={order.createdAtUtc}
                    timeZone={timeZone}
                  />
                </td>
                <td>{order.reason}</td>
                <td>
                  <InstantText
                    instantUtc={order.failedAtUtc}
                    timeZone={timeZone}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    disabled={retryingOrderId !== null}
                    aria-label={`Retry order ${order.orderNumber}`}
                    onClick={() => onRetry(order.cartOrderId)}
                  >
                    Retry
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const CHANGE_LABELS: Record<ChangedOrder["change"], string> = {
  cancelled: "cancelled in the cart",
  edited: "edited in the cart",
};

/**
 * Lists the orders that changed in the cart after they were imported, for a
 * person to follow up.
 */
export function ChangedOrders({
  orders,
  timeZone,
}: {
  orders: ChangedOrder[];
  timeZone: string | null;
}) {
  if (orders.length === 0) return null;
  return (
    <section className="warning-box" aria-labelledby="changed-orders-heading">
      <h3 id="changed-orders-heading">Orders changed after import</h3>
      <p>Check the documents of these orders in the order system.</p>
      <ul>
        {orders.map((order) => (
          <li key={`${order.cartOrderId}-${order.detectedAtUtc}`}>
            {order.orderNumber}: {CHANGE_LABELS[order.change]}, noticed{" "}
            <InstantText instantUtc={order.detectedAtUtc} timeZone={timeZone} />
          </li>
        ))}
      </ul>
    </section>
  );
}

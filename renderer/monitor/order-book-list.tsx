import { useEffect, useState } from "react";
import type { OrderBookEntry } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { ErrorAlert } from "../components/error-alert.js";
import { InstantText } from "../components/instant-text.js";
import { DOCUMENT_KIND_LABELS } from "../format/labels.js";
import { formatMoney } from "../format/money.js";
import { errorMessageOf } from "../state/error-message.js";

/** Maximum entries the monitor requests. The order book may contain more. */
const ORDER_BOOK_LIMIT = 500;

type OrderBookListProps = {
  timeZone: string | null;
  /**
   * Changes whenever the list should be loaded again, such as the count of
   * imported orders.
   */
  reloadKey: number;
};

/** Lists the documents in the local order book, newest import first. */
export function OrderBookList({ timeZone, reloadKey }: OrderBookListProps) {
  const [entries, setEntries] = useState<OrderBookEntry[] | null>(null);
  const [errorMessage, setErrorMessage] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    getApi()
      .orderBookList({ limit: ORDER_BOOK_LIMIT })
      .then((list) => {
        if (!active) return;
        setEntries(list);
        setErrorMessage(null);
      })
      .catch((error: unknown) => {
        if (active) setErrorMessage(errorMessageOf(error));
      });
    return () => {
      active = false;
    };
  }, [reloadKey]);

  const newestFirst = [...(entries ?? [])].sort(
    (a, b) => Date.parse(b.importedAtUtc) - Date.parse(a.importedAtUtc),
  );

  return (
    <section aria-labelledby="order-book-heading">
      <h3 id="order-book-heading">Order book</h3>
      <ErrorAlert message={errorMessage} />
      {entries === null ? null : newestFirst.length === 0 ? (
        <p>The order book is empty.</p>
      ) : (
        <div className="table-scroll">
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Customer</th>
                <th scope="col">Date</th>
                <th scope="col">Total</th>
                <th scope="col">Document</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map(({ document }) => (
                <tr key={document.sourceKey}>
                  <td>{document.reference}</td>
                  <td>
                    {document.customer.name ||
                      document.customer.email ||
                      "Guest"}
                  </td>
                  <td>
                    <InstantText
                      instantUtc={document.orderDateUtc}
                      timeZone={timeZone}
                    />
                  </td>
                  <td className="amount">
                    {formatMoney(document.totalMinor, document.currency)}
                  </td>
                  <td>{DOCUMENT_KIND_LABELS[document.kind]}</td>
                  <td>{document.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {newestFirst.length === ORDER_BOOK_LIMIT ? (
            <p className="hint">
              Showing {ORDER_BOOK_LIMIT} documents. The order book may contain
              more.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}

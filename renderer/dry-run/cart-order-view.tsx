import type { CartOrder } from "../../main/carts/cart-order.js";
import { InstantText } from "../components/instant-text.js";
import { formatMoney } from "../format/money.js";

function customerTextOf(order: CartOrder): string {
  const { customer } = order;
  const name = `${customer.firstName} ${customer.lastName}`.trim();
  const guest = customer.isGuest ? " (guest)" : "";
  const email = customer.email ? `, ${customer.email}` : ", no e-mail";
  return `${name || "(no name)"}${guest}${email}`;
}

/**
 * Shows a cart order as the cart reported it: customer, status, lines and
 * charges.
 */
export function CartOrderView({
  order,
  timeZone,
}: {
  order: CartOrder;
  timeZone: string | null;
}) {
  const money = (amountMinor: number) =>
    formatMoney(amountMinor, order.currency);
  const paidText =
    order.presentmentCurrency === order.currency
      ? ""
      : `, paid as ${formatMoney(order.presentmentTotalMinor, order.presentmentCurrency)}`;

  return (
    <section className="detail-column" aria-labelledby="detail-cart-heading">
      <h4 id="detail-cart-heading">Cart order {order.orderNumber}</h4>
      <dl className="facts">
        <dt>Created</dt>
        <dd>
          <InstantText instantUtc={order.createdAtUtc} timeZone={timeZone} />
        </dd>
        <dt>Customer</dt>
        <dd>{customerTextOf(order)}</dd>
        <dt>Fulfillment</dt>
        <dd>{order.fulfillment}</dd>
        <dt>Payment</dt>
        <dd>{order.financialStatus ?? "not reported"}</dd>
        <dt>Total</dt>
        <dd>
          {money(order.totalMinor)} (tax {money(order.totalTaxMinor)})
          {paidText}
        </dd>
      </dl>
      <table className="detail-lines">
        <caption>Cart lines</caption>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Title</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
            <th scope="col">Discount</th>
            <th scope="col">Tax</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.lineId}>
              <td>{line.sku ?? "none"}</td>
              <td>
                {line.variantTitle
                  ? `${line.title} (${line.variantTitle})`
                  : line.title}
              </td>
              <td className="amount">{line.quantity}</td>
              <td className="amount">{money(line.unitPriceMinor)}</td>
              <td className="amount">{money(line.discountMinor)}</td>
              <td className="amount">{money(line.taxMinor)}</td>
            </tr>
          ))}
          {[...order.shipping, ...order.fees].map((charge, index) => (
            <tr key={`charge-${index}`}>
              <td>none</td>
              <td>{charge.title}</td>
              <td className="amount">1</td>
              <td className="amount">{money(charge.amountMinor)}</td>
              <td className="amount">{money(0)}</td>
              <td className="amount">{money(charge.taxMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

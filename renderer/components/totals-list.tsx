import { formatMoney } from "../format/money.js";

/**
 * Renders one total per currency, because amounts in different currencies are
 * never added.
 */
export function TotalsList({
  totalsByCurrency,
}: {
  totalsByCurrency: Record<string, number>;
}) {
  const currencies = Object.keys(totalsByCurrency).sort();
  if (currencies.length === 0) return <span>none</span>;
  return (
    <ul className="totals-list">
      {currencies.map((currency) => (
        <li key={currency}>
          {formatMoney(totalsByCurrency[currency] ?? 0, currency)}
        </li>
      ))}
    </ul>
  );
}

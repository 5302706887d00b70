type Json = Record<string, unknown>;

/** Order fields that Shopify withholds from an app not approved for protected customer data, with the object each one is. */
const PROTECTED_ORDER_FIELDS: [field: string, objectName: string][] = [
  ["customer", "Customer"],
  ["email", "Order.email"],
  ["billingAddress", "MailingAddress"],
  ["shippingAddress", "MailingAddress"],
];

/**
 * Returns an orders response as Shopify sends it to an app that lacks
 * approval for protected customer data: the order data comes back with the
 * protected fields set to null, and one ACCESS_DENIED error per withheld
 * field names its path.
 */
export function withholdProtectedCustomerData(orders: { nodes: Json[]; pageInfo: unknown }): { data: Json; errors: Json[] } {
  const errors: Json[] = [];
  const withheld = orders.nodes.map((node, index) => {
    const copy = { ...node };
    for (const [field, objectName] of PROTECTED_ORDER_FIELDS) {
      copy[field] = null;
      errors.push({
        message: `This app is not approved to access the ${objectName} object. See https://partners.shopify.com/0000000/apps/0000000/customer_data for more details.`,
        locations: [{ line: 1, column: 1 }],
        extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/docs/apps/launch/protected-customer-data" },
        path: ["orders", "nodes", index, field],
      });
    }
    return copy;
  });
  return { data: { orders: { nodes: withheld, pageInfo: orders.pageInfo } }, errors };
}

import type { CartOrder } from "../carts/cart-order.js";
import type { Finding } from "./findings.js";
import { type DocumentCustomer, sourceKeyOf } from "./sales-document.js";

/**
 * Policy for a guest order that has no e-mail address. Orders with an e-mail
 * address are always matched by it, guest or not.
 * - "placeholder-customer": every such order goes to one shared guest customer.
 * - "customer-per-order": each such order gets a customer of its own, keyed
 *   by the cart order id, so a rerun gives the same key.
 * - "reject": the order is held back with an error finding.
 */
export type GuestPolicy = "placeholder-customer" | "customer-per-order" | "reject";

export const GUEST_POLICIES: readonly GuestPolicy[] = [
  "placeholder-customer",
  "customer-per-order",
  "reject",
];

export const DEFAULT_GUEST_POLICY: GuestPolicy = "placeholder-customer";

/** Customer key of the shared guest customer under "placeholder-customer". */
export const GUEST_CUSTOMER_KEY = "guest:cart-cutover";

export const GUEST_CUSTOMER_NAME = "Guest customer";

/**
 * Normalizes an e-mail address into a matching key. The whole address is
 * lowercased: the local part is case-sensitive by RFC 5321, but shops and
 * order systems treat addresses that differ only in case as one customer.
 */
export function emailKeyOf(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

function displayNameOf(order: CartOrder): string {
  const fullName = `${order.customer.firstName} ${order.customer.lastName}`.trim();
  return fullName || order.billingAddress?.name.trim() || "";
}

function guestFinding(policy: GuestPolicy): Finding {
  const consequence: Record<GuestPolicy, string> = {
    "placeholder-customer": `it goes to the shared customer "${GUEST_CUSTOMER_NAME}".`,
    "customer-per-order": "it gets a customer of its own, keyed by the cart order id.",
    reject: "the guest policy holds it back, so it is not imported.",
  };
  return {
    code: "guest-without-email",
    severity: policy === "reject" ? "error" : "warning",
    message: `The guest order has no e-mail address to match a customer by, so ${consequence[policy]}`,
    field: "customer.email",
  };
}

/**
 * Chooses the order system customer of an order and the finding that goes
 * with it. The result depends only on the order and the policy, so a rerun
 * over the same orders gives the same customer keys.
 */
export function customerOf(
  order: CartOrder,
  policy: GuestPolicy,
  storeId: string,
): { customer: DocumentCustomer; findings: Finding[] } {
  const name = displayNameOf(order);
  const email = order.customer.email?.trim() || null;
  if (email) {
    const customer: DocumentCustomer = {
      key: emailKeyOf(email),
      name: name || email,
      email,
      isGuest: order.customer.isGuest,
    };
    return { customer, findings: [] };
  }

  // A registered customer without an e-mail address keeps one identity
  // through the cart's customer id.
  const cartCustomerId = order.customer.cartCustomerId;
  if (!order.customer.isGuest && cartCustomerId) {
    const customer: DocumentCustomer = {
      key: `cart-customer:${order.platform}:${storeId}:${cartCustomerId}`,
      name: name || "(no name)",
      email: null,
      isGuest: false,
    };
    return { customer, findings: [] };
  }

  const findings = [guestFinding(policy)];
  if (policy === "customer-per-order") {
    const customer: DocumentCustomer = {
      key: `guest-order:${sourceKeyOf(order.platform, storeId, order.orderId)}`,
      name: name || "Guest",
      email: null,
      isGuest: true,
    };
    return { customer, findings };
  }
  const customer: DocumentCustomer = {
    key: GUEST_CUSTOMER_KEY,
    name: GUEST_CUSTOMER_NAME,
    email: null,
    isGuest: true,
  };
  return { customer, findings };
}

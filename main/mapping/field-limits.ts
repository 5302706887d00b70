import type { PostalAddress } from "../carts/cart-order.js";
import type { Finding } from "./findings.js";

/**
 * Maximum lengths, in Unicode code points, assumed for the order system's
 * address fields. NOTE: these are estimates. The order system publishes no
 * field lengths, and whether it counts code points, UTF-16 units or bytes is
 * unknown. Documents keep every value in full, and a value over its limit
 * only gets an "address-cut" finding.
 */
export const FIELD_LIMITS = {
  name: 100,
  company: 100,
  line: 100,
  city: 50,
  region: 50,
  postalCode: 20,
  countryCode: 2,
  phone: 30,
} as const;

export type FieldLimitName = keyof typeof FIELD_LIMITS;

function codePointsOf(value: string): string[] {
  return [...value];
}

function addressFields(
  address: PostalAddress,
  path: string,
): [string, string | null, FieldLimitName][] {
  return [
    [`${path}.name`, address.name, "name"],
    [`${path}.company`, address.company, "company"],
    ...address.lines.map((line, index): [string, string, FieldLimitName] => [
      `${path}.lines[${index}]`,
      line,
      "line",
    ]),
    [`${path}.city`, address.city, "city"],
    [`${path}.region`, address.region, "region"],
    [`${path}.postalCode`, address.postalCode, "postalCode"],
    [`${path}.countryCode`, address.countryCode, "countryCode"],
    [`${path}.phone`, address.phone, "phone"],
  ];
}

/**
 * Reports every field of an address that is longer than its estimated limit,
 * naming the field, its length and the part the order system would cut.
 */
export function addressCutFindings(
  address: PostalAddress | null,
  path: "billTo" | "shipTo",
): Finding[] {
  if (!address) return [];
  const findings: Finding[] = [];
  for (const [field, value, limitName] of addressFields(address, path)) {
    if (value === null) continue;
    const codePoints = codePointsOf(value);
    const limit = FIELD_LIMITS[limitName];
    if (codePoints.length <= limit) continue;
    const cutPart = codePoints.slice(limit).join("");
    findings.push({
      code: "address-cut",
      severity: "warning",
      message: `${field} has ${codePoints.length} characters and the order system keeps about ${limit}, so "${cutPart}" would be cut.`,
      field,
    });
  }
  return findings;
}

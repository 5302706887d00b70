import { z } from "zod";
import { PLATFORM_IDS } from "../carts/cart-order.js";
import { FINDING_CODES } from "../mapping/findings.js";
import { DOCUMENT_KINDS } from "../mapping/sales-document.js";

const moneyMinor = z.number().int();

const addressSchema = z
  .object({
    name: z.string(),
    company: z.string().nullable(),
    lines: z.array(z.string()),
    city: z.string(),
    region: z.string().nullable(),
    postalCode: z.string(),
    countryCode: z.string(),
    phone: z.string().nullable(),
  })
  .nullable();

const chargeSchema = z.looseObject({
  title: z.string(),
  amountMinor: moneyMinor,
  taxMinor: moneyMinor,
});

const orderSchema = z.looseObject({
  orderId: z.string(),
  orderNumber: z.string(),
  createdAtUtc: z.string(),
  currency: z.string(),
  presentmentCurrency: z.string(),
  presentmentTotalMinor: moneyMinor,
  totalMinor: moneyMinor,
  totalTaxMinor: moneyMinor,
  fulfillment: z.enum(["unfulfilled", "partial", "fulfilled"]),
  customer: z.looseObject({
    email: z.string().nullable(),
    firstName: z.string(),
    lastName: z.string(),
    isGuest: z.boolean(),
  }),
  lines: z.array(
    z.looseObject({
      lineId: z.string(),
      sku: z.string().nullable(),
      title: z.string(),
      variantTitle: z.string().nullable(),
      quantity: z.number(),
      unitPriceMinor: moneyMinor,
      taxMinor: moneyMinor,
      discountMinor: moneyMinor,
    }),
  ),
  shipping: z.array(chargeSchema),
  fees: z.array(chargeSchema),
});

const documentSchema = z.looseObject({
  kind: z.enum(DOCUMENT_KINDS),
  status: z.literal("PENDING"),
  sourceKey: z.string(),
  cartOrderId: z.string(),
  reference: z.string(),
  orderDateUtc: z.string(),
  customer: z.object({
    key: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    isGuest: z.boolean(),
  }),
  billTo: addressSchema,
  shipTo: addressSchema,
  currency: z.string(),
  lines: z.array(
    z.looseObject({
      kind: z.enum(["item", "shipping", "fee", "discount", "tax", "rounding"]),
      sku: z.string().nullable(),
      description: z.string(),
      quantity: z.number(),
      unitPriceMinor: moneyMinor,
      amountMinor: moneyMinor,
      taxMinor: moneyMinor,
    }),
  ),
  totalMinor: moneyMinor,
  presentment: z.object({ currency: z.string(), totalMinor: moneyMinor }),
  refundedMinor: moneyMinor,
});

const exclusionSchema = z.enum([
  "cancelled",
  "test",
  "draft",
  "fulfilled",
  "partially-fulfilled",
]);

const findingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  field: z.string().optional(),
});

/**
 * The shape of a saved preview, checked when a file is opened so that the
 * preview screen never meets a field it cannot show. It checks every field
 * the screen and the spreadsheet read, and lets other fields through.
 */
export const savedPreviewSchema = z.looseObject({
  formatVersion: z.literal(1),
  storeName: z.string(),
  platform: z.enum(PLATFORM_IDS),
  storeUrl: z.string(),
  window: z.object({ fromUtc: z.string(), toUtc: z.string() }),
  createdAtUtc: z.string(),
  documentKind: z.enum(DOCUMENT_KINDS),
  rows: z.array(
    z.object({
      order: orderSchema,
      document: documentSchema,
      findings: z.array(findingSchema),
      importable: z.boolean(),
      exclusion: exclusionSchema.nullable(),
    }),
  ),
  summary: z.looseObject({
    orders: z.number().int(),
    importable: z.number().int(),
    excluded: z.record(z.string(), z.number()),
    findings: z.record(z.string(), z.number()),
    totalsByCurrency: z.record(z.string(), z.number()),
  }),
});

import { z } from "zod";
import type { PlatformId } from "../../main/carts/cart-order.js";
import { credentialSetOf, platformFieldsOf } from "./platform-fields.js";
import {
  labelInSentence,
  storeAddressProblem,
} from "./store-address-check.js";

export type ConnectFormValues = {
  platform: PlatformId;
  storeUrl: string;
  credentialSetId: string;
  credentials: Record<string, string>;
};

export type StoredCredentials = {
  platform: PlatformId | null;
  fieldNames: string[];
};

const platformSchema = z.enum([
  "demo",
  "shopify",
  "woocommerce",
  "bigcommerce",
  "magento",
  "prestashop",
]);

/**
 * Builds the form schema. A credential field may stay empty only when the
 * keychain already stores it for the same platform, because an empty field
 * keeps the stored value.
 */
export function connectFormSchema(stored: StoredCredentials) {
  return z
    .object({
      platform: platformSchema,
      storeUrl: z.string(),
      credentialSetId: z.string(),
      credentials: z.record(z.string(), z.string()),
    })
    .superRefine((values, context) => {
      const fields = platformFieldsOf(values.platform);

      if (fields.storeAddress) {
        const problem = storeAddressProblem(
          values.storeUrl,
          fields.storeAddress.label,
        );
        if (problem) {
          context.addIssue({
            code: "custom",
            path: ["storeUrl"],
            message: problem,
          });
        }
      }

      const credentialSet = credentialSetOf(
        values.platform,
        values.credentialSetId,
      );
      const storedHere =
        stored.platform === values.platform ? stored.fieldNames : [];
      for (const field of credentialSet?.fields ?? []) {
        const value = values.credentials[field.name]?.trim() ?? "";
        if (value === "" && !storedHere.includes(field.name)) {
          context.addIssue({
            code: "custom",
            path: ["credentials", field.name],
            message: `Enter the ${labelInSentence(field.label)}.`,
          });
        }
      }
    });
}

/**
 * Builds the connect:save request: the address (empty for the demo store) and
 * the fields of the chosen credential set, trimmed. An empty value is sent as
 * empty so that the main process keeps the stored one.
 */
export function connectSaveRequestOf(values: ConnectFormValues): {
  platform: PlatformId;
  storeUrl: string;
  credentials: Record<string, string>;
} {
  const fields = platformFieldsOf(values.platform);
  const credentialSet = credentialSetOf(
    values.platform,
    values.credentialSetId,
  );
  const credentials: Record<string, string> = {};
  for (const field of credentialSet?.fields ?? []) {
    credentials[field.name] = values.credentials[field.name]?.trim() ?? "";
  }
  return {
    platform: values.platform,
    storeUrl: fields.storeAddress ? values.storeUrl.trim() : "",
    credentials,
  };
}

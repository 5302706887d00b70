import { useState, type ChangeEvent } from "react";
import type { RequestOf } from "../../preload/contract.js";
import { FieldError } from "../components/field-error.js";

export type GuestPolicy = NonNullable<RequestOf<"dry-run:run">["guestPolicy"]>;

export type MappingChoiceValues = {
  guestPolicy: GuestPolicy;
  /** SKUs one per line, as typed or read from a file. */
  knownSkusText: string;
};

export const DEFAULT_MAPPING_CHOICES: MappingChoiceValues = {
  guestPolicy: "placeholder-customer",
  knownSkusText: "",
};

const GUEST_POLICY_LABELS: Record<GuestPolicy, string> = {
  "placeholder-customer": "Use one shared guest customer",
  "customer-per-order": "Make a customer per order",
  reject: "Hold the order back",
};

/** The limits of the dry-run:run request, checked here to name the fix. */
const MAX_KNOWN_SKUS = 200_000;
const MAX_SKU_LENGTH = 200;

/**
 * Parses the known SKUs, one per line, trimmed, without blank lines or
 * repeats. Returns a problem sentence instead when the list breaks a limit.
 */
export function parseKnownSkus(
  text: string,
): { skus: string[]; problem: null } | { skus: null; problem: string } {
  const skus = [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    ),
  ];
  if (skus.length > MAX_KNOWN_SKUS) {
    return {
      skus: null,
      problem: `The list has ${skus.length.toLocaleString("en-US")} SKUs, more than the maximum of ${MAX_KNOWN_SKUS.toLocaleString("en-US")}. Shorten the list.`,
    };
  }
  const tooLong = skus.find((sku) => sku.length > MAX_SKU_LENGTH);
  if (tooLong !== undefined) {
    return {
      skus: null,
      problem: `The SKU "${tooLong.slice(0, 40)}…" is longer than ${MAX_SKU_LENGTH} characters. Put one SKU on each line.`,
    };
  }
  return { skus, problem: null };
}

function readTextFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsText(file);
  });
}

type MappingChoicesProps = {
  values: MappingChoiceValues;
  disabled: boolean;
  /** The known SKUs' problem, found when the dry run was requested. */
  problem: string | null;
  onChange: (values: MappingChoiceValues) => void;
};

/**
 * Renders how the documents are made: the policy for guests and orders
 * without e-mail, and the order system's known SKUs.
 */
export function MappingChoices({
  values,
  disabled,
  problem,
  onChange,
}: MappingChoicesProps) {
  const [fileError, setFileError] = useState<string | null>(null);

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const text = await readTextFile(file);
      setFileError(null);
      onChange({ ...values, knownSkusText: text });
    } catch {
      setFileError(
        `The file ${file.name} could not be read. Choose a plain text file with one SKU on each line.`,
      );
    }
  }

  return (
    <>
      <div className="field">
        <label htmlFor="dry-run-guest-policy">
          Guests and orders without e-mail
        </label>
        <select
          id="dry-run-guest-policy"
          disabled={disabled}
          value={values.guestPolicy}
          aria-describedby="dry-run-mapping-hint"
          onChange={(event) =>
            onChange({
              ...values,
              guestPolicy: event.target.value as GuestPolicy,
            })
          }
        >
          {Object.entries(GUEST_POLICY_LABELS).map(([policy, label]) => (
            <option key={policy} value={policy}>
              {label}
            </option>
          ))}
        </select>
      </div>

      <div className="field">
        <label htmlFor="dry-run-known-skus">Known SKUs (optional)</label>
        <textarea
          id="dry-run-known-skus"
          rows={4}
          spellCheck={false}
          disabled={disabled}
          value={values.knownSkusText}
          aria-invalid={problem ? true : undefined}
          aria-describedby="dry-run-mapping-hint"
          onChange={(event) =>
            onChange({ ...values, knownSkusText: event.target.value })
          }
        />
        <label htmlFor="dry-run-known-skus-file">
          Or read the SKUs from a text file
        </label>
        <input
          id="dry-run-known-skus-file"
          type="file"
          accept=".txt,text/plain"
          disabled={disabled}
          onChange={(event) => void readFile(event)}
        />
        <p className="hint" id="dry-run-mapping-hint">
          One SKU on each line, as the order system knows its items. With a
          list, every line with another SKU gets an &quot;unknown SKU&quot;
          finding. Left empty, the list of an earlier dry run, if any, stays in
          use. Auto Sync uses the same guest choice and SKU list as this dry
          run.
        </p>
        <FieldError message={fileError ?? problem ?? undefined} />
      </div>
    </>
  );
}

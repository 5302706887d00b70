import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { DocumentKind } from "../../main/mapping/sales-document.js";
import type { GoLiveSettings, RequestOf } from "../../preload/contract.js";
import { FieldError } from "../components/field-error.js";
import { ZonedInstantPreview } from "../components/zoned-instant-preview.js";
import { DOCUMENT_KIND_LABELS } from "../format/labels.js";
import {
  resolveWallClock,
  toDateTimeLocalValue,
} from "../format/zoned-time.js";

type GoLiveFormValues = {
  documentKind: DocumentKind;
  includePartiallyFulfilled: boolean;
  includeFulfilled: boolean;
  includeTest: boolean;
  intervalMinutes: number;
  importFromWallClock: string;
};

export type GoLiveRequest = RequestOf<"go-live:save">;

const DEFAULT_INTERVAL_MINUTES = 15;
const DOCUMENT_KINDS: DocumentKind[] = [
  "sales-order",
  "cash-sale",
  "sales-invoice",
];

function goLiveSchema(timeZone: string) {
  return z
    .object({
      documentKind: z.enum(["sales-order", "cash-sale", "sales-invoice"]),
      includePartiallyFulfilled: z.boolean(),
      includeFulfilled: z.boolean(),
      includeTest: z.boolean(),
      intervalMinutes: z.number(),
      importFromWallClock: z.string(),
    })
    .superRefine((values, context) => {
      const minutes = values.intervalMinutes;
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
        context.addIssue({
          code: "custom",
          path: ["intervalMinutes"],
          message: "Enter a whole number of minutes from 1 to 1440.",
        });
      }
      if (!resolveWallClock(values.importFromWallClock, timeZone)) {
        context.addIssue({
          code: "custom",
          path: ["importFromWallClock"],
          message: "Enter the date and time to import orders from.",
        });
      }
    });
}

function defaultValuesOf(
  saved: GoLiveSettings | null,
  cutoffUtc: string,
  timeZone: string,
): GoLiveFormValues {
  return {
    documentKind: saved?.documentKind ?? "sales-order",
    includePartiallyFulfilled: saved?.filter.includePartiallyFulfilled ?? true,
    includeFulfilled: saved?.filter.includeFulfilled ?? false,
    includeTest: saved?.filter.includeTest ?? false,
    intervalMinutes: saved?.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES,
    importFromWallClock: toDateTimeLocalValue(
      saved?.importFromUtc ?? cutoffUtc,
      timeZone,
    ),
  };
}

function requestOf(values: GoLiveFormValues, timeZone: string): GoLiveRequest {
  const importFrom = resolveWallClock(values.importFromWallClock, timeZone);
  if (!importFrom) {
    throw new Error("Import Orders from was submitted without passing validation.");
  }
  return {
    documentKind: values.documentKind,
    importFromUtc: importFrom.utc,
    intervalMinutes: values.intervalMinutes,
    filter: {
      includePartiallyFulfilled: values.includePartiallyFulfilled,
      includeFulfilled: values.includeFulfilled,
      includeTest: values.includeTest,
    },
  };
}

type GoLiveFormProps = {
  saved: GoLiveSettings | null;
  cutoffUtc: string;
  timeZone: string;
  disabled: boolean;
  onSave: (request: GoLiveRequest) => void;
};

/**
 * Renders the Auto Sync settings: Import Orders As, the order filter, the
 * interval and Import Orders from.
 */
export function GoLiveForm({
  saved,
  cutoffUtc,
  timeZone,
  disabled,
  onSave,
}: GoLiveFormProps) {
  const resolver = useMemo(
    () => zodResolver(goLiveSchema(timeZone)),
    [timeZone],
  );
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<GoLiveFormValues>({
    resolver,
    defaultValues: defaultValuesOf(saved, cutoffUtc, timeZone),
  });

  return (
    <form
      className="go-live-form"
      noValidate
      onSubmit={handleSubmit((values) => onSave(requestOf(values, timeZone)))}
    >
      <fieldset className="field">
        <legend>Import Orders As</legend>
        {DOCUMENT_KINDS.map((kind) => (
          <label className="choice" key={kind}>
            <input
              type="radio"
              value={kind}
              disabled={disabled}
              {...register("documentKind")}
            />
            {DOCUMENT_KIND_LABELS[kind]}
          </label>
        ))}
        <p className="hint">
          Imported documents are always PENDING: a PENDING Cash Sale or Sales
          Invoice posts nothing and moves no stock until its status changes.
        </p>
      </fieldset>

      <fieldset className="field">
        <legend>Orders to import</legend>
        <p className="hint">Unfulfilled orders are always imported.</p>
        <label className="choice">
          <input
            type="checkbox"
            disabled={disabled}
            {...register("includePartiallyFulfilled")}
          />
          Include partially fulfilled orders
        </label>
        <label className="choice">
          <input
            type="checkbox"
            disabled={disabled}
            {...register("includeFulfilled")}
          />
          Include fulfilled orders
        </label>
        <label className="choice">
          <input
            type="checkbox"
            disabled={disabled}
            {...register("includeTest")}
          />
          Include test orders
        </label>
      </fieldset>

      <div className="field">
        <label htmlFor="go-live-interval">Sync interval (minutes)</label>
        <input
          id="go-live-interval"
          type="number"
          min={1}
          max={1440}
          step={1}
          disabled={disabled}
          aria-invalid={errors.intervalMinutes ? true : undefined}
          {...register("intervalMinutes", { valueAsNumber: true })}
        />
        <FieldError message={errors.intervalMinutes?.message} />
      </div>

      <div className="field">
        <label htmlFor="go-live-import-from">
          Import Orders from ({timeZone})
        </label>
        <input
          id="go-live-import-from"
          type="datetime-local"
          step={1}
          disabled={disabled}
          aria-invalid={errors.importFromWallClock ? true : undefined}
          aria-describedby="go-live-import-from-utc"
          {...register("importFromWallClock")}
        />
        <ZonedInstantPreview
          id="go-live-import-from-utc"
          wallClock={watch("importFromWallClock")}
          timeZone={timeZone}
        />
        <p className="hint">
          Defaults to the cut-off. Orders created before this instant are
          never imported.
        </p>
        <FieldError message={errors.importFromWallClock?.message} />
      </div>

      <button type="submit" disabled={disabled}>
        Save
      </button>
    </form>
  );
}

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { RequestOf } from "../../preload/contract.js";
import { FieldError } from "../components/field-error.js";
import { ZonedInstantPreview } from "../components/zoned-instant-preview.js";
import { resolveWallClock } from "../format/zoned-time.js";

type DryRunWindowValues = {
  mode: "recent" | "range";
  recentDays: number;
  fromWallClock: string;
  toWallClock: string;
};

export type DryRunRequest = RequestOf<"dry-run:run">;

const DEFAULT_VALUES: DryRunWindowValues = {
  mode: "recent",
  recentDays: 30,
  fromWallClock: "",
  toWallClock: "",
};

function windowSchema(timeZone: string) {
  return z
    .object({
      mode: z.enum(["recent", "range"]),
      recentDays: z.number(),
      fromWallClock: z.string(),
      toWallClock: z.string(),
    })
    .superRefine((values, context) => {
      const reject = (path: keyof DryRunWindowValues, message: string) =>
        context.addIssue({ code: "custom", path: [path], message });

      if (values.mode === "recent") {
        const days = values.recentDays;
        if (!Number.isInteger(days) || days < 1 || days > 3650) {
          reject("recentDays", "Enter a whole number of days from 1 to 3650.");
        }
        return;
      }

      const from = resolveWallClock(values.fromWallClock, timeZone);
      const to = resolveWallClock(values.toWallClock, timeZone);
      if (!from) reject("fromWallClock", "Enter the start of the range.");
      if (!to) reject("toWallClock", "Enter the end of the range.");
      if (from && to && Date.parse(from.utc) >= Date.parse(to.utc)) {
        reject("toWallClock", "The end of the range must be after its start.");
      }
    });
}

/**
 * Converts the form to a dry-run:run request, reading the range's times in the
 * store's zone.
 */
function requestOf(
  values: DryRunWindowValues,
  timeZone: string,
): DryRunRequest {
  if (values.mode === "recent") return { recentDays: values.recentDays };

  const from = resolveWallClock(values.fromWallClock, timeZone);
  const to = resolveWallClock(values.toWallClock, timeZone);
  if (!from || !to) {
    throw new Error("The range was submitted without passing validation.");
  }
  return { fromUtc: from.utc, toUtc: to.utc };
}

type DryRunWindowFormProps = {
  timeZone: string;
  disabled: boolean;
  onRun: (request: DryRunRequest) => void;
  /** More fields of the request, shown above the run button. */
  children?: ReactNode;
};

/**
 * Renders the choice of orders for the dry run: the last N days, or a range in
 * the store's zone.
 */
export function DryRunWindowForm({
  timeZone,
  disabled,
  onRun,
  children,
}: DryRunWindowFormProps) {
  const resolver = useMemo(
    () => zodResolver(windowSchema(timeZone)),
    [timeZone],
  );
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<DryRunWindowValues>({ resolver, defaultValues: DEFAULT_VALUES });
  const mode = watch("mode");

  return (
    <form
      className="dry-run-window"
      noValidate
      onSubmit={handleSubmit((values) => onRun(requestOf(values, timeZone)))}
    >
      <fieldset className="field">
        <legend>Orders to test</legend>
        <label className="choice">
          <input
            type="radio"
            value="recent"
            disabled={disabled}
            {...register("mode")}
          />
          Created in the last days
        </label>
        <label className="choice">
          <input
            type="radio"
            value="range"
            disabled={disabled}
            {...register("mode")}
          />
          Created in a date range
        </label>
      </fieldset>

      {mode === "recent" ? (
        <div className="field">
          <label htmlFor="dry-run-days">Number of days</label>
          <input
            id="dry-run-days"
            type="number"
            min={1}
            max={3650}
            step={1}
            disabled={disabled}
            aria-invalid={errors.recentDays ? true : undefined}
            {...register("recentDays", { valueAsNumber: true })}
          />
          <FieldError message={errors.recentDays?.message} />
        </div>
      ) : (
        <div className="field-row">
          <div className="field">
            <label htmlFor="dry-run-from">From ({timeZone})</label>
            <input
              id="dry-run-from"
              type="datetime-local"
              step={1}
              disabled={disabled}
              aria-invalid={errors.fromWallClock ? true : undefined}
              {...register("fromWallClock")}
            />
            <ZonedInstantPreview
              wallClock={watch("fromWallClock")}
              timeZone={timeZone}
            />
            <FieldError message={errors.fromWallClock?.message} />
          </div>
          <div className="field">
            <label htmlFor="dry-run-to">To, not included ({timeZone})</label>
            <input
              id="dry-run-to"
              type="datetime-local"
              step={1}
              disabled={disabled}
              aria-invalid={errors.toWallClock ? true : undefined}
              {...register("toWallClock")}
            />
            <ZonedInstantPreview
              wallClock={watch("toWallClock")}
              timeZone={timeZone}
            />
            <FieldError message={errors.toWallClock?.message} />
          </div>
        </div>
      )}

      {children}

      <button type="submit" disabled={disabled}>
        Run dry run
      </button>
    </form>
  );
}

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FieldError } from "../components/field-error.js";
import { ZonedInstantPreview } from "../components/zoned-instant-preview.js";
import {
  resolveWallClock,
  withoutFractionalSeconds,
} from "../format/zoned-time.js";
import { typedResolutionSentenceOf } from "./resolution-sentence.js";

type CutoffFormValues = { wallClock: string };

/**
 * Builds the cut-off schema. A cut-off in the future is rejected because the
 * export that follows must see every order placed before it.
 */
function cutoffSchema(timeZone: string) {
  return z.object({ wallClock: z.string() }).superRefine((values, context) => {
    const resolved = resolveWallClock(values.wallClock, timeZone);
    if (!resolved) {
      context.addIssue({
        code: "custom",
        path: ["wallClock"],
        message: "Enter the date and time of the cut-off.",
      });
      return;
    }
    if (Date.parse(resolved.utc) > Date.now()) {
      const shown = withoutFractionalSeconds(values.wallClock).replace("T", " ");
      context.addIssue({
        code: "custom",
        path: ["wallClock"],
        message:
          `The cut-off ${shown} in ${timeZone} is in the future. Choose a time ` +
          "that has already passed, because the export must include every " +
          "order placed before it.",
      });
    }
  });
}

type CutoffFormProps = {
  timeZone: string;
  initialWallClock: string;
  /**
   * The cut-off main stores now, or null. The step explains its own
   * daylight-saving resolution, so the form does not repeat it.
   */
  setCutoffUtc: string | null;
  disabled: boolean;
  onSet: (wallClock: string) => void;
};

/**
 * Returns the daylight-saving sentence for the typed time, or null when the
 * time is exact, incomplete, or the cut-off already set.
 */
function pendingResolutionSentence(
  wallClock: string,
  timeZone: string,
  setCutoffUtc: string | null,
): string | null {
  const resolved = resolveWallClock(wallClock, timeZone);
  if (!resolved) return null;
  if (setCutoffUtc && Date.parse(resolved.utc) === Date.parse(setCutoffUtc)) {
    return null;
  }
  return typedResolutionSentenceOf(wallClock, timeZone);
}

/**
 * Renders the cut-off input, read in the store's zone, with the UTC instant
 * beside it and, before Set, how a daylight-saving change resolves the time.
 */
export function CutoffForm({
  timeZone,
  initialWallClock,
  setCutoffUtc,
  disabled,
  onSet,
}: CutoffFormProps) {
  const resolver = useMemo(
    () => zodResolver(cutoffSchema(timeZone)),
    [timeZone],
  );
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<CutoffFormValues>({
    resolver,
    defaultValues: { wallClock: initialWallClock },
  });
  const errorMessage = errors.wallClock?.message;
  const wallClock = watch("wallClock");
  const resolutionSentence = pendingResolutionSentence(
    wallClock,
    timeZone,
    setCutoffUtc,
  );

  return (
    <form
      className="cutoff-form"
      noValidate
      onSubmit={handleSubmit((values) =>
        onSet(withoutFractionalSeconds(values.wallClock)),
      )}
    >
      <div className="field">
        <label htmlFor="cutoff-wall-clock">
          Cut-off, store time ({timeZone})
        </label>
        <input
          id="cutoff-wall-clock"
          type="datetime-local"
          step={1}
          disabled={disabled}
          aria-invalid={errorMessage ? true : undefined}
          aria-describedby={
            resolutionSentence ? "cutoff-utc cutoff-resolution" : "cutoff-utc"
          }
          {...register("wallClock")}
        />
        <ZonedInstantPreview
          id="cutoff-utc"
          wallClock={wallClock}
          timeZone={timeZone}
          showMachineZone
        />
        {resolutionSentence ? (
          <p id="cutoff-resolution" className="resolution-note">
            {resolutionSentence}
          </p>
        ) : null}
        <FieldError message={errorMessage} />
      </div>
      <button type="submit" disabled={disabled}>
        Set cut-off
      </button>
    </form>
  );
}

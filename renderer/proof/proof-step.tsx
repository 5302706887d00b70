import { useEffect, useState } from "react";
import type { ProofReport } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { ErrorAlert } from "../components/error-alert.js";
import { FieldError } from "../components/field-error.js";
import { errorMessageOf } from "../state/error-message.js";
import { useAction } from "../state/use-action.js";
import {
  DEFAULT_PROOF_HOURS,
  MAX_PROOF_HOURS,
  proofHoursProblemOf,
} from "./proof-hours.js";
import { ProofView } from "./proof-view.js";

/**
 * Renders the proof step: runs the cut-over proof and shows the newest one,
 * with the counts, the timeline and what to do about each problem order.
 */
export function ProofStep() {
  const [report, setReport] = useState<ProofReport | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [hoursText, setHoursText] = useState(String(DEFAULT_PROOF_HOURS));
  const proof = useAction();

  useEffect(() => {
    let active = true;
    getApi()
      .proofLatest({})
      .then((latest) => {
        if (active && latest) setReport((current) => current ?? latest);
      })
      .catch((error: unknown) => {
        if (active) setLoadError(errorMessageOf(error));
      });
    return () => {
      active = false;
    };
  }, []);

  const hours = Number(hoursText);
  const hoursProblem = proofHoursProblemOf(hoursText);
  const hoursValid = hoursProblem === null;

  async function runProof() {
    const result = await proof.run(() =>
      getApi().proofRun({ hoursAround: hours }),
    );
    if (result) setReport(result);
  }

  return (
    <section className="step" aria-labelledby="proof-heading">
      <h2 id="proof-heading">Proof</h2>
      <p className="hint">
        Reads every cart order created around the cut-off, with every status,
        and puts each into exactly one set: exported for the old system,
        imported by the sync, excluded on purpose, or missing. An order found
        in two sets is doubled. Run it after the first imports.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (hoursValid) void runProof();
        }}
      >
        <label htmlFor="proof-hours">Hours before and after the cut-off</label>
        <input
          id="proof-hours"
          type="number"
          min={1}
          max={MAX_PROOF_HOURS}
          step={1}
          value={hoursText}
          aria-invalid={!hoursValid}
          aria-describedby={hoursValid ? undefined : "proof-hours-error"}
          onChange={(event) => setHoursText(event.target.value)}
        />
        <FieldError
          id="proof-hours-error"
          message={hoursProblem ?? undefined}
        />
        <button type="submit" disabled={proof.pending || !hoursValid}>
          {proof.pending ? "Running the proof…" : "Run the proof"}
        </button>
      </form>
      <ErrorAlert message={proof.errorMessage ?? loadError} />
      {report ? (
        <ProofView report={report} />
      ) : (
        <p>No proof has been run yet.</p>
      )}
    </section>
  );
}

import { useState, type FormEvent } from "react";
import type { DestinationState, RequestOf } from "../../preload/contract.js";
import { FieldError } from "../components/field-error.js";
import { intakeEndpointProblem } from "./intake-endpoint-check.js";

export type DestinationRequest = RequestOf<"destination:save">;

type DestinationFormProps = {
  destination: DestinationState;
  isRunning: boolean;
  pending: boolean;
  onSave: (request: DestinationRequest) => void;
};

/**
 * Renders "Where orders go": the local order book, or an HTTP order intake
 * with its endpoint and access token. The token is never shown again, and a
 * stored token is kept when the field is left empty.
 */
export function DestinationForm({
  destination,
  isRunning,
  pending,
  onSave,
}: DestinationFormProps) {
  const savedIntake = destination.kind === "http-intake" ? destination : null;
  const [kind, setKind] = useState<DestinationState["kind"]>(destination.kind);
  const [endpointUrl, setEndpointUrl] = useState(
    savedIntake?.endpointUrl ?? "",
  );
  const [accessToken, setAccessToken] = useState("");
  const [endpointError, setEndpointError] = useState<string | null>(null);

  const disabled = isRunning || pending;
  const hasStoredToken = savedIntake?.hasAccessToken ?? false;

  function saveIntake(token: string | null) {
    const problem = intakeEndpointProblem(endpointUrl);
    setEndpointError(problem);
    if (problem) return;
    onSave({
      kind: "http-intake",
      endpointUrl: endpointUrl.trim(),
      accessToken: token,
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (kind === "order-book") {
      setEndpointError(null);
      onSave({ kind: "order-book" });
      return;
    }
    saveIntake(accessToken);
  }

  return (
    <form className="destination-form" noValidate onSubmit={submit}>
      <fieldset className="field">
        <legend>Where orders go</legend>
        <label className="choice">
          <input
            type="radio"
            name="destination-kind"
            value="order-book"
            checked={kind === "order-book"}
            disabled={disabled}
            onChange={() => setKind("order-book")}
          />
          Local order book
        </label>
        <label className="choice">
          <input
            type="radio"
            name="destination-kind"
            value="http-intake"
            checked={kind === "http-intake"}
            disabled={disabled}
            onChange={() => setKind("http-intake")}
          />
          HTTP order intake
        </label>
        <p className="hint">
          The order book keeps the documents in the app&apos;s data folder. The
          HTTP order intake receives each document as JSON in a POST, with an
          idempotency key, so a repeated delivery never makes a second document.
        </p>
      </fieldset>

      {kind === "http-intake" ? (
        <>
          <div className="field">
            <label htmlFor="destination-endpoint">Intake endpoint</label>
            <input
              id="destination-endpoint"
              type="url"
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
              value={endpointUrl}
              aria-invalid={endpointError ? true : undefined}
              aria-describedby="destination-endpoint-hint"
              onChange={(event) => setEndpointUrl(event.target.value)}
            />
            <p className="hint" id="destination-endpoint-hint">
              Starts with https://. Plain http:// works only for a receiver on
              this computer (localhost or 127.0.0.1).
            </p>
            <FieldError message={endpointError ?? undefined} />
          </div>

          <div className="field">
            <label htmlFor="destination-token">Access token</label>
            <input
              id="destination-token"
              type="password"
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
              value={accessToken}
              placeholder={hasStoredToken ? "stored in the keychain" : ""}
              aria-describedby="destination-token-hint"
              onChange={(event) => setAccessToken(event.target.value)}
            />
            <p className="hint" id="destination-token-hint">
              {hasStoredToken
                ? "Stored in the keychain. Leave it empty to keep it. "
                : "Optional. "}
              Sent as a Bearer token with each document.
            </p>
            {hasStoredToken ? (
              <button
                type="button"
                disabled={disabled}
                onClick={() => saveIntake(null)}
              >
                Remove token
              </button>
            ) : null}
          </div>
        </>
      ) : null}

      <button type="submit" disabled={disabled}>
        Save destination
      </button>
      {isRunning ? (
        <p className="hint">
          Auto Sync is Running. Stop it on the Monitor step before you change
          where orders go.
        </p>
      ) : null}
    </form>
  );
}

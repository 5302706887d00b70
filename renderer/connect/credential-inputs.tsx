import { FieldError } from "../components/field-error.js";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import type { ConnectFormValues } from "./connect-form-schema.js";
import type { CredentialField } from "./platform-fields.js";

type CredentialInputsProps = {
  fields: CredentialField[];
  /** Names of the fields the keychain stores for the platform on screen. */
  storedFieldNames: string[];
  register: UseFormRegister<ConnectFormValues>;
  errors: FieldErrors<ConnectFormValues>;
  disabled: boolean;
};

/**
 * Renders the credential inputs of one set. A stored value is never sent to
 * the renderer, so a stored field is shown empty and keeps its value unless
 * the user types a new one.
 */
export function CredentialInputs({
  fields,
  storedFieldNames,
  register,
  errors,
  disabled,
}: CredentialInputsProps) {
  return (
    <>
      {fields.map((field) => {
        const inputId = `credential-${field.name}`;
        const hintId = `${inputId}-hint`;
        const errorId = `${inputId}-error`;
        const isStored = storedFieldNames.includes(field.name);
        const errorMessage = errors.credentials?.[field.name]?.message;

        return (
          <div className="field" key={field.name}>
            <label htmlFor={inputId}>{field.label}</label>
            <input
              id={inputId}
              type={field.secret ? "password" : "text"}
              autoComplete="off"
              spellCheck={false}
              placeholder={isStored ? "stored in the keychain" : ""}
              aria-invalid={errorMessage ? true : undefined}
              aria-describedby={errorMessage ? `${hintId} ${errorId}` : hintId}
              disabled={disabled}
              {...register(`credentials.${field.name}`)}
            />
            <p className="hint" id={hintId}>
              {isStored
                ? "Stored in the keychain. Leave it empty to keep it. "
                : ""}
              {field.hint}
            </p>
            <FieldError id={errorId} message={errorMessage} />
          </div>
        );
      })}
    </>
  );
}

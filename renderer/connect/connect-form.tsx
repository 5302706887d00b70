import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef } from "react";
import { useForm } from "react-hook-form";
import { FieldError } from "../components/field-error.js";
import type { StoreSettings } from "../../preload/contract.js";
import {
  connectFormSchema,
  type ConnectFormValues,
} from "./connect-form-schema.js";
import { CredentialInputs } from "./credential-inputs.js";
import {
  credentialSetOf,
  initialCredentialSetId,
  PLATFORM_FIELDS,
  platformFieldsOf,
} from "./platform-fields.js";

type ConnectFormProps = {
  store: StoreSettings | null;
  keychainAvailable: boolean;
  keychainMessage: string | null;
  pending: boolean;
  onSubmit: (values: ConnectFormValues) => void;
};

function defaultValuesOf(store: StoreSettings | null): ConnectFormValues {
  const platform = store?.platform ?? "demo";
  return {
    platform,
    storeUrl: store?.storeUrl ?? "",
    credentialSetId: initialCredentialSetId(
      platform,
      store?.storedCredentialFields ?? [],
    ),
    credentials: {},
  };
}

/**
 * Renders the platform, address and credentials form. On a fresh start the demo
 * store is selected.
 */
export function ConnectForm({
  store,
  keychainAvailable,
  keychainMessage,
  pending,
  onSubmit,
}: ConnectFormProps) {
  const resolver = useMemo(
    () =>
      zodResolver(
        connectFormSchema({
          platform: store?.platform ?? null,
          fieldNames: store?.storedCredentialFields ?? [],
        }),
      ),
    [store],
  );
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    formState: { errors },
  } = useForm<ConnectFormValues>({
    resolver,
    defaultValues: defaultValuesOf(store),
  });

  const platform = watch("platform");
  const credentialSetId = watch("credentialSetId");
  const fields = platformFieldsOf(platform);
  const credentialSet = credentialSetOf(platform, credentialSetId);
  const storedFieldNames =
    store?.platform === platform ? store.storedCredentialFields : [];

  // Typed values belong to one platform, so a change of platform clears them.
  const shownPlatform = useRef(platform);
  useEffect(() => {
    if (shownPlatform.current === platform) return;
    shownPlatform.current = platform;
    setValue("credentials", {});
    setValue(
      "credentialSetId",
      initialCredentialSetId(
        platform,
        store?.platform === platform ? store.storedCredentialFields : [],
      ),
    );
  }, [platform, store, setValue]);

  const needsKeychain = platform !== "demo";
  const saveDisabled = pending || (needsKeychain && !keychainAvailable);
  const storeUrlError = errors.storeUrl?.message;

  return (
    <form
      className="connect-form"
      noValidate
      onSubmit={handleSubmit((values) => onSubmit(values))}
    >
      <div className="field">
        <label htmlFor="connect-platform">Platform</label>
        <select
          id="connect-platform"
          disabled={pending}
          {...register("platform")}
        >
          {PLATFORM_FIELDS.map((entry) => (
            <option key={entry.platform} value={entry.platform}>
              {entry.label}
            </option>
          ))}
        </select>
        {platform === "demo" ? (
          <p className="hint">
            The demo store ships with the app and needs no account, so you can
            rehearse the whole cut-over first.
          </p>
        ) : null}
      </div>

      {fields.storeAddress ? (
        <div className="field">
          <label htmlFor="connect-store-url">{fields.storeAddress.label}</label>
          <input
            id="connect-store-url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={fields.storeAddress.placeholder}
            aria-invalid={storeUrlError ? true : undefined}
            aria-describedby={
              storeUrlError
                ? "connect-store-url-hint connect-store-url-error"
                : "connect-store-url-hint"
            }
            disabled={pending}
            {...register("storeUrl")}
          />
          <p className="hint" id="connect-store-url-hint">
            {fields.storeAddress.hint}
          </p>
          <FieldError id="connect-store-url-error" message={storeUrlError} />
        </div>
      ) : null}

      {fields.credentialSets.length > 1 ? (
        <fieldset className="field">
          <legend>Sign in with</legend>
          {fields.credentialSets.map((set) => (
            <label className="choice" key={set.id}>
              <input
                type="radio"
                value={set.id}
                disabled={pending}
                {...register("credentialSetId")}
              />
              {set.label}
            </label>
          ))}
        </fieldset>
      ) : null}

      {needsKeychain && !keychainAvailable ? (
        <p className="keychain-notice" role="note">
          {keychainMessage ??
            "The operating system's keychain is not available, so no credentials can be saved."}
        </p>
      ) : null}

      {credentialSet ? (
        <CredentialInputs
          fields={credentialSet.fields}
          storedFieldNames={storedFieldNames}
          register={register}
          errors={errors}
          disabled={pending || !keychainAvailable}
        />
      ) : null}

      <button type="submit" disabled={saveDisabled}>
        Save and test connection
      </button>
    </form>
  );
}

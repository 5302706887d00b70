import { useCallback, useState } from "react";
import { errorMessageOf } from "./error-message.js";

export type Action = {
  pending: boolean;
  errorMessage: string | null;
  /**
   * Runs a call and tracks pending and the error sentence. Resolves to
   * undefined when the call failed.
   */
  run: <T>(task: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
};

/** Tracks one kind of call a step makes, so that its error shows next to it. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [errorMessage, setErrorMessage] = useState<string | null>(null);

  const run = useCallback(async <T>(task: () => Promise<T>) => {
    setPending(true);
    setErrorMessage(null);
    try {
      return await task();
    } catch (error) {
      setErrorMessage(errorMessageOf(error));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setErrorMessage(null), []);

  return { pending, errorMessage, run, clearError };
}

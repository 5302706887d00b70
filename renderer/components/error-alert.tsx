/**
 * Renders a failed call's sentence in an alert region, or nothing when there is
 * none.
 */
export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="error-alert">
      {message}
    </p>
  );
}

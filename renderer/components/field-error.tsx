/** Renders a form field's validation message, or nothing when there is none. */
export function FieldError({
  id,
  message,
}: {
  id?: string;
  message: string | undefined;
}) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  );
}

/**
 * The form field a server error is about. Validation errors name the request part and the path
 * inside it (`body.email`, `body.grants.0.role`); a form shows the message next to the top-level
 * field, so `body.grants.0.role` belongs to "grants".
 */
export function formFieldOf(apiField: string | undefined): string | null {
  if (apiField === undefined) return null;
  const [part, field] = apiField.split(".");
  if (part !== "body" || field === undefined || field === "") return null;
  return field;
}

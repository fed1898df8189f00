/**
 * Where a settings editor shows the server's complaint. The server names the field as the request
 * part and the path inside it: `body.document.calendars.0.hours.mon.1` for a settings document,
 * `body.rules.2.patterns.accountId` for the intake rules; the editor's inputs know their own path
 * inside the document (`calendars.0.hours.mon.1`).
 */
import { ApiError } from "../api/client.ts";

/** `body.document.calendars.0.timezone` with prefix `body.document` → `calendars.0.timezone`. */
export function documentPathOf(apiField: string | undefined, prefix: string): string | null {
  if (apiField === undefined) return null;
  if (apiField === prefix) return "";
  if (!apiField.startsWith(`${prefix}.`)) return null;
  return apiField.slice(prefix.length + 1);
}

/** The joined path of an input: `pathOf("calendars", 0, "hours", "mon")` → `calendars.0.hours.mon`. */
export function pathOf(...parts: readonly (string | number)[]): string {
  return parts.join(".");
}

export interface FieldErrors {
  /** The message about exactly this path (a group: a list, a calendar's hours). */
  at: (path: string) => string | undefined;
  /** The message about this path or anything inside it (one input, a row of inputs). */
  within: (path: string) => string | undefined;
  /** Whether the server complained about a field at all. */
  any: boolean;
}

/** Every field the failure names, path → message; `errors` lists several, else `field` alone. */
export function documentErrorsOf(failure: Error | null, prefix: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!(failure instanceof ApiError)) return found;
  for (const item of failure.errors) {
    const path = documentPathOf(item.field, prefix);
    if (path !== null && !found.has(path)) found.set(path, item.reason);
  }
  const path = documentPathOf(failure.field, prefix);
  if (path !== null && !found.has(path)) found.set(path, withoutPath(failure.message, path));
  return found;
}

/**
 * A settings save names the path at the start of its message (`rules.3.id must be unique`) for
 * API callers; next to the input the path says nothing, so it is left out there.
 */
function withoutPath(message: string, path: string): string {
  return path !== "" && message.startsWith(`${path} `) ? message.slice(path.length + 1) : message;
}

export function fieldErrorsOf(failure: Error | null, prefix: string): FieldErrors {
  return fieldErrorsFrom(documentErrorsOf(failure, prefix));
}

/**
 * Field errors from problems that already name paths inside the document, as the routing rules'
 * check answers them (`{field: "rules.3.actions", reason}`); the first message per path wins.
 */
export function fieldErrorsOfProblems(
  problems: readonly { field: string; reason: string }[],
): FieldErrors {
  const found = new Map<string, string>();
  for (const problem of problems) {
    if (!found.has(problem.field)) found.set(problem.field, problem.reason);
  }
  return fieldErrorsFrom(found);
}

/** The first of several sources that has any error: a save's complaint before a check's. */
export function firstFieldErrors(...sources: readonly FieldErrors[]): FieldErrors {
  return sources.find((source) => source.any) ?? NO_FIELD_ERRORS;
}

function fieldErrorsFrom(found: ReadonlyMap<string, string>): FieldErrors {
  return {
    at: (path) => found.get(path),
    within: (path) => {
      for (const [errorPath, message] of found) {
        if (errorPath === path || errorPath.startsWith(`${path}.`)) return message;
      }
      return undefined;
    },
    any: found.size > 0,
  };
}

export const NO_FIELD_ERRORS: FieldErrors = fieldErrorsFrom(new Map());

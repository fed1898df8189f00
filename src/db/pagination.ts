import { AppError } from "../errors.js";

/**
 * Opaque keyset cursors: the sort key of the last row returned, as base64url JSON. Keyset
 * pagination stays fast at any depth and does not skip or repeat rows while new ones arrive.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<const T extends readonly ("string" | "number")[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends "string" ? string : number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === shape.length &&
    parsed.every((value, index) => typeof value === shape[index]);
  if (!valid) {
    throw new AppError("request.invalid_cursor", {
      message: "cursor is not one this API returned",
      field: "querystring.cursor",
    });
  }
  return parsed as { [K in keyof T]: T[K] extends "string" ? string : number };
}

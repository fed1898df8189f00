import { createHash, randomBytes } from "node:crypto";

/**
 * Bearer secrets: `tls_` for browser sessions, `tlt_` for API tokens, followed by 32 random
 * bytes. Only their SHA-256 is stored, so a leaked database holds no usable credential; the
 * prefix tells which table to look in and lets secret scanners recognise leaked tokens.
 */
export const SESSION_PREFIX = "tls_";
export const API_TOKEN_PREFIX = "tlt_";

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Session lifetime: a working day with margin; a new login starts a new session. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = "throughline_session";

/** API tokens as the token settings page shows them. */
import type { ApiToken } from "../api/types.ts";

export type TokenState = "active" | "expired" | "revoked";

/** Revocation wins over expiry: a revoked token reads "revoked" even after it would have expired. */
export function tokenState(token: ApiToken, now: Date): TokenState {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return "expired";
  return "active";
}

export interface ExpiryChoice {
  /** Sent as `expiresInDays`; null creates a token that never expires. */
  days: number | null;
  label: string;
}

export const TOKEN_EXPIRY_CHOICES: readonly ExpiryChoice[] = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: null, label: "Never" },
];

export const DEFAULT_TOKEN_EXPIRY_DAYS = 90;

/** The select's value ("30", "never") back to days; anything unknown is the default. */
export function parseExpiryChoice(value: string): number | null {
  if (value === "never") return null;
  const days = Number(value);
  return TOKEN_EXPIRY_CHOICES.some((choice) => choice.days === days)
    ? days
    : DEFAULT_TOKEN_EXPIRY_DAYS;
}

export function expiryChoiceValue(days: number | null): string {
  return days === null ? "never" : String(days);
}

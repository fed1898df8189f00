import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";
import { DEFAULT_REOPEN_WINDOW_DAYS } from "./case-lifecycle.js";

/**
 * The `case-rules` settings document: how long after its resolution a case may be reopened, and
 * how soon after a resolution a new case of the same customer and top-level category counts as
 * a recontact of it.
 */
export interface CaseRules {
  reopenWindowDays: number;
  recontactWindowDays: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RECONTACT_WINDOW_DAYS = 7;
/** The longest window either rule may have. */
export const MAX_WINDOW_DAYS = 365;

export function validateCaseRules(body: CaseRules): SettingsCheck<CaseRules> {
  for (const field of ["reopenWindowDays", "recontactWindowDays"] as const) {
    const days = body[field];
    if (!Number.isFinite(days) || days <= 0 || days > MAX_WINDOW_DAYS) {
      return {
        ok: false,
        field,
        reason: `must be a number of days above 0 and at most ${MAX_WINDOW_DAYS}`,
      };
    }
  }
  return { ok: true, body };
}

export const CASE_RULES_SETTINGS: SettingsDefinition<CaseRules> = {
  kind: "case-rules",
  defaults: () => ({
    reopenWindowDays: DEFAULT_REOPEN_WINDOW_DAYS,
    recontactWindowDays: DEFAULT_RECONTACT_WINDOW_DAYS,
  }),
  validate: validateCaseRules,
};

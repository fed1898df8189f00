import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { refreshRecontactFacts } from "../metrics/metric-facts.settings.js";
import type { StoredSettingsKind } from "../settings/settings.js";
import { loadSettings } from "../settings/settings.service.js";
import { relinkAllRecontacts } from "./case-links.derivation.js";
import { CASE_RULES_SETTINGS, type CaseRules, DAY_MS } from "./case-rules.js";

/** The case rules in force, with their windows in milliseconds. */
export async function loadCaseRules(
  db: Kysely<DB>,
): Promise<CaseRules & { reopenWindowMs: number; recontactWindowMs: number }> {
  const rules = (await loadSettings(db, CASE_RULES_SETTINGS)).body;
  return {
    ...rules,
    reopenWindowMs: rules.reopenWindowDays * DAY_MS,
    recontactWindowMs: rules.recontactWindowDays * DAY_MS,
  };
}

/**
 * Case rules: a new recontact window relinks every case's recontacts, and finds every case's
 * recontact for the metrics again, in the save's transaction, so nothing stays made with the old
 * window. (The reopen window applies to reopens from now on.)
 */
export const CASE_RULES_KIND: StoredSettingsKind<CaseRules> = {
  ...CASE_RULES_SETTINGS,
  afterSave: async (trx, saved, before) => {
    if (saved.body.recontactWindowDays === before.body.recontactWindowDays) return;
    const windowMs = saved.body.recontactWindowDays * DAY_MS;
    await relinkAllRecontacts(trx, windowMs);
    await refreshRecontactFacts(trx, windowMs, saved.createdAt);
  },
};

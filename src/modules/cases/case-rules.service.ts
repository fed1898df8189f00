import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { loadSettings } from "../settings/settings.service.js";
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

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { SettingsVersion, StoredSettingsKind } from "../settings/settings.js";
import { findLatestSettings } from "../settings/settings.repository.js";
import { loadSettings } from "../settings/settings.service.js";
import { findSlaSettingsTexts } from "./sla.repository.js";
import { recomputeOpenCaseClocks } from "./sla-derivation.js";
import {
  CALENDARS_SETTINGS,
  type CalendarsDocument,
  calendarReferences,
  SLA_POLICIES_SETTINGS,
  type SlaPoliciesDocument,
  type SlaSettings,
  toSlaSettings,
} from "./sla-settings.js";

/**
 * Parsed SLA settings by the text of the two documents: every write recomputes the clocks of the
 * cases it touched, and parsing calendars and policies each time would cost more than the write.
 * Keyed by content rather than version number, so stores sharing the process never mix.
 */
const parsedSettings = new Map<string, SlaSettings>();
const MAX_CACHED_SETTINGS = 16;

/** The calendars and SLA policies in force, parsed (one query; parsed once per version). */
export async function loadSlaSettings(db: Kysely<DB>): Promise<SlaSettings> {
  const texts = await findSlaSettingsTexts(db);
  const key = `${texts.calendars ?? ""}\u0000${texts.policies ?? ""}`;
  const cached = parsedSettings.get(key);
  if (cached) return cached;
  const calendars: CalendarsDocument =
    texts.calendars === undefined ? CALENDARS_SETTINGS.defaults() : JSON.parse(texts.calendars);
  const policies: SlaPoliciesDocument =
    texts.policies === undefined ? SLA_POLICIES_SETTINGS.defaults() : JSON.parse(texts.policies);
  const settings = toSlaSettings(calendars, policies);
  if (parsedSettings.size >= MAX_CACHED_SETTINGS) parsedSettings.clear();
  parsedSettings.set(key, settings);
  return settings;
}

/**
 * Refuses SLA policies that name a calendar the calendars in force do not have (400 naming the
 * field). Runs in the save's transaction, so a refusal writes nothing.
 */
export async function checkPolicyCalendars(
  db: Kysely<DB>,
  saved: SettingsVersion<SlaPoliciesDocument>,
): Promise<void> {
  const calendars = await loadSettings(db, CALENDARS_SETTINGS);
  const known = new Set(calendars.body.calendars.map((calendar) => calendar.id));
  for (const reference of calendarReferences(saved.body)) {
    if (!known.has(reference.calendarId)) {
      throw new AppError("request.invalid", {
        message: `${reference.owner} names calendar "${reference.calendarId}", which does not exist; add it under /api/v1/calendars first`,
        field: `body.document.${reference.field}`,
      });
    }
  }
}

/**
 * Refuses removing a calendar that an SLA policy or internal SLA still names (400 naming the
 * calendars list). Runs in the save's transaction.
 */
export async function checkCalendarsInUse(
  db: Kysely<DB>,
  saved: SettingsVersion<CalendarsDocument>,
): Promise<void> {
  const policies = await loadSettings(db, SLA_POLICIES_SETTINGS);
  const kept = new Set(saved.body.calendars.map((calendar) => calendar.id));
  // Escalation policies place their steps on calendars too. Read as stored (the escalations
  // module builds on this one, so it cannot be imported here).
  const escalations = await findLatestSettings<{
    policies?: { id: string; calendarId?: string }[];
  }>(db, "escalation-policies");
  const escalationReferences = (escalations?.body.policies ?? []).flatMap((policy, index) =>
    policy.calendarId === undefined
      ? []
      : [
          {
            calendarId: policy.calendarId,
            owner: `escalation policy "${policy.id}"`,
            field: `policies.${index}.calendarId`,
          },
        ],
  );
  for (const reference of [...calendarReferences(policies.body), ...escalationReferences]) {
    if (!kept.has(reference.calendarId)) {
      throw new AppError("request.invalid", {
        message: `calendar "${reference.calendarId}" is used by ${reference.owner} (${reference.field}); change the policy before removing the calendar`,
        field: "body.document.calendars",
      });
    }
  }
}

/**
 * Business calendars: a save may not drop a calendar in use, and recomputes the clocks of the
 * open cases whose policy (or internal SLA) uses a calendar it changed.
 */
export const CALENDARS_KIND: StoredSettingsKind<CalendarsDocument> = {
  ...CALENDARS_SETTINGS,
  afterSave: async (trx, saved, before) => {
    await checkCalendarsInUse(trx, saved);
    const policies = await loadSettings(trx, SLA_POLICIES_SETTINGS);
    await recomputeOpenCaseClocks(trx, saved.createdAt, {
      previous: toSlaSettings(before.body, policies.body),
    });
  },
};

/** SLA policies: calendars must exist; a save recomputes the clocks of the open cases it moves. */
export const SLA_POLICIES_KIND: StoredSettingsKind<SlaPoliciesDocument> = {
  ...SLA_POLICIES_SETTINGS,
  afterSave: async (trx, saved, before) => {
    await checkPolicyCalendars(trx, saved);
    const calendars = await loadSettings(trx, CALENDARS_SETTINGS);
    await recomputeOpenCaseClocks(trx, saved.createdAt, {
      previous: toSlaSettings(calendars.body, before.body),
    });
  },
};

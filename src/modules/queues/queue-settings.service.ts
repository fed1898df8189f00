import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { SettingsVersion, StoredSettingsKind } from "../settings/settings.js";
import { loadSettings } from "../settings/settings.service.js";
import { findTeamsByIds } from "../teams/team.repository.js";
import { QUEUE_SETTINGS, type QueueSettings } from "./queue-settings.js";

/** The queue settings in force (the defaults until an admin saves them). */
export async function loadQueueSettings(db: Kysely<DB>): Promise<QueueSettings> {
  return (await loadSettings(db, QUEUE_SETTINGS)).body;
}

/** Queue settings: a team named in `assignment.perTeam` must exist (400 naming it). */
export const QUEUE_SETTINGS_KIND: StoredSettingsKind<QueueSettings> = {
  ...QUEUE_SETTINGS,
  afterSave: (trx, saved) => requireQueueTeams(trx, saved),
};

async function requireQueueTeams(
  db: Kysely<DB>,
  saved: SettingsVersion<QueueSettings>,
): Promise<void> {
  const named = Object.keys(saved.body.assignment.perTeam ?? {});
  const known = new Set((await findTeamsByIds(db, named)).map((team) => team.id));
  const unknown = named.find((team) => !known.has(team));
  if (unknown !== undefined) {
    throw new AppError("request.invalid", {
      message: `team "${unknown}" does not exist`,
      field: `body.document.assignment.perTeam.${unknown}`,
    });
  }
}

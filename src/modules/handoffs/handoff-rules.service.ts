import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { getCase } from "../cases/case.repository.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import type { SettingsVersion, StoredSettingsKind } from "../settings/settings.js";
import { loadSettings } from "../settings/settings.service.js";
import { findTeamsByIds } from "../teams/team.repository.js";
import {
  checkHandoff,
  HANDOFF_TYPE_SETTINGS,
  type HandoffTypes,
  teamReferencesOf,
} from "./handoff-types.js";

/** Run with every save of the handoff types: each team a type names must exist (400 naming it). */
/** Handoff types: a save naming a team that does not exist is refused. */
export const HANDOFF_TYPES_KIND: StoredSettingsKind<HandoffTypes> = {
  ...HANDOFF_TYPE_SETTINGS,
  afterSave: (trx, saved) => requireHandoffTeams(trx, saved),
};

export async function requireHandoffTeams(
  db: Kysely<DB>,
  saved: SettingsVersion<HandoffTypes>,
): Promise<void> {
  const references = teamReferencesOf(saved.body);
  const known = new Set(
    (await findTeamsByIds(db, [...new Set(references.map((ref) => ref.team))])).map(
      (team) => team.id,
    ),
  );
  const unknown = references.find((ref) => !known.has(ref.team));
  if (unknown) {
    throw new AppError("request.invalid", {
      message: `team "${unknown.team}" does not exist`,
      field: `body.document.${unknown.field}`,
    });
  }
}

/**
 * Holds a handoff made through the API to the rules: it moves the case away from the team it is
 * in (400 naming `body.to` or `body.from`), and between teams that have handoff types it names
 * one and has every required checklist item done (422 `handoff.checklist_incomplete` listing
 * every problem). A handoff to a team that does not exist stays the recorder's 404.
 */
export async function enforceHandoff(db: Kysely<DB>, event: ThroughlineEvent): Promise<void> {
  if (event.type !== "case.handoff") return;
  const current = await getCase(db, event.case);
  if (current) {
    if (event.to === current.teamId) {
      throw new AppError("request.invalid", {
        message: `case "${event.case}" is with ${event.to} already: a handoff moves it to another team`,
        field: "body.to",
      });
    }
    if (event.from !== current.teamId) {
      throw new AppError("request.invalid", {
        message: `case "${event.case}" is with ${current.teamId}, not ${event.from}`,
        field: "body.from",
      });
    }
  }
  const types = (await loadSettings(db, HANDOFF_TYPE_SETTINGS)).body;
  const problems = checkHandoff(types, {
    from: event.from,
    to: event.to,
    type: typeof event.handoffType === "string" ? event.handoffType : undefined,
    checklist: event.checklist,
  });
  const first = problems[0];
  if (first === undefined) return;
  throw new AppError("handoff.checklist_incomplete", {
    message: `the handoff from ${event.from} to ${event.to} is incomplete: ${problems
      .map((problem) => `${problem.field} ${problem.reason}`)
      .join("; ")}`,
    field: `body.${first.field}`,
    errors: problems.map((problem) => ({ field: `body.${problem.field}`, reason: problem.reason })),
  });
}

import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import { type Actor, describeActor } from "../../access/actor.js";
import { isUniqueViolation } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { appendAudit } from "../audit/audit.service.js";
import type { SettingsDefinition, SettingsVersion } from "./settings.js";
import {
  findLatestSettings,
  insertSettingsVersion,
  listSettingsVersions,
} from "./settings.repository.js";

/** The document in force (the kind's defaults as version 0 when it was never saved); no access check. */
export async function loadSettings<T>(
  db: Kysely<DB>,
  definition: SettingsDefinition<T>,
): Promise<SettingsVersion<T>> {
  return (
    (await findLatestSettings<T>(db, definition.kind)) ?? {
      kind: definition.kind,
      version: 0,
      body: definition.defaults(),
      createdAt: 0,
      createdBy: "",
    }
  );
}

export async function readSettings<T>(
  db: Kysely<DB>,
  actor: Actor,
  definition: SettingsDefinition<T>,
): Promise<SettingsVersion<T>> {
  requirePermission(actor, "settings:read");
  return loadSettings(db, definition);
}

export async function readSettingsVersions<T>(
  db: Kysely<DB>,
  actor: Actor,
  definition: SettingsDefinition<T>,
): Promise<SettingsVersion<T>[]> {
  requirePermission(actor, "settings:read");
  return listSettingsVersions<T>(db, definition.kind);
}

export interface SaveSettingsOptions<T> {
  /** The version the editor started from; a save on top of a newer one is refused (409). */
  baseVersion?: number;
  now: Date;
  /**
   * Work that must happen with the save or not at all (an SLA recompute after a calendar edit),
   * run in the save's transaction after the new version is written.
   */
  afterSave?: (
    trx: Kysely<DB>,
    saved: SettingsVersion<T>,
    before: SettingsVersion<T>,
  ) => Promise<void>;
}

/**
 * Saves a document as a new version (never overwriting an old one), audited with the document
 * before and after. Problems name the field as `body.document.<path>`.
 */
export async function saveSettings<T>(
  db: Kysely<DB>,
  actor: Actor,
  definition: SettingsDefinition<T>,
  body: T,
  options: SaveSettingsOptions<T>,
): Promise<SettingsVersion<T>> {
  requirePermission(actor, "settings:write");
  const checked = definition.validate(body);
  if (!checked.ok) {
    throw new AppError("request.invalid", {
      message: `${checked.field} ${checked.reason}`,
      field: `body.document${checked.field === "" ? "" : `.${checked.field}`}`,
    });
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await loadSettings(trx, definition);
      if (options.baseVersion !== undefined && options.baseVersion !== before.version) {
        throw versionConflict(definition.kind, before.version);
      }
      const saved: SettingsVersion<T> = {
        kind: definition.kind,
        version: before.version + 1,
        body: checked.body,
        createdAt: options.now.getTime(),
        createdBy: describeActor(actor),
      };
      await insertSettingsVersion(trx, saved);
      await appendAudit(trx, {
        actor,
        action: "settings.update",
        targetKind: "settings",
        targetId: definition.kind,
        ...(before.version === 0 ? {} : { before: before.body }),
        after: saved.body,
        at: saved.createdAt,
      });
      await options.afterSave?.(trx, saved, before);
      return saved;
    });
  } catch (error) {
    // Two saves built on the same version: the second loses the race for the next number.
    if (isUniqueViolation(error)) throw versionConflict(definition.kind, null);
    throw error;
  }
}

function versionConflict(kind: string, current: number | null): AppError {
  return new AppError("settings.version_conflict", {
    message:
      current === null
        ? `the ${kind} settings were changed at the same time; load them again and save`
        : `the ${kind} settings are at version ${current} now; load them again and save`,
    field: "body.baseVersion",
  });
}

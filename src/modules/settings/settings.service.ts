import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import { type Actor, describeActor } from "../../access/actor.js";
import { isUniqueViolation } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { appendAudit } from "../audit/audit.service.js";
import type { SettingsDefinition, SettingsVersion, StoredSettingsKind } from "./settings.js";
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
   * Work for this save only, run in its transaction after the kind's own `afterSave` (a first
   * webhook save starts the delivery cursor). What every save of a kind needs belongs in the
   * kind's `afterSave` instead.
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
  definition: StoredSettingsKind<T>,
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
    // Inside a caller's transaction (the demo seeds settings with its events) the save joins it.
    const inTransaction = <R>(work: (trx: Kysely<DB>) => Promise<R>): Promise<R> =>
      db.isTransaction ? work(db) : db.transaction().execute(work);
    return await inTransaction(async (trx) => {
      const before = await loadSettings(trx, definition);
      if (options.baseVersion !== undefined && options.baseVersion !== before.version) {
        throw versionConflict(definition.kind, before.version);
      }
      const auditView = definition.auditView ?? ((document: T) => document);
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
        ...(before.version === 0 ? {} : { before: auditView(before.body) }),
        after: auditView(saved.body),
        at: saved.createdAt,
      });
      await definition.afterSave?.(trx, saved, before);
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

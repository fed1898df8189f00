import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { SettingsKind, SettingsVersion } from "./settings.js";
import { type SettingsVersionRow, withSettingsTables } from "./settings.table.js";

function toVersion<T>(row: SettingsVersionRow): SettingsVersion<T> {
  return {
    kind: row.kind as SettingsKind,
    version: row.version,
    body: JSON.parse(row.body) as T,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}

export async function findLatestSettings<T>(
  db: Kysely<DB>,
  kind: SettingsKind,
): Promise<SettingsVersion<T> | undefined> {
  const row = await withSettingsTables(db)
    .selectFrom("settings_versions")
    .selectAll()
    .where("kind", "=", kind)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && toVersion<T>(row);
}

/** The latest version number of every kind that was ever saved (one cheap query per request). */
export async function findLatestVersions(db: Kysely<DB>): Promise<Map<SettingsKind, number>> {
  const rows = await withSettingsTables(db)
    .selectFrom("settings_versions")
    .select(["kind", (eb) => eb.fn.max("version").as("version")])
    .groupBy("kind")
    .execute();
  return new Map(rows.map((row) => [row.kind as SettingsKind, Number(row.version)]));
}

/** Every saved version of a kind, newest first. */
export async function listSettingsVersions<T>(
  db: Kysely<DB>,
  kind: SettingsKind,
): Promise<SettingsVersion<T>[]> {
  const rows = await withSettingsTables(db)
    .selectFrom("settings_versions")
    .selectAll()
    .where("kind", "=", kind)
    .orderBy("version", "desc")
    .execute();
  return rows.map((row) => toVersion<T>(row));
}

/** Inserts a version; the primary key makes two concurrent saves of one version fail. */
export async function insertSettingsVersion<T>(
  db: Kysely<DB>,
  saved: SettingsVersion<T>,
): Promise<void> {
  await withSettingsTables(db)
    .insertInto("settings_versions")
    .values({
      kind: saved.kind,
      version: saved.version,
      body: JSON.stringify(saved.body),
      created_at: saved.createdAt,
      created_by: saved.createdBy,
    })
    .execute();
}

import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

export interface SettingsVersionTable {
  /** Which document: `calendars`, `sla-policies`, `taxonomy`, … (SETTINGS_KINDS). */
  kind: string;
  version: number;
  /** The whole document as JSON, exactly as validated. */
  body: string;
  created_at: number;
  /** The actor label (`user:<id>`, `system:<name>`). */
  created_by: string;
}
export type SettingsVersionRow = Selectable<SettingsVersionTable>;

export type SettingsTables = { settings_versions: SettingsVersionTable };

/** The store seen with the settings table. */
export function withSettingsTables(db: Kysely<DB>): Kysely<DB & SettingsTables> {
  return db.withTables<SettingsTables>();
}

import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

export interface IntakeRuleSetTable {
  version: number;
  /** The rules as JSON (an array of `IntakeRule`). */
  rules: string;
  created_at: number;
  /** The actor label (`user:<id>`, `system:<name>`). */
  created_by: string;
}
export type IntakeRuleSetRow = Selectable<IntakeRuleSetTable>;

export type IntakeTables = { intake_rule_sets: IntakeRuleSetTable };

/** The store seen with intake's table; `DB` (db/schema.ts) does not list it yet. */
export function withIntakeTables(db: Kysely<DB>): Kysely<DB & IntakeTables> {
  return db.withTables<IntakeTables>();
}

import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

export interface RetentionPolicyTable {
  /** `cases`, `events`, `survey_comments` or `audit`. */
  kind: string;
  /** `anonymise` or `purge`. */
  action: string;
  days: number;
  updated_at: number;
  /** The actor label (`user:<id>`, `system:<name>`). */
  updated_by: string;
}
export type RetentionPolicyRow = Selectable<RetentionPolicyTable>;

export interface LegalHoldTable {
  id: string;
  /** `customer` or `case`. */
  target_kind: string;
  target_id: string;
  reason: string;
  created_at: number;
  created_by: string;
  released_at: number | null;
  released_by: string | null;
}
export type LegalHoldRow = Selectable<LegalHoldTable>;

/** The column retention adds to the event log: when the event's personal fields were redacted. */
export interface EventRedactionColumns {
  redacted_at: number | null;
}

export type RetentionTables = {
  retention_policies: RetentionPolicyTable;
  legal_holds: LegalHoldTable;
  events: EventRedactionColumns;
};

/**
 * The store seen with retention's tables. `DB` (db/schema.ts) does not list them yet; this keeps
 * the same connection or transaction and only widens the types.
 */
export function withRetentionTables(db: Kysely<DB>): Kysely<DB & RetentionTables> {
  return db.withTables<RetentionTables>();
}

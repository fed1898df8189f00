import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

/** `case_id` is `kind` of `target_id` (case-links.ts), derived from the event log. */
export interface CaseLinkTable {
  case_id: string;
  /** recontact_of | child_of | duplicate_of | merged_into */
  kind: string;
  target_id: string;
  /** auto (recontact detection) | manual (a case.linked or case.merged_into event) */
  source: string;
  created_at: number;
}
export type CaseLinkRow = Selectable<CaseLinkTable>;

export type CaseLinkTables = { case_links: CaseLinkTable };

export function withCaseLinkTables(db: Kysely<DB>): Kysely<DB & CaseLinkTables> {
  return db.withTables<CaseLinkTables>();
}

import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

/** A saved scorecard; what it shows is one JSON document (`definition`). */
export interface ScorecardTable {
  id: string;
  name: string;
  description: string | null;
  /** JSON: {by, filter, metrics: [{metric, target, direction, amberWithin}]}. */
  definition: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}
export type ScorecardRow = Selectable<ScorecardTable>;

export type ScorecardTables = { scorecards: ScorecardTable };

export function withScorecardTables(db: Kysely<DB>): Kysely<DB & ScorecardTables> {
  return db.withTables<ScorecardTables>();
}

import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

/** One spell of a case with a team (handoffs/team-spells.ts), rebuilt from the case's history. */
export interface CaseTeamSpellTable {
  case_id: string;
  /** 0 for the team that opened the case, then one more per change of team. */
  seq: number;
  team_id: string;
  started_at: number;
  ended_at: number | null;
}
export type CaseTeamSpellRow = Selectable<CaseTeamSpellTable>;

export type TeamSpellTables = { case_team_spells: CaseTeamSpellTable };

export function withTeamSpellTables(db: Kysely<DB>): Kysely<DB & TeamSpellTables> {
  return db.withTables<TeamSpellTables>();
}

import type { Selectable } from "kysely";

export interface AgentTable {
  id: string;
  team_id: string;
  name: string;
  /** JSON array of skill names. */
  skills: string;
  created_at: number;
  updated_at: number;
}
export type AgentRow = Selectable<AgentTable>;

import type { Selectable } from "kysely";

export interface AgentTable {
  id: string;
  team_id: string;
  name: string;
  /** JSON array of skill names. */
  skills: string;
  /** JSON object skill → level. */
  skill_levels: string;
  /** JSON object channel → concurrent cases. */
  capacity: string;
  /** JSON `{timezone, hours}` or null. */
  shift: string | null;
  presence: string;
  presence_at: number;
  created_at: number;
  updated_at: number;
}
export type AgentRow = Selectable<AgentTable>;

import type { Selectable } from "kysely";

export interface TeamTable {
  id: string;
  name: string;
  hourly_cost: number | null;
  created_at: number;
  updated_at: number;
}
export type TeamRow = Selectable<TeamTable>;

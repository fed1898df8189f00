import type { Generated, Selectable } from "kysely";

export interface EventTable {
  seq: Generated<number>;
  id: string;
  type: string;
  at: number;
  case_id: string | null;
  customer_id: string | null;
  team_id: string | null;
  agent_id: string | null;
  /** The full event as received (unknown fields kept), JSON text. */
  data: string;
  recorded_at: number;
}
export type EventRow = Selectable<EventTable>;

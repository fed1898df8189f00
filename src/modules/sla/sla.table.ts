import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

/** One SLA clock of a case (the latest cycle for nextUpdate and internal); times in epoch ms. */
export interface SlaClockTable {
  case_id: string;
  /** firstResponse | nextUpdate | resolution | internal */
  clock: string;
  /** The SLA policy, or for `internal` the internal SLA, whose target this is. */
  policy_id: string;
  /** Internal clocks: the receiving team that owes the first action. */
  team_id: string | null;
  started_at: number;
  due_at: number;
  at_risk_at: number;
  stopped_at: number | null;
  /** running | paused | met | breached, as of `updated_at` (the timer marks breaches later). */
  state: string;
  at_risk_fired_at: number | null;
  breached_fired_at: number | null;
  updated_at: number;
}
export type SlaClockRow = Selectable<SlaClockTable>;

/** The events of a case's history that move its SLA clocks, kept with the clocks. */
export interface SlaHistoryTable {
  case_id: string;
  /** How `events` is encoded (sla.repository.ts, SLA_HISTORY_FORMAT); another format is unread. */
  format: number;
  /** JSON: `[[type, at, fields?], …]` in the order the clocks read them. */
  events: string;
}

export type SlaTables = { sla_clocks: SlaClockTable; sla_histories: SlaHistoryTable };

/** The store seen with the SLA table; `DB` (db/schema.ts) does not list it. */
export function withSlaTables(db: Kysely<DB>): Kysely<DB & SlaTables> {
  return db.withTables<SlaTables>();
}

import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

/**
 * One alert: the state the `alert.raised` and `alert.resolved` events of its id describe, plus
 * who acknowledged it. Written only by the alert projection (and the acknowledgement).
 */
export interface AlertTable {
  /** The id of its `alert.raised` event: `alert:<rule>:<slice>:<first bucket start>`. */
  id: string;
  rule_id: string;
  metric: string;
  /** `all` or a slice dimension. */
  dim: string;
  /** The slice value (`all` with dim `all`). */
  slice_key: string;
  /** hour | day */
  bucket: string;
  bucket_start: number;
  /** up | down */
  direction: string;
  /** info | warning | critical */
  severity: string;
  value: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  link: string;
  /** The `at` of the raising event. */
  raised_at: number;
  /** open | resolved */
  state: string;
  /** `<rule> <dim> <key>` while open, null once resolved; unique. */
  open_slot: string | null;
  resolved_at: number | null;
  /** recovered | rule_removed | superseded */
  resolve_reason: string | null;
  resolved_value: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}
export type AlertRow = Selectable<AlertTable>;

export type AlertTables = { alerts: AlertTable };

export function withAlertTables(db: Kysely<DB>): Kysely<DB & AlertTables> {
  return db.withTables<AlertTables>();
}

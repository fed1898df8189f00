import type { Generated, Selectable } from "kysely";

/** One hash-chained audit entry; see audit-chain.ts for what the hashes cover. */
export interface AuditLogTable {
  seq: Generated<number>;
  at: number;
  /** `user:<id>` or `system:<name>` (describeActor). */
  actor: string;
  action: string;
  target_kind: string;
  target_id: string | null;
  /** Canonical JSON text; NULL when absent or purged by retention. */
  before_data: string | null;
  after_data: string | null;
  payload_hash: string;
  prev_hash: string;
  hash: string;
}
export type AuditLogRow = Selectable<AuditLogTable>;

/** The single row (id = 1) holding the chain's last `seq` and `hash`. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The audit module's tables, for `db.withTables<AuditTables>()` (a type: withTables wants an index signature). */
export type AuditTables = {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
};

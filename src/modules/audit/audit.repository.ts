import type { ExpressionBuilder, Kysely } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { AuditEntry } from "./audit.js";
import type { AuditLogRow, AuditTables } from "./audit.table.js";
import type { ChainEntry } from "./audit-chain.js";

// The audit tables are typed here rather than in db/schema.ts's DB, so the rest of the app can
// only reach them through this module (and `withTables` is a no-op if DB ever lists them).
function auditDb(db: Kysely<DB>): Kysely<DB & AuditTables> {
  return db.withTables<AuditTables>();
}

function toAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    before: row.before_data === null ? null : (JSON.parse(row.before_data) as unknown),
    after: row.after_data === null ? null : (JSON.parse(row.after_data) as unknown),
    payloadHash: row.payload_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditHead {
  /** The last entry's seq (0 before the first). */
  seq: number;
  /** The last entry's hash (the genesis hash before the first). */
  hash: string;
}

function missingHead(): Error {
  return new Error("audit_head has no row: the audit store is damaged");
}

/**
 * Moves the head's `seq` on by `count` and returns the new seq with the hash it held. Being an
 * UPDATE, it takes the head row's write lock first thing, so concurrent appenders (in other
 * processes too) wait here until the holder commits, and then see its head.
 */
export async function reserveAuditSeqs(db: Kysely<DB>, count: number): Promise<AuditHead> {
  const head = await auditDb(db)
    .updateTable("audit_head")
    .set((eb) => ({ seq: eb("seq", "+", count) }))
    .where("id", "=", 1)
    .returning(["seq", "hash"])
    .executeTakeFirst();
  if (!head) throw missingHead();
  return head;
}

export async function setAuditHeadHash(db: Kysely<DB>, hash: string): Promise<void> {
  await auditDb(db).updateTable("audit_head").set({ hash }).where("id", "=", 1).execute();
}

export async function readAuditHead(db: Kysely<DB>): Promise<AuditHead> {
  const head = await auditDb(db)
    .selectFrom("audit_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirst();
  if (!head) throw missingHead();
  return head;
}

/** Inserts entries with their seq and hashes already computed. */
export async function insertAuditEntries(
  db: Kysely<DB>,
  entries: readonly ChainEntry[],
): Promise<void> {
  for (const chunk of inChunks(entries, rowsPerInsert(11))) {
    await auditDb(db)
      .insertInto("audit_log")
      .values(
        chunk.map((entry) => ({
          seq: entry.seq,
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          target_kind: entry.targetKind,
          target_id: entry.targetId,
          before_data: entry.beforeData,
          after_data: entry.afterData,
          payload_hash: entry.payloadHash,
          prev_hash: entry.prevHash,
          hash: entry.hash,
        })),
      )
      .execute();
  }
}

/** Up to `limit` entries after `afterSeq`, oldest first, payloads as stored: for verification. */
export async function listAuditChainPage(
  db: Kysely<DB>,
  afterSeq: number,
  limit: number,
): Promise<ChainEntry[]> {
  // Selected straight into the domain shape: this runs over every entry of a verification.
  return auditDb(db)
    .selectFrom("audit_log")
    .select([
      "seq",
      "at",
      "actor",
      "action",
      "target_kind as targetKind",
      "target_id as targetId",
      "before_data as beforeData",
      "after_data as afterData",
      "payload_hash as payloadHash",
      "prev_hash as prevHash",
      "hash",
    ])
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetKind?: string;
  targetId?: string;
  /** Keyset: entries before this seq (newest first). */
  beforeSeq?: number;
  limit: number;
}

/** Entries newest first. */
export async function listAuditEntries(db: Kysely<DB>, filter: AuditFilter): Promise<AuditEntry[]> {
  let query = auditDb(db).selectFrom("audit_log").selectAll();
  if (filter.actor !== undefined) query = query.where("actor", "=", filter.actor);
  if (filter.action !== undefined) query = query.where("action", "=", filter.action);
  if (filter.targetKind !== undefined) query = query.where("target_kind", "=", filter.targetKind);
  if (filter.targetId !== undefined) query = query.where("target_id", "=", filter.targetId);
  if (filter.beforeSeq !== undefined) query = query.where("seq", "<", filter.beforeSeq);
  const rows = await query.orderBy("seq", "desc").limit(filter.limit).execute();
  return rows.map(toAuditEntry);
}

export interface PayloadSelection {
  /** Entries recorded before this instant (epoch ms). */
  before: number;
  /** Entries about these targets keep their payload (legal hold), grouped by target kind. */
  exceptTargets?: ReadonlyMap<string, readonly string[]>;
}

function isSelectedPayload(selection: PayloadSelection) {
  return (eb: ExpressionBuilder<DB & AuditTables, "audit_log">) => {
    const conditions = [
      eb("at", "<", selection.before),
      eb.or([eb("before_data", "is not", null), eb("after_data", "is not", null)]),
    ];
    for (const [targetKind, targetIds] of selection.exceptTargets ?? []) {
      for (const chunk of inChunks(targetIds, IDS_PER_LOOKUP)) {
        conditions.push(
          eb.not(
            eb.and([
              eb("target_kind", "=", targetKind),
              eb("target_id", "is not", null),
              eb("target_id", "in", chunk),
            ]),
          ),
        );
      }
    }
    return eb.and(conditions);
  };
}

/** How many entries `clearAuditPayloads` would clear. */
export async function countAuditPayloads(
  db: Kysely<DB>,
  selection: PayloadSelection,
): Promise<number> {
  const row = await auditDb(db)
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where(isSelectedPayload(selection))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Sets `before_data` and `after_data` to NULL on the selected entries: the one update the
 * audit_log triggers allow. The chain covers `payload_hash`, not the payload, so it still verifies.
 */
export async function clearAuditPayloads(
  db: Kysely<DB>,
  selection: PayloadSelection,
): Promise<number> {
  const result = await auditDb(db)
    .updateTable("audit_log")
    .set({ before_data: null, after_data: null })
    .where(isSelectedPayload(selection))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

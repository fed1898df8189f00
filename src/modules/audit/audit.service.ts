import type { Kysely } from "kysely";
import { type Actor, describeActor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import type { AuditEntry } from "./audit.js";
import {
  clearAuditPayloads,
  countAuditPayloads,
  insertAuditEntries,
  listAuditChainPage,
  listAuditEntries,
  type PayloadSelection,
  readAuditHead,
  reserveAuditSeqs,
  setAuditHeadHash,
} from "./audit.repository.js";
import {
  type ChainBreak,
  type ChainEntry,
  createChainVerifier,
  GENESIS_HASH,
  hashEntry,
  hashStoredPayload,
  serializePayload,
} from "./audit-chain.js";

/** One write to record: who did what to which record, and the record before and after. */
export interface AuditInput {
  actor: Actor;
  /** `<kind>.<verb>`: `case.create`, `user.create`, `token.revoke`, `retention.purge` … */
  action: string;
  targetKind: string;
  targetId: string | null;
  /** The record before the write (omit for a creation); stored as canonical JSON. */
  before?: unknown;
  /** The record after the write (omit for a deletion); stored as canonical JSON. */
  after?: unknown;
  /** Epoch milliseconds; default now. */
  at?: number;
}

/**
 * Appends one entry to the audit trail and returns it. Given a transaction, it runs inside it,
 * so the entry commits or rolls back with the write it records; given the database, it opens
 * its own. Appenders queue on the `audit_head` row from their first statement here until their
 * transaction ends, so keep the call near the end of a transaction.
 */
export async function appendAudit(db: Kysely<DB>, input: AuditInput): Promise<AuditEntry> {
  const [entry] = await appendAuditBatch(db, [input]);
  if (!entry) throw new Error("appendAuditBatch returned no entry for one input");
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    before: entry.beforeData === null ? null : (JSON.parse(entry.beforeData) as unknown),
    after: entry.afterData === null ? null : (JSON.parse(entry.afterData) as unknown),
    payloadHash: entry.payloadHash,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/**
 * Appends entries in the given order, chained one to the next, with one head update: for bulk
 * work (imports, retention runs) that writes many records in one transaction. Returns the
 * entries as stored.
 */
export async function appendAuditBatch(
  db: Kysely<DB>,
  inputs: readonly AuditInput[],
): Promise<ChainEntry[]> {
  if (inputs.length === 0) return [];
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => appendAuditBatch(trx, inputs));
  }
  // Everything but the chaining is done before taking the head, which holds other appenders.
  const now = Date.now();
  const prepared = inputs.map((input) => {
    const at = input.at ?? now;
    // The hash covers `at` as written in JSON: only whole milliseconds read back as written.
    if (!Number.isSafeInteger(at)) {
      throw new TypeError(`an audit entry's at must be epoch milliseconds, got ${at}`);
    }
    const beforeData = serializePayload(input.before);
    const afterData = serializePayload(input.after);
    return {
      at,
      actor: describeActor(input.actor),
      action: input.action,
      targetKind: input.targetKind,
      targetId: input.targetId,
      beforeData,
      afterData,
      payloadHash: hashStoredPayload(beforeData, afterData),
    };
  });
  const head = await reserveAuditSeqs(db, prepared.length);
  let seq = head.seq - prepared.length;
  let prevHash = head.hash;
  const entries = prepared.map((fields): ChainEntry => {
    seq += 1;
    const hash = hashEntry(prevHash, { ...fields, seq });
    const entry = { ...fields, seq, prevHash, hash };
    prevHash = hash;
    return entry;
  });
  await insertAuditEntries(db, entries);
  await setAuditHeadHash(db, prevHash);
  return entries;
}

/** Why verification stopped: a break in the chain itself, or a chain that ends off the head. */
export type AuditBreak =
  | ChainBreak
  /** Entries were removed from the end: audit_head names a later seq. */
  | "chain ends before audit_head"
  /** Entries were added past the head without going through appendAudit. */
  | "entry not recorded in audit_head"
  /** The last entry was replaced: its hash is not the one audit_head recorded. */
  | "hash does not match audit_head";

export type AuditVerification =
  | {
      valid: true;
      entries: number;
      /**
       * The last entry's hash (the genesis hash when empty). Kept somewhere else, it lets a later
       * verification prove the chain still passes through it, which no in-database check can
       * prove against someone able to rewrite the whole table.
       */
      lastHash: string;
    }
  | { valid: false; entries: number; brokenAt: { seq: number; reason: AuditBreak } };

export const AUDIT_VERIFY_PAGE_SIZE = 10_000;

/**
 * Walks the whole chain in `seq` order, a keyset page at a time, and checks it ends where
 * `audit_head` says. Returns the count, or the first broken entry and how many passed before it.
 * Entries appended while it runs are verified too.
 */
export async function verifyAudit(
  db: Kysely<DB>,
  onProgress?: (checked: number, total: number) => void,
  pageSize = AUDIT_VERIFY_PAGE_SIZE,
): Promise<AuditVerification> {
  const verifier = createChainVerifier();
  const broken = (seq: number, reason: AuditBreak): AuditVerification => ({
    valid: false,
    entries: verifier.checked,
    brokenAt: { seq, reason },
  });
  let total = (await readAuditHead(db)).seq;
  let afterSeq = 0;
  for (;;) {
    const page = await listAuditChainPage(db, afterSeq, pageSize);
    for (const entry of page) {
      const step = verifier.next(entry);
      if (!step.ok) return broken(step.seq, step.reason);
      afterSeq = entry.seq;
    }
    total = Math.max(total, verifier.checked);
    onProgress?.(verifier.checked, total);
    if (page.length === pageSize) continue;

    // Appends update the head in the same transaction as their entries, so a head read after
    // the last page is never behind the entries that page saw.
    const head = await readAuditHead(db);
    const tail = verifier.last ?? { seq: 0, hash: GENESIS_HASH };
    if (head.seq > tail.seq) {
      const appendedMeanwhile = (await listAuditChainPage(db, afterSeq, 1)).length > 0;
      if (appendedMeanwhile) {
        total = head.seq;
        continue;
      }
      return broken(tail.seq + 1, "chain ends before audit_head");
    }
    if (head.seq < tail.seq) return broken(head.seq + 1, "entry not recorded in audit_head");
    if (head.hash !== tail.hash) return broken(tail.seq, "hash does not match audit_head");
    return { valid: true, entries: verifier.checked, lastHash: tail.hash };
  }
}

export interface AuditPageQuery {
  actor?: string;
  action?: string;
  targetKind?: string;
  targetId?: string;
  limit: number;
  cursor?: string;
}

/** A page of the audit trail, newest first, with the cursor of the next page. */
export async function listAudit(
  db: Kysely<DB>,
  query: AuditPageQuery,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const beforeSeq =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ["number"])[0];
  const entries = await listAuditEntries(db, {
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.targetKind === undefined ? {} : { targetKind: query.targetKind }),
    ...(query.targetId === undefined ? {} : { targetId: query.targetId }),
    ...(beforeSeq === undefined ? {} : { beforeSeq }),
    limit: query.limit + 1,
  });
  const items = entries.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: entries.length > query.limit && last ? encodeCursor([last.seq]) : null,
  };
}

/**
 * Retention's way to forget audit payloads: clears `before` and `after` of the entries recorded
 * before `selection.before`, except those about held targets, and returns how many it cleared
 * (or, with `dryRun`, would clear). The chain still verifies afterwards.
 */
export async function purgeAuditPayloads(
  db: Kysely<DB>,
  selection: PayloadSelection & { dryRun?: boolean },
): Promise<number> {
  return selection.dryRun ? countAuditPayloads(db, selection) : clearAuditPayloads(db, selection);
}

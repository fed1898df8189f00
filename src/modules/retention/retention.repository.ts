import type { Kysely } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import type { DB } from "../../db/schema.js";
import { FINISHED_CASE_STATUSES } from "../cases/case-lifecycle.js";
import {
  type HoldTargetKind,
  type LegalHold,
  REDACTED,
  type RetentionAction,
  type RetentionKind,
  type RetentionPolicy,
} from "./retention.js";
import type { LegalHoldRow, RetentionPolicyRow } from "./retention.table.js";
import { withRetentionTables } from "./retention.table.js";
import type { CaseRecord, CustomerRecord, EventCandidate, EventRecord } from "./retention-plan.js";

function toPolicy(row: RetentionPolicyRow): RetentionPolicy {
  return {
    kind: row.kind as RetentionKind,
    action: row.action as RetentionAction,
    days: row.days,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function toHold(row: LegalHoldRow): LegalHold {
  return {
    id: row.id,
    targetKind: row.target_kind as HoldTargetKind,
    targetId: row.target_id,
    reason: row.reason,
    createdAt: row.created_at,
    createdBy: row.created_by,
    releasedAt: row.released_at,
    releasedBy: row.released_by,
  };
}

// Policies

export async function listPolicyRows(db: Kysely<DB>): Promise<RetentionPolicy[]> {
  const rows = await withRetentionTables(db)
    .selectFrom("retention_policies")
    .selectAll()
    .orderBy("kind")
    .execute();
  return rows.map(toPolicy);
}

export async function findPolicy(
  db: Kysely<DB>,
  kind: RetentionKind,
): Promise<RetentionPolicy | undefined> {
  const row = await withRetentionTables(db)
    .selectFrom("retention_policies")
    .selectAll()
    .where("kind", "=", kind)
    .executeTakeFirst();
  return row && toPolicy(row);
}

export async function upsertPolicy(db: Kysely<DB>, policy: RetentionPolicy): Promise<void> {
  await withRetentionTables(db)
    .insertInto("retention_policies")
    .values({
      kind: policy.kind,
      action: policy.action,
      days: policy.days,
      updated_at: policy.updatedAt,
      updated_by: policy.updatedBy,
    })
    .onConflict((oc) =>
      oc.column("kind").doUpdateSet((eb) => ({
        action: eb.ref("excluded.action"),
        days: eb.ref("excluded.days"),
        updated_at: eb.ref("excluded.updated_at"),
        updated_by: eb.ref("excluded.updated_by"),
      })),
    )
    .execute();
}

export async function deletePolicyRow(db: Kysely<DB>, kind: RetentionKind): Promise<void> {
  await withRetentionTables(db).deleteFrom("retention_policies").where("kind", "=", kind).execute();
}

// Legal holds

export async function insertHold(db: Kysely<DB>, hold: LegalHold): Promise<void> {
  await withRetentionTables(db)
    .insertInto("legal_holds")
    .values({
      id: hold.id,
      target_kind: hold.targetKind,
      target_id: hold.targetId,
      reason: hold.reason,
      created_at: hold.createdAt,
      created_by: hold.createdBy,
      released_at: hold.releasedAt,
      released_by: hold.releasedBy,
    })
    .execute();
}

export async function findHold(db: Kysely<DB>, id: string): Promise<LegalHold | undefined> {
  const row = await withRetentionTables(db)
    .selectFrom("legal_holds")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toHold(row);
}

/** Holds newest first: all, or only those in force (`active: true`) or released (`false`). */
export async function listHoldRows(
  db: Kysely<DB>,
  filter: { active?: boolean },
): Promise<LegalHold[]> {
  let query = withRetentionTables(db).selectFrom("legal_holds").selectAll();
  if (filter.active !== undefined) {
    query = query.where("released_at", filter.active ? "is" : "is not", null);
  }
  const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").execute();
  return rows.map(toHold);
}

/** Marks the hold released unless it already is; returns whether this call released it. */
export async function markHoldReleased(
  db: Kysely<DB>,
  id: string,
  release: { at: number; by: string },
): Promise<boolean> {
  const result = await withRetentionTables(db)
    .updateTable("legal_holds")
    .set({ released_at: release.at, released_by: release.by })
    .where("id", "=", id)
    .where("released_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function customerExists(db: Kysely<DB>, id: string): Promise<boolean> {
  const row = await db.selectFrom("customers").select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

export async function caseExists(db: Kysely<DB>, id: string): Promise<boolean> {
  const row = await db.selectFrom("cases").select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

// Candidates

/** Customers, after `afterId` in id order, with a case resolved (or closed) before `cutoff`. */
export async function listCustomersWithCasesResolvedBefore(
  db: Kysely<DB>,
  cutoff: number,
  page: { afterId: string | null; limit: number },
): Promise<string[]> {
  let query = db
    .selectFrom("cases")
    .select("customer_id")
    .distinct()
    .where("status", "in", [...FINISHED_CASE_STATUSES])
    .where("resolved_at", "<", cutoff);
  if (page.afterId !== null) query = query.where("customer_id", ">", page.afterId);
  const rows = await query.orderBy("customer_id").limit(page.limit).execute();
  return rows.map((row) => row.customer_id);
}

export async function listCustomerRecords(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<CustomerRecord[]> {
  const customers: CustomerRecord[] = [];
  for (const chunk of inChunks(ids, IDS_PER_LOOKUP)) {
    customers.push(
      ...(await db
        .selectFrom("customers")
        .select(["id", "name", "email", "phone"])
        .where("id", "in", chunk)
        .execute()),
    );
  }
  return customers;
}

/** Every case of these customers. */
export async function listCaseRecordsOfCustomers(
  db: Kysely<DB>,
  customerIds: readonly string[],
): Promise<CaseRecord[]> {
  const cases: CaseRecord[] = [];
  for (const chunk of inChunks(customerIds, IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("cases")
      .select(["id", "customer_id", "status", "resolved_at", "last_event_at", "subject"])
      .where("customer_id", "in", chunk)
      .orderBy("id")
      .execute();
    cases.push(
      ...rows.map((row) => ({
        id: row.id,
        customerId: row.customer_id,
        status: row.status,
        resolvedAt: row.resolved_at,
        lastEventAt: row.last_event_at,
        subject: row.subject,
      })),
    );
  }
  return cases;
}

const EVENT_COLUMNS = [
  "events.seq",
  "events.type",
  "events.at",
  "events.case_id",
  "events.customer_id",
  "events.data",
  "events.redacted_at",
] as const;

function toEventRecord(row: {
  seq: number;
  type: string;
  at: number;
  case_id: string | null;
  customer_id: string | null;
  data: string;
  redacted_at: number | null;
}): EventRecord {
  return {
    seq: row.seq,
    type: row.type,
    at: row.at,
    caseId: row.case_id,
    customerId: row.customer_id,
    data: row.data,
    redactedAt: row.redacted_at,
  };
}

/** Events of these cases: all of them, or only those of `types` not yet redacted. */
export async function listEventsOfCases(
  db: Kysely<DB>,
  caseIds: readonly string[],
  filter: { unredactedOfTypes?: readonly string[] },
): Promise<EventRecord[]> {
  const events: EventRecord[] = [];
  for (const chunk of inChunks(caseIds, IDS_PER_LOOKUP)) {
    let query = withRetentionTables(db)
      .selectFrom("events")
      .select(EVENT_COLUMNS)
      .where("case_id", "in", chunk);
    if (filter.unredactedOfTypes !== undefined) {
      query = query
        .where("redacted_at", "is", null)
        .where("type", "in", [...filter.unredactedOfTypes]);
    }
    events.push(...(await query.orderBy("seq").execute()).map(toEventRecord));
  }
  return events;
}

/** The `customer.upserted` events of these customers not yet redacted. */
export async function listUnredactedCustomerEvents(
  db: Kysely<DB>,
  customerIds: readonly string[],
): Promise<EventRecord[]> {
  const events: EventRecord[] = [];
  for (const chunk of inChunks(customerIds, IDS_PER_LOOKUP)) {
    const rows = await withRetentionTables(db)
      .selectFrom("events")
      .select(EVENT_COLUMNS)
      .where("customer_id", "in", chunk)
      .where("type", "=", "customer.upserted")
      .where("redacted_at", "is", null)
      .orderBy("seq")
      .execute();
    events.push(...rows.map(toEventRecord));
  }
  return events;
}

export interface EventCandidateQuery {
  /** Events with `at` before this instant. */
  before: number;
  afterSeq: number;
  limit: number;
  /** Only these types. */
  types?: readonly string[];
  /** Only events not yet redacted. */
  unredactedOnly: boolean;
  /** Only events without a case, or whose case is resolved with its last event before this. */
  wholeCaseBefore?: number;
}

/** A page of events in `seq` order, each with the state of its case. */
export async function listEventCandidates(
  db: Kysely<DB>,
  query: EventCandidateQuery,
): Promise<EventCandidate[]> {
  let select = withRetentionTables(db)
    .selectFrom("events")
    .leftJoin("cases", "cases.id", "events.case_id")
    .select([
      ...EVENT_COLUMNS,
      "cases.id as case_row_id",
      "cases.customer_id as case_customer_id",
      "cases.status as case_status",
      "cases.resolved_at as case_resolved_at",
      "cases.last_event_at as case_last_event_at",
    ])
    .where("events.at", "<", query.before)
    .where("events.seq", ">", query.afterSeq);
  if (query.types !== undefined) select = select.where("events.type", "in", [...query.types]);
  if (query.unredactedOnly) select = select.where("events.redacted_at", "is", null);
  const wholeCaseBefore = query.wholeCaseBefore;
  if (wholeCaseBefore !== undefined) {
    select = select.where((eb) =>
      eb.or([
        eb("cases.id", "is", null),
        eb.and([
          eb("cases.status", "in", [...FINISHED_CASE_STATUSES]),
          eb("cases.last_event_at", "<", wholeCaseBefore),
        ]),
      ]),
    );
  }
  const rows = await select.orderBy("events.seq").limit(query.limit).execute();
  return rows.map((row) => ({
    ...toEventRecord(row),
    case:
      row.case_row_id === null ||
      row.case_customer_id === null ||
      row.case_status === null ||
      row.case_last_event_at === null
        ? null
        : {
            customerId: row.case_customer_id,
            status: row.case_status,
            resolvedAt: row.case_resolved_at,
            lastEventAt: row.case_last_event_at,
          },
  }));
}

// Writes. The event log's triggers allow exactly these: setting `redacted_at` once (with new
// `data`), and deleting an event whose `redacted_at` is set.

export async function redactEvents(
  db: Kysely<DB>,
  items: readonly { seq: number; data: string }[],
  at: number,
): Promise<void> {
  const events = withRetentionTables(db);
  for (const item of items) {
    await events
      .updateTable("events")
      .set({ data: item.data, redacted_at: at })
      .where("seq", "=", item.seq)
      .where("redacted_at", "is", null)
      .execute();
  }
}

export async function purgeEvents(db: Kysely<DB>, seqs: readonly number[], at: number) {
  const events = withRetentionTables(db);
  for (const chunk of inChunks(seqs, IDS_PER_LOOKUP)) {
    await events
      .updateTable("events")
      .set({ redacted_at: at })
      .where("seq", "in", chunk)
      .where("redacted_at", "is", null)
      .execute();
    await events.deleteFrom("events").where("seq", "in", chunk).execute();
  }
}

/** Deletes the cases and every event of theirs (events first: they are redacted, then gone). */
export async function purgeCases(db: Kysely<DB>, caseIds: readonly string[], at: number) {
  const store = withRetentionTables(db);
  for (const chunk of inChunks(caseIds, IDS_PER_LOOKUP)) {
    await store
      .updateTable("events")
      .set({ redacted_at: at })
      .where("case_id", "in", chunk)
      .where("redacted_at", "is", null)
      .execute();
    await store.deleteFrom("events").where("case_id", "in", chunk).execute();
    await store.deleteFrom("cases").where("id", "in", chunk).execute();
  }
}

export async function anonymiseCaseSubjects(db: Kysely<DB>, caseIds: readonly string[]) {
  for (const chunk of inChunks(caseIds, IDS_PER_LOOKUP)) {
    await db.updateTable("cases").set({ subject: REDACTED }).where("id", "in", chunk).execute();
  }
}

export async function anonymiseCustomers(db: Kysely<DB>, customers: readonly CustomerRecord[]) {
  for (const customer of customers) {
    await db
      .updateTable("customers")
      .set({ name: customer.name, email: customer.email, phone: customer.phone })
      .where("id", "=", customer.id)
      .execute();
  }
}

import { type Kysely, sql } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { isPostgres, jsonRows, rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { withJobCursorTables } from "../../jobs/job-cursor.table.js";
import { withSlaTables } from "../sla/sla.table.js";
import type {
  CaseFacts,
  FactBacklogSpell,
  FactHandoff,
  FactSurvey,
  FactWork,
} from "./case-facts.js";
import type { RecontactInput } from "./case-facts-history.js";
import type { SliceDimension } from "./kpi.js";
import type { MetricCaseFactsRow, MetricCaseFactsTable } from "./metric-facts.table.js";

interface FactsDetails {
  handoffs: FactHandoff[];
  worked: FactWork[];
  surveys: FactSurvey[];
  backlog: FactBacklogSpell[];
}

export function toCaseFacts(row: MetricCaseFactsRow): CaseFacts {
  const details = JSON.parse(row.details) as FactsDetails;
  const nullableNumber = (value: number | null) => (value === null ? null : Number(value));
  return {
    caseId: row.case_id,
    customerId: row.customer_id,
    channel: row.channel,
    category: row.category,
    categoryTop: row.category_top,
    region: row.region,
    tier: row.tier,
    segment: row.segment,
    openedAt: Number(row.opened_at),
    openedTeam: row.opened_team,
    firstResponseAt: nullableNumber(row.first_response_at),
    firstResponseAgent: row.first_response_agent,
    escalated: Number(row.escalated) === 1,
    firstResponseDueAt: nullableNumber(row.first_response_due_at),
    firstResolvedAt: nullableNumber(row.first_resolved_at),
    resolvedTeam: row.resolved_team,
    resolvedAgent: row.resolved_agent,
    reopened: Number(row.reopened) === 1,
    recontactedBy: row.recontacted_by,
    handoffs: details.handoffs,
    worked: details.worked,
    surveys: details.surveys,
    backlog: details.backlog,
  };
}

/** The last instant any KPI counts the case at; null while it is in the backlog. */
export function activeUntilOf(facts: CaseFacts): number | null {
  if (facts.backlog.some((spell) => spell.until === null)) return null;
  let last = facts.openedAt;
  const consider = (at: number | null) => {
    if (at !== null && at > last) last = at;
  };
  consider(facts.firstResponseAt);
  consider(facts.firstResolvedAt);
  for (const item of facts.handoffs) consider(item.at);
  for (const item of facts.worked) consider(item.at);
  for (const item of facts.surveys) consider(item.at);
  for (const spell of facts.backlog) consider(spell.until);
  return last;
}

/**
 * The row of some facts without `updated_at` and the purge mark (compared to tell whether a row
 * changed; the mark is retention's, kept by every write of the facts).
 */
export function toFactsColumns(
  facts: CaseFacts,
): Omit<MetricCaseFactsTable, "updated_at" | "log_purged"> {
  const details: FactsDetails = {
    handoffs: facts.handoffs,
    worked: facts.worked,
    surveys: facts.surveys,
    backlog: facts.backlog,
  };
  return {
    case_id: facts.caseId,
    customer_id: facts.customerId,
    channel: facts.channel,
    category: facts.category,
    category_top: facts.categoryTop,
    region: facts.region,
    tier: facts.tier,
    segment: facts.segment,
    opened_at: facts.openedAt,
    opened_team: facts.openedTeam,
    first_response_at: facts.firstResponseAt,
    first_response_agent: facts.firstResponseAgent,
    escalated: facts.escalated ? 1 : 0,
    first_response_due_at: facts.firstResponseDueAt,
    first_resolved_at: facts.firstResolvedAt,
    resolved_team: facts.resolvedTeam,
    resolved_agent: facts.resolvedAgent,
    reopened: facts.reopened ? 1 : 0,
    recontacted_by: facts.recontactedBy,
    handoff_count: facts.handoffs.length,
    worked_seconds: facts.worked.reduce((sum, work) => sum + work.seconds, 0),
    active_until: activeUntilOf(facts),
    details: JSON.stringify(details),
  };
}

/** Whether two facts of a case would be stored alike. */
export function sameFacts(a: CaseFacts, b: CaseFacts): boolean {
  return JSON.stringify(toFactsColumns(a)) === JSON.stringify(toFactsColumns(b));
}

/**
 * The stored facts of these cases. `lock` (PostgreSQL) holds their rows until the transaction
 * ends, so two writers cannot both derive a change from the same old row.
 */
export async function findFactsOfCases(
  db: Kysely<DB>,
  caseIds: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, CaseFacts>> {
  const found = new Map<string, CaseFacts>();
  const lock = options.lock === true && isPostgres(db as Kysely<unknown>);
  for (const chunk of inChunks([...new Set(caseIds)], IDS_PER_LOOKUP)) {
    let query = db.selectFrom("metric_case_facts").selectAll().where("case_id", "in", chunk);
    if (lock) query = query.forUpdate();
    for (const row of await query.execute()) found.set(row.case_id, toCaseFacts(row));
  }
  return found;
}

/** Inserts or replaces these facts. */
export async function saveFacts(
  db: Kysely<DB>,
  facts: readonly CaseFacts[],
  now: number,
): Promise<void> {
  const rows = facts.map((item) => ({ ...toFactsColumns(item), updated_at: now }));
  for (const chunk of inChunks(rows, rowsPerInsert(24))) {
    await db
      .insertInto("metric_case_facts")
      .values(chunk)
      .onConflict((oc) =>
        oc.column("case_id").doUpdateSet((eb) => ({
          customer_id: eb.ref("excluded.customer_id"),
          channel: eb.ref("excluded.channel"),
          category: eb.ref("excluded.category"),
          category_top: eb.ref("excluded.category_top"),
          region: eb.ref("excluded.region"),
          tier: eb.ref("excluded.tier"),
          segment: eb.ref("excluded.segment"),
          opened_at: eb.ref("excluded.opened_at"),
          opened_team: eb.ref("excluded.opened_team"),
          first_response_at: eb.ref("excluded.first_response_at"),
          first_response_agent: eb.ref("excluded.first_response_agent"),
          escalated: eb.ref("excluded.escalated"),
          first_response_due_at: eb.ref("excluded.first_response_due_at"),
          first_resolved_at: eb.ref("excluded.first_resolved_at"),
          resolved_team: eb.ref("excluded.resolved_team"),
          resolved_agent: eb.ref("excluded.resolved_agent"),
          reopened: eb.ref("excluded.reopened"),
          recontacted_by: eb.ref("excluded.recontacted_by"),
          handoff_count: eb.ref("excluded.handoff_count"),
          worked_seconds: eb.ref("excluded.worked_seconds"),
          active_until: eb.ref("excluded.active_until"),
          details: eb.ref("excluded.details"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

/** The metric tables that hold one row per case, keyed by `case_id`. */
export type PerCaseMetricTable = "metric_case_facts" | "metric_work_spans" | "metric_sla_pending";

/**
 * Deletes the rows of these cases from one per-case metric table (a facts row's roll-up
 * contributions must be retracted first).
 */
export async function deleteRowsOfCases(
  db: Kysely<DB>,
  table: PerCaseMetricTable,
  caseIds: readonly string[],
): Promise<void> {
  for (const chunk of inChunks([...new Set(caseIds)], IDS_PER_LOOKUP)) {
    await db.deleteFrom(table).where("case_id", "in", chunk).execute();
  }
}

/** A case of a customer, as recontact detection sees it, with the recontact its facts hold. */
export interface CustomerCase extends RecontactInput {
  /** Whether the case has facts, and the recontact they hold. */
  stored: { recontactedBy: string | null } | null;
}

/**
 * Every case of these customers: what recontact detection needs (from the case projection) and
 * the recontact its stored facts hold, in one read.
 */
export async function listCasesOfCustomers(
  db: Kysely<DB>,
  customerIds: readonly string[],
): Promise<CustomerCase[]> {
  const cases: CustomerCase[] = [];
  for (const chunk of inChunks([...new Set(customerIds)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("cases as c")
      .leftJoin("metric_case_facts as f", "f.case_id", "c.id")
      .select([
        "c.id",
        "c.customer_id",
        "c.category_top",
        "c.opened_at",
        "c.first_resolved_at",
        "f.case_id as facts_case_id",
        "f.recontacted_by",
      ])
      .where("c.customer_id", "in", chunk)
      .execute();
    for (const row of rows) {
      cases.push({
        id: row.id,
        customerId: row.customer_id,
        categoryTop: row.category_top,
        openedAt: Number(row.opened_at),
        firstResolvedAt: row.first_resolved_at === null ? null : Number(row.first_resolved_at),
        stored: row.facts_case_id === null ? null : { recontactedBy: row.recontacted_by },
      });
    }
  }
  return cases;
}

/** The first-response due time of each of these cases that has a first-response clock. */
export async function findFirstResponseDues(
  db: Kysely<DB>,
  caseIds: readonly string[],
): Promise<Map<string, number>> {
  const dues = new Map<string, number>();
  for (const chunk of inChunks([...new Set(caseIds)], IDS_PER_LOOKUP)) {
    const rows = await withSlaTables(db)
      .selectFrom("sla_clocks")
      .select(["case_id", "due_at"])
      .where("case_id", "in", chunk)
      .where("clock", "=", "firstResponse")
      .execute();
    for (const row of rows) dues.set(row.case_id, Number(row.due_at));
  }
  return dues;
}

/**
 * The cases of these customers whose stored facts carry another tier, segment or region than the
 * customer has now.
 */
export async function listCasesWithStaleCustomerFacts(
  db: Kysely<DB>,
  customerIds: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const chunk of inChunks([...new Set(customerIds)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("metric_case_facts as f")
      .innerJoin("customers as c", "c.id", "f.customer_id")
      .select("f.case_id")
      .where("f.customer_id", "in", chunk)
      .where((eb) =>
        eb.or([
          eb("f.tier", "<>", eb.ref("c.tier")),
          eb("f.segment", "<>", eb.ref("c.segment")),
          eb("f.region", "<>", eb.ref("c.region")),
        ]),
      )
      .execute();
    ids.push(...rows.map((row) => row.case_id));
  }
  return ids;
}

/** Slice dimensions every contribution of a case shares, so a filter on them narrows in SQL. */
const CASE_LEVEL_COLUMNS = {
  channel: "channel",
  category: "category",
  categoryTop: "category_top",
  region: "region",
  tier: "tier",
  segment: "segment",
} as const satisfies Partial<Record<SliceDimension, keyof MetricCaseFactsTable>>;

/**
 * The facts of every case that can count in [from, to): opened before `to` and either counted at
 * or after `from` or still in the backlog. Filters on case-level dimensions (channel, category,
 * region …) narrow in SQL; team and agent change over a case's life and are left to the engine.
 */
export async function listFactsForPeriod(
  db: Kysely<DB>,
  period: { from: number; to: number; filter?: Partial<Record<SliceDimension, string>> },
): Promise<CaseFacts[]> {
  let query = db
    .selectFrom("metric_case_facts")
    .selectAll()
    .where("opened_at", "<", period.to)
    .where((eb) => eb.or([eb("active_until", "is", null), eb("active_until", ">=", period.from)]));
  for (const [dimension, column] of Object.entries(CASE_LEVEL_COLUMNS)) {
    const value = period.filter?.[dimension as SliceDimension];
    if (value !== undefined) query = query.where(column, "=", value);
  }
  const rows = await query.orderBy("case_id").execute();
  return rows.map(toCaseFacts);
}

/** How many cases have facts in the period's candidate set (the planner's size estimate). */
export async function countFactsForPeriod(
  db: Kysely<DB>,
  period: { from: number; to: number },
): Promise<number> {
  const row = await db
    .selectFrom("metric_case_facts")
    .select(sql<number>`count(*)`.as("count"))
    .where("opened_at", "<", period.to)
    .where((eb) => eb.or([eb("active_until", "is", null), eb("active_until", ">=", period.from)]))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Every team's hourly cost (null: not set). */
export async function findTeamHourlyCosts(db: Kysely<DB>): Promise<Map<string, number | null>> {
  const rows = await db.selectFrom("teams").select(["id", "hourly_cost"]).execute();
  return new Map(
    rows.map((row) => [row.id, row.hourly_cost === null ? null : Number(row.hourly_cost)]),
  );
}

/** A page of case ids in id order, after `after` (the backfill walks the store with it). */
export async function listCaseIdsPage(
  db: Kysely<DB>,
  page: { after: string | null; limit: number },
): Promise<string[]> {
  let query = db.selectFrom("cases").select("id").orderBy("id").limit(page.limit);
  if (page.after !== null) query = query.where("id", ">", page.after);
  return (await query.execute()).map((row) => row.id);
}

/** Holds these cases' rows until the transaction ends (PostgreSQL; SQLite writers are serial). */
export async function lockCases(db: Kysely<DB>, caseIds: readonly string[]): Promise<void> {
  if (!isPostgres(db as Kysely<unknown>)) return;
  for (const chunk of inChunks([...new Set(caseIds)], IDS_PER_LOOKUP)) {
    await db.selectFrom("cases").select("id").where("id", "in", chunk).forUpdate().execute();
  }
}

/** The job_cursors row that marks a store whose facts still need their backfill. */
export const METRICS_BACKFILL_MARKER = "metrics-backfill";

/** Whether the backfill marker is there (holding its row until the transaction ends, on PostgreSQL). */
export async function claimBackfillMarker(db: Kysely<DB>): Promise<boolean> {
  let query = withJobCursorTables(db)
    .selectFrom("job_cursors")
    .select("name")
    .where("name", "=", METRICS_BACKFILL_MARKER);
  if (isPostgres(db as Kysely<unknown>)) query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}

export async function clearBackfillMarker(db: Kysely<DB>): Promise<void> {
  await withJobCursorTables(db)
    .deleteFrom("job_cursors")
    .where("name", "=", METRICS_BACKFILL_MARKER)
    .execute();
}

/** What the facts of a case hold of its first response: when, and when it was due. */
export interface StoredDueTime {
  caseId: string;
  firstResponseAt: number | null;
  dueAt: number | null;
}

/** The first response and its due time that these cases' facts hold (cases with facts only). */
export async function findDueTimesOfFacts(
  db: Kysely<DB>,
  caseIds: readonly string[],
): Promise<StoredDueTime[]> {
  const found: StoredDueTime[] = [];
  const nullable = (value: number | string | null) => (value === null ? null : Number(value));
  for (const chunk of inChunks([...new Set(caseIds)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("metric_case_facts")
      .select(["case_id", "first_response_at", "first_response_due_at"])
      .where("case_id", "in", chunk)
      .execute();
    for (const row of rows) {
      found.push({
        caseId: row.case_id,
        firstResponseAt: nullable(row.first_response_at),
        dueAt: nullable(row.first_response_due_at),
      });
    }
  }
  return found;
}

/** A case and its new first-response due time. */
export interface DueTimeWrite {
  caseId: string;
  dueAt: number;
}

/**
 * Sets the first-response due time of these cases' rows in the facts (`first_response_due_at`,
 * and `updated_at` to `now`) or in the pending first responses (`due_at`), and nothing else.
 */
export async function writeDueTimes(
  db: Kysely<DB>,
  table: "metric_case_facts" | "metric_sla_pending",
  writes: readonly DueTimeWrite[],
  now: number,
): Promise<void> {
  const assignment =
    table === "metric_case_facts"
      ? sql`first_response_due_at = cast(c.value ->> 1 as bigint), updated_at = ${now}`
      : sql`due_at = cast(c.value ->> 1 as bigint)`;
  for (const chunk of inChunks(writes, ROWS_PER_UPDATE)) {
    const rows = chunk.map((write) => [write.caseId, write.dueAt]);
    await sql`
      update ${sql.table(table)}
      set ${assignment}
      from ${jsonRows(db, rows)}
      where ${sql.ref(`${table}.case_id`)} = c.value ->> 0`.execute(db);
  }
}

/** Rows per statement of writeDueTimes (one JSON parameter each). */
const ROWS_PER_UPDATE = 1_000;

/** A page of customer ids in id order, after `after`. */
export async function listCustomerIdsPage(
  db: Kysely<DB>,
  page: { after: string | null; limit: number },
): Promise<string[]> {
  let query = db.selectFrom("customers").select("id").orderBy("id").limit(page.limit);
  if (page.after !== null) query = query.where("id", ">", page.after);
  return (await query.execute()).map((row) => row.id);
}

/** Marks the facts of these cases as having lost their events to retention (see log_purged). */
export async function markLogPurged(db: Kysely<DB>, caseIds: readonly string[]): Promise<void> {
  for (const chunk of inChunks([...new Set(caseIds)], IDS_PER_LOOKUP)) {
    await db
      .updateTable("metric_case_facts")
      .set({ log_purged: 1 })
      .where("case_id", "in", chunk)
      .execute();
  }
}

/** The cases these events (by seq) are about. */
export async function findCaseIdsOfEvents(
  db: Kysely<DB>,
  seqs: readonly number[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const chunk of inChunks([...new Set(seqs)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("events")
      .select("case_id")
      .distinct()
      .where("seq", "in", chunk)
      .where("case_id", "is not", null)
      .execute();
    for (const row of rows) if (row.case_id !== null) ids.add(row.case_id);
  }
  return [...ids];
}

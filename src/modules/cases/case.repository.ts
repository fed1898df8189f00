import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import type { Scope } from "../../access/access.js";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { CaseStatus, Channel, Priority, SkillRequirement } from "../events/event.types.js";
import { caseHasSlaState, type SlaStateFilter } from "../sla/sla.repository.js";
import { type Case, topLevelCategory } from "./case.js";
import type { CaseRow, CaseTable } from "./case.table.js";

/** Most cases carry no tags or skills: skip the parse for the empty list. */
function parseList(json: string): unknown[] {
  return json === "[]" ? [] : (JSON.parse(json) as unknown[]);
}

/** A case row read back into the projection (shared by repositories that select cases). */
export function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    customerId: row.customer_id,
    subject: row.subject,
    channel: row.channel as Channel,
    category: row.category,
    priority: row.priority as Priority,
    teamId: row.team_id,
    queue: row.queue,
    agentId: row.agent_id,
    tags: parseList(row.tags) as string[],
    requiredSkills: parseList(row.required_skills) as SkillRequirement[],
    routedRule: row.routed_rule,
    recategorisedCount: row.recategorised_count,
    status: row.status as CaseStatus,
    openedAt: row.opened_at,
    firstResponseAt: row.first_response_at,
    firstResolvedAt: row.first_resolved_at,
    resolvedAt: row.resolved_at,
    reopenCount: row.reopen_count,
    handoffCount: row.handoff_count,
    escalationLevel: row.escalation_level,
    workedSeconds: row.worked_seconds,
    rootCause: row.root_cause,
    lastEventAt: row.last_event_at,
    updatedAt: row.updated_at,
  };
}

function toRow(state: Case): CaseTable {
  return {
    id: state.id,
    customer_id: state.customerId,
    subject: state.subject,
    channel: state.channel,
    category: state.category,
    category_top: topLevelCategory(state.category),
    priority: state.priority,
    team_id: state.teamId,
    queue: state.queue,
    agent_id: state.agentId,
    tags: state.tags.length === 0 ? "[]" : JSON.stringify(state.tags),
    required_skills:
      state.requiredSkills.length === 0 ? "[]" : JSON.stringify(state.requiredSkills),
    routed_rule: state.routedRule,
    recategorised_count: state.recategorisedCount,
    status: state.status,
    opened_at: state.openedAt,
    first_response_at: state.firstResponseAt,
    first_resolved_at: state.firstResolvedAt,
    resolved_at: state.resolvedAt,
    reopen_count: state.reopenCount,
    handoff_count: state.handoffCount,
    escalation_level: state.escalationLevel,
    worked_seconds: state.workedSeconds,
    root_cause: state.rootCause,
    last_event_at: state.lastEventAt,
    updated_at: state.updatedAt,
  };
}

const CASE_COLUMN_COUNT = 26;

export async function findCasesByIds(db: Kysely<DB>, ids: readonly string[]): Promise<Case[]> {
  const cases: Case[] = [];
  for (const chunk of inChunks(ids, IDS_PER_LOOKUP)) {
    const rows = await db.selectFrom("cases").selectAll().where("id", "in", chunk).execute();
    cases.push(...rows.map(toCase));
  }
  return cases;
}

export async function getCase(
  db: Kysely<DB>,
  id: string,
  scope: Scope = { all: true },
): Promise<Case | undefined> {
  let query = db.selectFrom("cases").selectAll().where("id", "=", id);
  if (!scope.all) query = query.where(caseInScope(scope));
  const row = await query.executeTakeFirst();
  return row && toCase(row);
}

export interface CaseFilter {
  status?: CaseStatus;
  teamId?: string;
  agentId?: string;
  customerId?: string;
  channel?: Channel;
  priority?: Priority;
  /** A top level (`billing`) or a full `top/sub` category. */
  category?: string;
  openedFrom?: number;
  openedTo?: number;
  /** Only cases with a running clock in this state at `now` (see caseHasSlaState). */
  sla?: { state: SlaStateFilter; now: number };
  /** Keyset: continue after this (openedAt, id), newest first. */
  after?: { openedAt: number; id: string };
  /** Only cases inside the caller's scope (see access/access.ts). */
  scope: Scope;
  limit: number;
}

/**
 * The SQL form of a scope over cases: any of the scope's (teams, regions) pairs, where teams
 * match the case's team and regions the region of the case's customer.
 */
export function caseInScope(scope: Exclude<Scope, { all: true }>) {
  return (eb: ExpressionBuilder<DB, "cases">) =>
    eb.or(
      scope.within.map((within) => {
        const conditions: Expression<SqlBool>[] = [];
        if (within.teams.length > 0) conditions.push(eb("cases.team_id", "in", within.teams));
        if (within.regions.length > 0) {
          conditions.push(
            eb(
              "cases.customer_id",
              "in",
              eb
                .selectFrom("customers")
                .select("customers.id")
                .where("customers.region", "in", within.regions),
            ),
          );
        }
        return eb.and(conditions);
      }),
    );
}

export async function listCases(db: Kysely<DB>, filter: CaseFilter): Promise<Case[]> {
  let query = db.selectFrom("cases").selectAll();
  if (!filter.scope.all) query = query.where(caseInScope(filter.scope));
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.teamId !== undefined) query = query.where("team_id", "=", filter.teamId);
  if (filter.agentId !== undefined) query = query.where("agent_id", "=", filter.agentId);
  if (filter.customerId !== undefined) query = query.where("customer_id", "=", filter.customerId);
  if (filter.channel !== undefined) query = query.where("channel", "=", filter.channel);
  if (filter.priority !== undefined) query = query.where("priority", "=", filter.priority);
  if (filter.category !== undefined) {
    query = filter.category.includes("/")
      ? query.where("category", "=", filter.category)
      : query.where("category_top", "=", filter.category);
  }
  if (filter.openedFrom !== undefined) query = query.where("opened_at", ">=", filter.openedFrom);
  if (filter.openedTo !== undefined) query = query.where("opened_at", "<", filter.openedTo);
  if (filter.sla !== undefined)
    query = query.where(caseHasSlaState(filter.sla.state, filter.sla.now));
  const after = filter.after;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb("opened_at", "<", after.openedAt),
        eb.and([eb("opened_at", "=", after.openedAt), eb("id", "<", after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("opened_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit)
    .execute();
  return rows.map(toCase);
}

export async function countCases(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function upsertCases(db: Kysely<DB>, cases: readonly Case[]): Promise<void> {
  for (const chunk of inChunks(cases, rowsPerInsert(CASE_COLUMN_COUNT))) {
    await db
      .insertInto("cases")
      .values(chunk.map(toRow))
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          subject: eb.ref("excluded.subject"),
          channel: eb.ref("excluded.channel"),
          category: eb.ref("excluded.category"),
          category_top: eb.ref("excluded.category_top"),
          priority: eb.ref("excluded.priority"),
          team_id: eb.ref("excluded.team_id"),
          queue: eb.ref("excluded.queue"),
          agent_id: eb.ref("excluded.agent_id"),
          tags: eb.ref("excluded.tags"),
          required_skills: eb.ref("excluded.required_skills"),
          routed_rule: eb.ref("excluded.routed_rule"),
          recategorised_count: eb.ref("excluded.recategorised_count"),
          status: eb.ref("excluded.status"),
          first_response_at: eb.ref("excluded.first_response_at"),
          first_resolved_at: eb.ref("excluded.first_resolved_at"),
          resolved_at: eb.ref("excluded.resolved_at"),
          reopen_count: eb.ref("excluded.reopen_count"),
          handoff_count: eb.ref("excluded.handoff_count"),
          escalation_level: eb.ref("excluded.escalation_level"),
          worked_seconds: eb.ref("excluded.worked_seconds"),
          root_cause: eb.ref("excluded.root_cause"),
          last_event_at: eb.ref("excluded.last_event_at"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

/** The payload of the case's `case.opened` event (its body and extension fields live only there). */
export async function findOpeningEvent(
  db: Kysely<DB>,
  caseId: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom("events")
    .select("data")
    .where("case_id", "=", caseId)
    .where("type", "=", "case.opened")
    .executeTakeFirst();
  return row && (JSON.parse(row.data) as Record<string, unknown>);
}

import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Scope } from "../../access/access.js";
import { jsonText } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { caseInScope } from "../cases/case.repository.js";
import { FINISHED_CASE_STATUSES } from "../cases/case-lifecycle.js";
import { withCaseLinkTables } from "../cases/case-link.table.js";
import type { Customer } from "../customers/customer.js";
import type { CaseOpened } from "../events/event.types.js";
import { RECENT_HISTORY_MS } from "../routing/routing-subject.js";
import { HOUR_MS } from "./first-response-model.js";
import type { AgentHours, FirstResponseRecord } from "./replay.js";
import type { HistoryCase, StatusChange } from "./replay-history.js";

/**
 * What the routing replay reads (replay.service.ts): the cases opened in a window with their
 * `case.opened` payloads, their customers and those customers' earlier cases, and what the teams
 * were seen doing in the window. Each is one query over the whole window.
 */

export interface ReplayWindow {
  from: number;
  to: number;
  /** Only cases inside this scope (and the work done on them). */
  scope: Scope;
}

/** The window's cases inside the scope, as a condition on `cases`. */
function inWindow(window: ReplayWindow) {
  return (eb: ExpressionBuilder<DB, "cases">) => {
    const conditions = [
      eb("cases.opened_at", ">=", window.from),
      eb("cases.opened_at", "<", window.to),
    ];
    if (!window.scope.all) conditions.push(caseInScope(window.scope)(eb));
    return eb.and(conditions);
  };
}

export interface WindowCaseRow {
  id: string;
  customerId: string;
  openedAt: number;
  opened: CaseOpened;
  /** The team of its first `case.routed`; null when it was never routed. */
  routedTeam: string | null;
  finalTeam: string;
  handoffCount: number;
}

/**
 * The window's cases, most recently opened first, at most `limit`, each with its `case.opened`
 * payload and the team of its first `case.routed`. Two range scans (cases by opening, events by
 * type) rather than a lookup per case.
 */
export async function listWindowCases(
  db: Kysely<DB>,
  window: ReplayWindow,
  limit: number,
): Promise<WindowCaseRow[]> {
  const cases = await db
    .selectFrom("cases")
    .select(["id", "customer_id", "opened_at", "team_id", "handoff_count"])
    .where(inWindow(window))
    .orderBy("cases.opened_at", "desc")
    .orderBy("cases.id", "desc")
    .limit(limit)
    .execute();
  const oldest = cases.at(-1);
  if (oldest === undefined) return [];
  // A case is opened and routed in the same instant, or routed later (when it was re-routed):
  // the first routing by (at, seq) is kept, without sorting the payloads in the database.
  const events = await db
    .selectFrom("events")
    .select((eb) => [
      "case_id",
      "type",
      "at",
      "seq",
      "team_id",
      // Only the opening's payload is read: a routing's team is its indexed team.
      eb.case().when("type", "=", "case.opened").then(eb.ref("data")).end().as("data"),
    ])
    .where("type", "in", ["case.opened", "case.routed"])
    .where("at", ">=", Number(oldest.opened_at))
    .where("at", "<", window.to)
    .execute();
  const opened = new Map<string, CaseOpened>();
  const firstRouting = new Map<string, { at: number; seq: number; team: string }>();
  for (const event of events) {
    const caseId = event.case_id as string;
    if (event.type === "case.opened") {
      if (event.data !== null) opened.set(caseId, JSON.parse(event.data) as CaseOpened);
      continue;
    }
    const at = Number(event.at);
    const seq = Number(event.seq);
    const first = firstRouting.get(caseId);
    if (
      event.team_id !== null &&
      (first === undefined || at < first.at || (at === first.at && seq < first.seq))
    ) {
      firstRouting.set(caseId, { at, seq, team: event.team_id });
    }
  }
  return cases.flatMap((row) => {
    const opening = opened.get(row.id);
    if (opening === undefined) return [];
    return [
      {
        id: row.id,
        customerId: row.customer_id,
        openedAt: Number(row.opened_at),
        opened: opening,
        routedTeam: firstRouting.get(row.id)?.team ?? null,
        finalTeam: row.team_id,
        handoffCount: Number(row.handoff_count),
      },
    ];
  });
}

/** The customers of the window's cases, by id (only the attributes routing reads). */
export async function findWindowCustomers(
  db: Kysely<DB>,
  window: ReplayWindow,
): Promise<Map<string, Pick<Customer, "tier" | "segment" | "region" | "language">>> {
  const rows = await db
    .selectFrom("customers")
    .select(["id", "tier", "segment", "region", "language"])
    .where("id", "in", (eb) =>
      eb.selectFrom("cases").select("cases.customer_id").where(inWindow(window)),
    )
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      { tier: row.tier, segment: row.segment, region: row.region, language: row.language },
    ]),
  );
}

export interface CustomerHistory {
  cases: HistoryCase[];
  /** The status changes from 30 days before `from` to `to` (of any case; the caller picks). */
  changes: StatusChange[];
  /** When each case opened in that span became a recontact of an earlier one. */
  recontactLinkedAt: Map<string, number>;
}

const STATUS_CHANGE_TYPES = ["case.resolved", "case.closed", "case.merged_into", "case.reopened"];

/**
 * The window's customers' cases that routing could have counted, with their status changes and
 * recontact links from 30 days before `from` (history starts there: an older case only ever
 * counts as open, and its state then is read from the case row, or from its last status change
 * before then when it changed since). Whatever the caller's scope: routing saw them all.
 */
export async function loadCustomerHistory(
  db: Kysely<DB>,
  window: ReplayWindow,
): Promise<CustomerHistory> {
  const since = window.from - RECENT_HISTORY_MS;
  const finished = [...FINISHED_CASE_STATUSES];
  const cases = await db
    .selectFrom("cases")
    .select((eb) => [
      "cases.id",
      "cases.customer_id",
      "cases.opened_at",
      eb
        .case()
        .when("cases.opened_at", ">=", since)
        .then(sql.lit(1))
        .when("cases.last_event_at", "<", since)
        .then(
          eb.case().when("cases.status", "in", finished).then(sql.lit(0)).else(sql.lit(1)).end(),
        )
        .else(
          eb.fn.coalesce(
            eb
              .selectFrom("events as change")
              .select((change) =>
                change
                  .case()
                  .when("change.type", "=", "case.reopened")
                  .then(sql.lit(1))
                  .else(sql.lit(0))
                  .end()
                  .as("open"),
              )
              .whereRef("change.case_id", "=", "cases.id")
              .where("change.type", "in", STATUS_CHANGE_TYPES)
              .where("change.at", "<", since)
              .orderBy("change.at", "desc")
              .orderBy("change.seq", "desc")
              .limit(1),
            sql.lit(1),
          ),
        )
        .end()
        .as("open_at_since"),
    ])
    .where("cases.customer_id", "in", (eb) =>
      eb.selectFrom("cases").select("cases.customer_id").where(inWindow(window)),
    )
    .where("cases.opened_at", "<", window.to)
    .where((eb) =>
      eb.or([
        eb("cases.opened_at", ">=", since),
        eb("cases.last_event_at", ">=", since),
        eb("cases.status", "not in", finished),
      ]),
    )
    .execute();
  const changes = await db
    .selectFrom("events")
    .select(["case_id", "type", "at"])
    .where("type", "in", STATUS_CHANGE_TYPES)
    .where("at", ">=", since)
    .where("at", "<", window.to)
    .execute();
  const links = await withCaseLinkTables(db)
    .selectFrom("case_links")
    .innerJoin("cases", "cases.id", "case_links.case_id")
    .select(["case_links.case_id", "case_links.created_at"])
    .where("case_links.kind", "=", "recontact_of")
    .where("cases.opened_at", ">=", since)
    .where("cases.opened_at", "<", window.to)
    .execute();
  const recontactLinkedAt = new Map<string, number>();
  for (const link of links) {
    const at = Number(link.created_at);
    recontactLinkedAt.set(link.case_id, Math.min(at, recontactLinkedAt.get(link.case_id) ?? at));
  }
  return {
    cases: cases.map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      openedAt: Number(row.opened_at),
      initiallyOpen: Number(row.open_at_since) === 1,
    })),
    changes: changes.map((row) => ({
      caseId: row.case_id as string,
      at: Number(row.at),
      finished: row.type !== "case.reopened",
    })),
    recontactLinkedAt,
  };
}

/**
 * Every first response given in the window to a case inside the scope, with the team the case
 * was with: the `case.replied` event at the case's first-response instant.
 */
export async function listFirstResponses(
  db: Kysely<DB>,
  window: ReplayWindow,
): Promise<FirstResponseRecord[]> {
  const { scope } = window;
  const rows = await db
    .selectFrom("cases")
    .innerJoin("events as reply", (join) =>
      join
        .onRef("reply.case_id", "=", "cases.id")
        .onRef("reply.at", "=", "cases.first_response_at")
        .on("reply.type", "=", "case.replied"),
    )
    .select([
      "cases.id",
      "cases.opened_at",
      "cases.team_id",
      "reply.at",
      "reply.team_id as reply_team",
    ])
    .where("cases.first_response_at", ">=", window.from)
    .where("cases.first_response_at", "<", window.to)
    .where("reply.at", ">=", window.from)
    .where("reply.at", "<", window.to)
    .$if(!scope.all, (query) => query.where(caseInScope(scope as Exclude<Scope, { all: true }>)))
    .execute();
  // A customer's reply at the same instant would match too: one record per case.
  const byCase = new Map<string, FirstResponseRecord>();
  for (const row of rows) {
    if (byCase.has(row.id)) continue;
    byCase.set(row.id, {
      caseId: row.id,
      openedAt: Number(row.opened_at),
      at: Number(row.at),
      team: row.reply_team ?? row.team_id,
    });
  }
  return [...byCase.values()];
}

/**
 * Distinct agents seen working (replying to the customer or each other, logging `case.worked`)
 * per team and hour of the window, on cases inside the scope; the team is the one the case was
 * with.
 */
export async function listAgentHours(db: Kysely<DB>, window: ReplayWindow): Promise<AgentHours[]> {
  const { scope } = window;
  const hour = sql<number>`${sql.ref("events.at")} / ${sql.lit(HOUR_MS)}`;
  const rows = await db
    .selectFrom("events")
    .select((eb) => [
      "events.team_id",
      hour.as("hour"),
      eb.fn.count<number | string>("events.agent_id").distinct().as("agents"),
    ])
    // A customer's reply is indexed by the case's agent, who did nothing then.
    .where((eb) =>
      eb.or([
        eb("events.type", "=", "case.worked"),
        eb.and([
          eb("events.type", "=", "case.replied"),
          eb(jsonText(db, "events.data", "by"), "<>", "customer"),
        ]),
      ]),
    )
    .where("events.agent_id", "is not", null)
    .where("events.team_id", "is not", null)
    .where("events.at", ">=", window.from)
    .where("events.at", "<", window.to)
    .$if(!scope.all, (query) =>
      query.where("events.case_id", "in", (eb) =>
        eb
          .selectFrom("cases")
          .select("cases.id")
          .where(caseInScope(scope as Exclude<Scope, { all: true }>)),
      ),
    )
    .groupBy(["events.team_id", hour])
    .execute();
  return rows.map((row) => ({
    team: row.team_id as string,
    hour: Number(row.hour),
    agents: Number(row.agents),
  }));
}

import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { jsonRows } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import {
  type Channel,
  EVENT_TYPES,
  type Priority,
  SLA_CLOCK_KINDS,
  type SlaClockKind,
} from "../events/event.types.js";
import { withSettingsTables } from "../settings/settings.table.js";
import { type SlaClockRow, type SlaTables, withSlaTables } from "./sla.table.js";
import {
  SLA_EVENT_TYPES,
  type SlaCaseInput,
  type SlaClock,
  type SlaClockState,
  type SlaEventInput,
  type StoredSlaClock,
  toSlaEvent,
} from "./sla-clocks.js";

function toStoredClock(row: SlaClockRow): StoredSlaClock {
  return {
    caseId: row.case_id,
    clock: row.clock as SlaClockKind,
    policyId: row.policy_id,
    teamId: row.team_id,
    startedAt: Number(row.started_at),
    dueAt: Number(row.due_at),
    atRiskAt: Number(row.at_risk_at),
    stoppedAt: row.stopped_at === null ? null : Number(row.stopped_at),
    state: row.state as SlaClockState,
    atRiskFiredAt: row.at_risk_fired_at === null ? null : Number(row.at_risk_fired_at),
    breachedFiredAt: row.breached_fired_at === null ? null : Number(row.breached_fired_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The JSON text of the latest calendars and sla-policies documents (absent: never saved). */
export async function findSlaSettingsTexts(
  db: Kysely<DB>,
): Promise<{ calendars?: string; policies?: string }> {
  const rows = await withSettingsTables(db)
    .selectFrom("settings_versions as latest")
    .select(["latest.kind", "latest.body"])
    .where("latest.kind", "in", ["calendars", "sla-policies"])
    .where(({ eb, selectFrom }) =>
      eb(
        "latest.version",
        "=",
        selectFrom("settings_versions as other")
          .select((inner) => inner.fn.max("other.version").as("version"))
          .whereRef("other.kind", "=", "latest.kind"),
      ),
    )
    .execute();
  const texts: { calendars?: string; policies?: string } = {};
  for (const row of rows) {
    if (row.kind === "calendars") texts.calendars = row.body;
    else texts.policies = row.body;
  }
  return texts;
}

/** Tier of each customer named. */
export async function findCustomerTiers(
  db: Kysely<DB>,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const tiers = new Map<string, string>();
  for (const chunk of inChunks([...new Set(customerIds)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("customers")
      .select(["id", "tier"])
      .where("id", "in", chunk)
      .execute();
    for (const row of rows) tiers.set(row.id, row.tier);
  }
  return tiers;
}

/**
 * How sla_histories encodes a case's SLA events. Bump it when SLA_EVENT_TYPES or the fields of
 * SlaEventInput change: histories stored in another format are read from the log again.
 */
const SLA_HISTORY_FORMAT = 1;

/** One event in sla_histories: fields only for the types whose fields the clocks read. */
type EncodedSlaEvent = [type: string, at: number, fields?: SlaEventInput["data"]];

function encodeSlaHistory(events: readonly SlaEventInput[]): string {
  return JSON.stringify(
    events.map(
      ({ type, at, data }): EncodedSlaEvent =>
        Object.keys(data).length === 0 ? [type, at] : [type, at, data],
    ),
  );
}

function decodeSlaHistory(text: string): SlaEventInput[] {
  return (JSON.parse(text) as EncodedSlaEvent[]).map(([type, at, data]) => ({
    type,
    at,
    data: data ?? {},
  }));
}

/** An open case with what SLA matching needs and its stored SLA events (null: none stored). */
export type OpenSlaCase = Omit<SlaCaseInput, "events"> & { events: SlaEventInput[] | null };

/** A page of open (not resolved, not closed) cases by id, with their stored SLA histories. */
export async function listOpenSlaCases(
  db: Kysely<DB>,
  page: { afterId: string | null; limit: number },
): Promise<OpenSlaCase[]> {
  let query = withSlaTables(db)
    .selectFrom("cases")
    .innerJoin("customers", "customers.id", "cases.customer_id")
    .leftJoin("sla_histories", (join) =>
      join
        .onRef("sla_histories.case_id", "=", "cases.id")
        .on("sla_histories.format", "=", SLA_HISTORY_FORMAT),
    )
    .select([
      "cases.id",
      "cases.channel",
      "cases.priority",
      "cases.category",
      "cases.opened_at",
      "customers.tier",
      "sla_histories.events",
    ])
    .where("cases.status", "not in", ["resolved", "closed"]);
  if (page.afterId !== null) query = query.where("cases.id", ">", page.afterId);
  const rows = await query.orderBy("cases.id").limit(page.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    tier: row.tier,
    channel: row.channel as Channel,
    priority: row.priority as Priority,
    category: row.category,
    openedAt: Number(row.opened_at),
    events: row.events === null ? null : decodeSlaHistory(row.events),
  }));
}

/** Histories per statement: one JSON parameter each. */
const HISTORIES_PER_STATEMENT = 2_000;

/**
 * Stores the SLA events of these open cases (a history that would not change is not rewritten).
 * Only open cases are recomputed after a settings save, so only they keep a history: a case that
 * reopens is written, and stored again, by that write.
 */
export async function saveSlaHistories(
  db: Kysely<DB>,
  histories: readonly { caseId: string; events: readonly SlaEventInput[] }[],
): Promise<void> {
  for (const chunk of inChunks(histories, HISTORIES_PER_STATEMENT)) {
    const rows = chunk.map(({ caseId, events }) => [caseId, encodeSlaHistory(events)]);
    await sql`
      insert into sla_histories (case_id, format, events)
      select c.value ->> 0, ${sql.lit(SLA_HISTORY_FORMAT)}, c.value ->> 1
      from ${jsonRows(db, rows)}
      where true
      on conflict (case_id) do update set format = excluded.format, events = excluded.events
      where sla_histories.format <> excluded.format or sla_histories.events <> excluded.events`.execute(
      db,
    );
  }
}

/** Forgets the SLA events of these cases (resolved or closed: never recomputed). */
export async function deleteSlaHistories(
  db: Kysely<DB>,
  caseIds: readonly string[],
): Promise<void> {
  for (const chunk of inChunks(caseIds, HISTORIES_PER_STATEMENT)) {
    await sql`
      delete from sla_histories
      where case_id in (select c.value ->> 0 from ${jsonRows(
        db,
        chunk.map((id) => [id]),
      )})`.execute(db);
  }
}

const SLA_TYPES: ReadonlySet<string> = new Set(SLA_EVENT_TYPES);

/**
 * Types of the log the clocks never read, left out in SQL (`case.opened` alone is a third of a
 * case's events). Named as the ones to skip rather than the ones to keep: `type in (…)` makes
 * SQLite read the events through the type index, i.e. the whole log, instead of the page's range
 * of the case index; `not in` cannot use an index. Types missing here are still skipped below.
 */
const NON_SLA_TYPES = EVENT_TYPES.filter((type) => !SLA_TYPES.has(type));

/**
 * The SLA-relevant events of a page of cases listed in id order, read from the log as one range
 * scan of the events' case index from the first id to the last (events of other cases in the
 * range are skipped): one query per page instead of one per few hundred ids.
 */
export async function listSlaEventsOfCasePage(
  db: Kysely<DB>,
  sortedCaseIds: readonly string[],
): Promise<Map<string, SlaEventInput[]>> {
  const byCase = new Map<string, SlaEventInput[]>(sortedCaseIds.map((id) => [id, []]));
  const first = sortedCaseIds[0];
  const last = sortedCaseIds[sortedCaseIds.length - 1];
  if (first === undefined || last === undefined) return byCase;
  const rows = await db
    .selectFrom("events")
    .select(["case_id", "type", "at", "data"])
    .where("case_id", ">=", first)
    .where("case_id", "<=", last)
    .where("type", "not in", NON_SLA_TYPES)
    .orderBy("case_id")
    .orderBy("at")
    .orderBy("seq")
    .execute();
  for (const row of rows) {
    const events = byCase.get(row.case_id as string);
    if (events === undefined) continue;
    const event = toSlaEvent(row.type, Number(row.at), () => JSON.parse(row.data));
    if (event !== undefined) events.push(event);
  }
  return byCase;
}

/** Clock rows per statement: one JSON parameter each, so bounded only to keep statements small. */
const CLOCKS_PER_STATEMENT = 5_000;

/** A clock that a write of clocks inserted, changed or deleted (`dueAt` null). */
export interface ClockChange {
  caseId: string;
  clock: SlaClockKind;
  dueAt: number | null;
}

/**
 * Writes the clocks of these cases: upserts the given clocks that differ from the stored ones and
 * deletes any other clock the cases had. A clock whose cycle (`started_at`) is unchanged keeps
 * when its thresholds fired; a new cycle starts with none fired. Returns the clocks it inserted,
 * changed or deleted (what depends on due times follows those only).
 */
export async function replaceSlaClocks(
  db: Kysely<DB>,
  caseIds: readonly string[],
  clocks: readonly SlaClock[],
  now: number,
): Promise<ClockChange[]> {
  const changes: ClockChange[] = [];
  // The store compares: a row that would not change is not rewritten (its updated_at stays), so
  // an edit that moves few due times, or a write that moves none, saves most of the cost of an
  // upsert (index maintenance) without reading the stored clocks back first.
  for (const chunk of inChunks(clocks, CLOCKS_PER_STATEMENT)) {
    const rows = chunk.map((clock) => [
      clock.caseId,
      clock.clock,
      clock.policyId,
      clock.teamId,
      clock.startedAt,
      clock.dueAt,
      clock.atRiskAt,
      clock.stoppedAt,
      clock.state,
    ]);
    const written = await sql<{ case_id: string; clock: string; due_at: number | string }>`
      insert into sla_clocks
        (case_id, clock, policy_id, team_id, started_at, due_at, at_risk_at, stopped_at, state, updated_at)
      select c.value ->> 0, c.value ->> 1, c.value ->> 2, c.value ->> 3,
        cast(c.value ->> 4 as bigint), cast(c.value ->> 5 as bigint), cast(c.value ->> 6 as bigint),
        cast(c.value ->> 7 as bigint), c.value ->> 8, cast(${now} as bigint)
      from ${jsonRows(db, rows)}
      where true
      on conflict (case_id, clock) do update set
        policy_id = excluded.policy_id,
        team_id = excluded.team_id,
        started_at = excluded.started_at,
        due_at = excluded.due_at,
        at_risk_at = excluded.at_risk_at,
        stopped_at = excluded.stopped_at,
        state = excluded.state,
        at_risk_fired_at = case when sla_clocks.started_at = excluded.started_at
          then sla_clocks.at_risk_fired_at else null end,
        breached_fired_at = case when sla_clocks.started_at = excluded.started_at
          then sla_clocks.breached_fired_at else null end,
        updated_at = excluded.updated_at
      where sla_clocks.policy_id <> excluded.policy_id
        or sla_clocks.team_id is distinct from excluded.team_id
        or sla_clocks.started_at <> excluded.started_at
        or sla_clocks.due_at <> excluded.due_at
        or sla_clocks.at_risk_at <> excluded.at_risk_at
        or sla_clocks.stopped_at is distinct from excluded.stopped_at
        or sla_clocks.state <> excluded.state
      returning case_id, clock, due_at`.execute(db);
    for (const row of written.rows) {
      changes.push({
        caseId: row.case_id,
        clock: row.clock as SlaClockKind,
        dueAt: Number(row.due_at),
      });
    }
  }
  // Clocks the cases had and no longer have (no policy applies any more, or fewer targets): for
  // each kind, the cases that did not produce it lose it if they had it.
  for (const kind of SLA_CLOCK_KINDS) {
    const producing = new Set<string>();
    for (const clock of clocks) if (clock.clock === kind) producing.add(clock.caseId);
    const without = caseIds.filter((id) => !producing.has(id));
    for (const chunk of inChunks(without, CLOCKS_PER_STATEMENT)) {
      const deleted = await sql<{ case_id: string }>`
        delete from sla_clocks
        where clock = ${kind}
          and case_id in (select c.value ->> 0 from ${jsonRows(
            db,
            chunk.map((id) => [id]),
          )})
        returning case_id`.execute(db);
      for (const row of deleted.rows)
        changes.push({ caseId: row.case_id, clock: kind, dueAt: null });
    }
  }
  return changes;
}

/** The stored clocks of these cases. */
export async function listSlaClocksOfCases(
  db: Kysely<DB>,
  caseIds: readonly string[],
  options: { runningOnly?: boolean } = {},
): Promise<StoredSlaClock[]> {
  const clocks: StoredSlaClock[] = [];
  for (const chunk of inChunks([...new Set(caseIds)], IDS_PER_LOOKUP)) {
    let query = withSlaTables(db)
      .selectFrom("sla_clocks")
      .selectAll()
      .where("case_id", "in", chunk);
    if (options.runningOnly) query = query.where("stopped_at", "is", null);
    const rows = await query.orderBy("case_id").orderBy("clock").execute();
    clocks.push(...rows.map(toStoredClock));
  }
  return clocks;
}

export type SlaThreshold = "at_risk" | "breached";

export interface DueThreshold {
  clock: StoredSlaClock;
  threshold: SlaThreshold;
  /** The instant the threshold was crossed: the at-risk instant or the due time. */
  at: number;
}

/**
 * Thresholds that were crossed by `now` while their clock was running and have not fired, at most
 * `limit` of each kind, oldest first. A paused clock's stored times assume the pause ends when
 * they were computed (`updated_at`), so only a threshold already behind that instant (crossed
 * before the pause began) counts for it. Clocks of cases no longer in the store are ignored.
 * The conditions on the fired and stopped columns are, term for term, the predicates of the
 * partial indexes the queries read (migration 20261125T1610): keep them so, or each run scans
 * every clock.
 */
export async function findDueSlaThresholds(
  db: Kysely<DB>,
  now: number,
  limit: number,
): Promise<DueThreshold[]> {
  const store = withSlaTables(db);
  const atRisk = await store
    .selectFrom("sla_clocks")
    .innerJoin("cases", "cases.id", "sla_clocks.case_id")
    .selectAll("sla_clocks")
    .where("sla_clocks.state", "in", ["running", "paused", "met", "breached"])
    .where("sla_clocks.at_risk_at", "<=", now)
    .where("sla_clocks.at_risk_fired_at", "is", null)
    .where((eb) =>
      eb.and([
        eb.or([
          eb("sla_clocks.stopped_at", "is", null),
          eb("sla_clocks.stopped_at", ">", eb.ref("sla_clocks.at_risk_at")),
        ]),
        eb.or([
          eb("sla_clocks.state", "<>", "paused"),
          eb("sla_clocks.at_risk_at", "<=", eb.ref("sla_clocks.updated_at")),
        ]),
      ]),
    )
    .orderBy("sla_clocks.at_risk_at")
    .limit(limit)
    .execute();
  const breached = await store
    .selectFrom("sla_clocks")
    .innerJoin("cases", "cases.id", "sla_clocks.case_id")
    .selectAll("sla_clocks")
    .where("sla_clocks.state", "in", ["running", "paused", "breached"])
    .where("sla_clocks.due_at", "<=", now)
    .where("sla_clocks.breached_fired_at", "is", null)
    .where((eb) =>
      eb.and([
        eb.or([
          eb("sla_clocks.stopped_at", "is", null),
          eb("sla_clocks.stopped_at", ">", eb.ref("sla_clocks.due_at")),
        ]),
        eb.or([
          eb("sla_clocks.state", "<>", "paused"),
          eb("sla_clocks.due_at", "<=", eb.ref("sla_clocks.updated_at")),
        ]),
      ]),
    )
    .orderBy("sla_clocks.due_at")
    .limit(limit)
    .execute();
  return [
    ...atRisk.map((row) => {
      const clock = toStoredClock(row);
      return { clock, threshold: "at_risk" as const, at: clock.atRiskAt };
    }),
    ...breached.map((row) => {
      const clock = toStoredClock(row);
      return { clock, threshold: "breached" as const, at: clock.dueAt };
    }),
  ];
}

/**
 * Marks thresholds fired at `now`, for the cycle they were found in. A running clock whose
 * breach fires is breached from then on.
 */
export async function markSlaThresholdsFired(
  db: Kysely<DB>,
  fired: readonly DueThreshold[],
  now: number,
): Promise<void> {
  const store = withSlaTables(db);
  for (const { clock, threshold } of fired) {
    const update = store
      .updateTable("sla_clocks")
      .where("case_id", "=", clock.caseId)
      .where("clock", "=", clock.clock)
      .where("started_at", "=", clock.startedAt);
    if (threshold === "at_risk") {
      await update.set({ at_risk_fired_at: now }).execute();
    } else {
      await update
        .set((eb) => ({
          breached_fired_at: now,
          state: eb
            .case()
            .when("stopped_at", "is", null)
            .then("breached")
            .else(eb.ref("state"))
            .end(),
        }))
        .execute();
    }
  }
}

export const SLA_STATE_FILTERS = ["at_risk", "breached", "running"] as const;
export type SlaStateFilter = (typeof SLA_STATE_FILTERS)[number];

/**
 * A condition on cases: one of its clocks that has not stopped is, at `now`, breached (past its
 * due time), at risk (past its at-risk instant, not yet due) or running (not yet at risk). Paused
 * clocks count only when they were breached before the pause.
 */
export function caseHasSlaState(state: SlaStateFilter, now: number) {
  return (eb: ExpressionBuilder<DB, "cases">) =>
    eb.exists(
      (eb as unknown as ExpressionBuilder<DB & SlaTables, "cases">)
        .selectFrom("sla_clocks")
        .select("sla_clocks.case_id")
        .whereRef("sla_clocks.case_id", "=", "cases.id")
        .where("sla_clocks.stopped_at", "is", null)
        .where((inner) => {
          switch (state) {
            case "breached":
              return inner.or([
                inner("sla_clocks.state", "=", "breached"),
                inner.and([
                  inner("sla_clocks.state", "=", "running"),
                  inner("sla_clocks.due_at", "<", now),
                ]),
              ]);
            case "at_risk":
              return inner.and([
                inner("sla_clocks.state", "=", "running"),
                inner("sla_clocks.at_risk_at", "<=", now),
                inner("sla_clocks.due_at", ">=", now),
              ]);
            case "running":
              return inner.and([
                inner("sla_clocks.state", "=", "running"),
                inner("sla_clocks.at_risk_at", ">", now),
              ]);
            default: {
              const unknown: never = state;
              throw new Error(`unknown SLA state filter ${String(unknown)}`);
            }
          }
        }),
    );
}

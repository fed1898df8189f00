/**
 * The roll-up planner against the exact engine (kpi-exact.ts) on random histories, on both
 * stores: events go through the recorder in several batches (so the roll-ups are kept up to date
 * by the facts derivation's `applyFactChanges`, cases changing between batches), then random
 * scorecards and series — periods at any millisecond, from minutes to weeks, `all`, by every
 * dimension, filtered — must match: counts and sums exactly, percentiles exactly up to the exact
 * limit and within the sketch's α above it. A rebuild from the facts must give the same rows.
 */
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { createRandom, type Random } from "../demo/random.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { type PendingEvent, recordEvents } from "../events/event-recorder.js";
import { saveSettings } from "../settings/settings.service.js";
import { SLA_POLICIES_SETTINGS } from "../sla/sla-settings.js";
import {
  KPI_NAMES,
  type KpiName,
  type KpiQuery,
  type ScorecardRow,
  type Series,
  SLICE_DIMENSIONS,
  type SliceDimension,
  TIME_BUCKETS,
  type TimeBucket,
} from "./kpi.js";
import { findTeamHourlyCosts } from "./metric-facts.repository.js";
import { computeScorecardExact, computeSeriesExact } from "./metrics.service.js";
import { rebuildRollups } from "./rollup.service.js";
import { computeScorecardFromRollups, computeSeriesFromRollups } from "./rollup-planner.js";
import { SKETCH_RELATIVE_ACCURACY } from "./sketch.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Not aligned to any hour: edges of periods fall inside hours. */
const BASE = Date.parse("2026-01-28T07:13:27.431Z");
const SPAN_DAYS = 40;

const TEAMS = ["billing", "orders", "tech", "vip"];
const AGENTS = Array.from({ length: 9 }, (_, index) => `agent-${index}`);
const CATEGORIES = ["billing/refund", "billing/invoice", "orders/late", "tech/login", "tech/app"];
const CHANNELS = ["email", "chat", "phone", "web"] as const;
const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
const CUSTOMERS = 40;

const PERCENTILES: ReadonlySet<KpiName> = new Set([
  "firstResponseMedianMinutes",
  "firstResponseP90Minutes",
  "resolutionMedianHours",
]);

/** One random case: a valid lifecycle with replies, work, handoffs, pauses, reopens, surveys. */
function caseHistory(random: Random, index: number): PendingEvent[] {
  const caseId = `case-${String(index).padStart(4, "0")}`;
  let at = BASE + Math.floor(random.float() * SPAN_DAYS * DAY_MS);
  let team = random.pick(TEAMS);
  let status: "new" | "open" | "pending_customer" | "resolved" | "closed" = "new";
  let resolvedAt = 0;
  const events: PendingEvent[] = [];
  const emit = (event: Record<string, unknown>) =>
    events.push({
      event: { ...event, case: caseId, at: new Date(at).toISOString() } as ThroughlineEvent,
      atMs: at,
    });
  emit({
    type: "case.opened",
    customer: `cus-${random.int(0, CUSTOMERS - 1)}`,
    channel: random.pick(CHANNELS),
    category: random.pick(CATEGORIES),
    priority: random.pick(PRIORITIES),
    team,
  });
  const steps = random.int(0, 14);
  for (let step = 0; step < steps && status !== "closed"; step++) {
    // Gaps from milliseconds to days, so several events share an hour and others straddle days.
    at += Math.floor(
      random.chance(0.2) ? random.float() * 90_000 : random.exponential(5 * HOUR_MS),
    );
    const roll = random.float();
    const agent = random.pick(AGENTS);
    if (status === "resolved") {
      if (roll < 0.25 && at - resolvedAt < 14 * DAY_MS) {
        emit({ type: "case.reopened" });
        status = "open";
      } else if (roll < 0.45) {
        emit({ type: "case.closed" });
        status = "closed";
      } else if (roll < 0.75) {
        emit({ type: "survey.answered", ...scoreOf(random) });
      } else {
        emit({ type: "case.worked", agent, seconds: random.int(0, 900) });
      }
      continue;
    }
    if (roll < 0.14) {
      emit({
        type: "case.assigned",
        agent,
        ...(random.chance(0.3) ? { team: random.pick(TEAMS) } : {}),
      });
      if (status === "new") status = "open";
    } else if (roll < 0.32) {
      const by = random.chance(0.75) ? `agent:${agent}` : "customer";
      const isPublic = random.chance(0.8);
      emit({ type: "case.replied", by, public: isPublic });
      if (status === "new" && isPublic && by !== "customer") status = "open";
    } else if (roll < 0.5) {
      emit({ type: "case.worked", agent, seconds: random.chance(0.05) ? 0 : random.int(30, 3600) });
    } else if (roll < 0.58) {
      const to = random.pick(TEAMS.filter((candidate) => candidate !== team));
      emit({ type: "case.handoff", from: team, to });
      team = to;
    } else if (roll < 0.63) {
      emit({ type: "case.escalated", level: 1 });
    } else if (roll < 0.7) {
      const next: "open" | "pending_customer" =
        status === "pending_customer" ? "open" : "pending_customer";
      emit({ type: "case.status", status: next });
      status = next;
    } else if (roll < 0.74) {
      emit({ type: "case.recategorised", category: random.pick(CATEGORIES) });
    } else if (roll < 0.8) {
      emit({ type: "survey.answered", ...scoreOf(random) });
    } else {
      emit({ type: "case.resolved" });
      status = "resolved";
      resolvedAt = at;
    }
  }
  return events;
}

function scoreOf(random: Random): { kind: string; score: number } {
  const kind = random.pick(["csat", "nps", "ces"] as const);
  const [low, high] = kind === "csat" ? [1, 5] : kind === "nps" ? [0, 10] : [1, 7];
  return { kind, score: random.int(low, high) };
}

function describeEvents(random: Random, cases: number): PendingEvent[] {
  const at = BASE - DAY_MS;
  const iso = new Date(at).toISOString();
  const setup: ThroughlineEvent[] = [
    ...TEAMS.map(
      (team, index): ThroughlineEvent => ({
        type: "team.upserted",
        at: iso,
        team,
        // One team without an hourly cost: cost per case is null wherever it worked.
        ...(index === 3 ? {} : { hourlyCost: 20 + index * 7.5 }),
      }),
    ),
    ...AGENTS.map(
      (agent, index): ThroughlineEvent => ({
        type: "agent.upserted",
        at: iso,
        agent,
        team: TEAMS[index % 3] as string,
      }),
    ),
    ...Array.from(
      { length: CUSTOMERS },
      (_, index): ThroughlineEvent => ({
        type: "customer.upserted",
        at: iso,
        customer: `cus-${index}`,
        tier: random.pick(["gold", "silver", "bronze"]),
        segment: random.pick(["smb", "enterprise"]),
        region: random.pick(["emea", "amer"]),
      }),
    ),
  ];
  const events = setup.map((event) => ({ event, atMs: at }));
  for (let index = 0; index < cases; index++) events.push(...caseHistory(random, index));
  return events;
}

interface Scenario {
  store: TestStore;
  now: number;
}

/** Records the history in four time slices, then changes some customers' tiers. */
async function buildScenario(kind: "sqlite" | "postgres"): Promise<Scenario> {
  const store = await createTestStore(kind);
  const random = createRandom(61, `rollup-planner-${kind}`);
  await saveSettings(
    store.db,
    SYSTEM_ACTORS.cli,
    SLA_POLICIES_SETTINGS,
    {
      policies: [
        {
          id: "fast",
          name: "Fast",
          position: 1,
          conditions: { priorities: ["urgent", "high", "normal"] },
          targets: { firstResponse: { minutes: 90, time: "calendar" } },
          atRiskShare: 0.5,
        },
      ],
      internal: [],
    },
    { now: new Date(BASE - 2 * DAY_MS) },
  );
  const events = describeEvents(random, 450).sort((a, b) => a.atMs - b.atMs);
  const cuts = [
    BASE + 9 * DAY_MS,
    BASE + 21 * DAY_MS,
    BASE + 33 * DAY_MS,
    Number.POSITIVE_INFINITY,
  ];
  let start = 0;
  for (const cut of cuts) {
    let end = start;
    while (end < events.length && (events[end] as PendingEvent).atMs < cut) end++;
    await recordEvents(store.db, events.slice(start, end), { createMissing: false });
    start = end;
  }
  const later = new Date(BASE + (SPAN_DAYS + 5) * DAY_MS).toISOString();
  const changes: PendingEvent[] = Array.from({ length: 6 }, (_, index) => ({
    event: {
      type: "customer.upserted",
      at: later,
      customer: `cus-${index * 5}`,
      tier: "platinum",
      segment: "enterprise",
      region: "apac",
    },
    atMs: Date.parse(later),
  }));
  await recordEvents(store.db, changes, { createMissing: false });
  return { store, now: BASE + (SPAN_DAYS + 6) * DAY_MS };
}

function randomQuery(random: Random, now: number): KpiQuery {
  const from = BASE - DAY_MS + Math.floor(random.float() * (SPAN_DAYS + 2) * DAY_MS);
  const lengths = [20 * MINUTE_MS, 5 * HOUR_MS, 2 * DAY_MS, 9 * DAY_MS, 31 * DAY_MS];
  const to = from + Math.floor(random.float() * random.pick(lengths));
  const query: KpiQuery = { from, to };
  const shape = random.float();
  const dimension = random.pick(SLICE_DIMENSIONS);
  if (shape < 0.55) query.by = dimension;
  else if (shape < 0.75) query.filter = { [dimension]: filterValue(random, dimension) };
  else if (shape < 0.85) {
    query.by = dimension;
    query.filter = { [dimension]: filterValue(random, dimension) };
  }
  query.asOf = random.chance(0.5) ? now : from + Math.floor(random.float() * 3 * DAY_MS);
  return query;
}

function filterValue(random: Random, dimension: SliceDimension): string {
  switch (dimension) {
    case "team":
      return random.pick(TEAMS);
    case "agent":
      return random.pick([...AGENTS, "unassigned"]);
    case "channel":
      return random.pick(CHANNELS);
    case "category":
      return random.pick(CATEGORIES);
    case "categoryTop":
      return random.pick(["billing", "orders", "tech"]);
    case "region":
      return random.pick(["emea", "amer", "apac"]);
    case "tier":
      return random.pick(["gold", "silver", "bronze", "platinum"]);
    case "segment":
      return random.pick(["smb", "enterprise"]);
  }
}

/** Compares one KPI: exactly (up to float summation order), or within α for sketched percentiles. */
function expectKpi(
  name: KpiName,
  planned: number | null | undefined,
  exact: number | null | undefined,
  sketched: boolean,
  where: string,
): void {
  if (exact === null || exact === undefined) {
    expect(planned, `${where} ${name}`).toBeNull();
    return;
  }
  expect(planned, `${where} ${name}`).not.toBeNull();
  const value = planned as number;
  const tolerance =
    sketched && PERCENTILES.has(name)
      ? Math.abs(exact) * SKETCH_RELATIVE_ACCURACY + 1e-9
      : Math.max(1e-9, Math.abs(exact) * 1e-9);
  expect(
    Math.abs(value - exact),
    `${where} ${name}: planned ${value}, exact ${exact}`,
  ).toBeLessThanOrEqual(tolerance);
}

function expectRows(
  planned: ScorecardRow[],
  exact: ScorecardRow[],
  sketched: boolean,
  where: string,
) {
  expect(
    planned.map((row) => row.key),
    where,
  ).toEqual(exact.map((row) => row.key));
  for (const [index, row] of exact.entries()) {
    const mine = planned[index] as ScorecardRow;
    for (const name of KPI_NAMES)
      expectKpi(name, mine[name], row[name], sketched, `${where} ${row.key}`);
  }
}

function expectSeries(planned: Series[], exact: Series[], sketched: boolean, where: string) {
  expect(
    planned.map((item) => item.key),
    where,
  ).toEqual(exact.map((item) => item.key));
  for (const [index, item] of exact.entries()) {
    const mine = planned[index] as Series;
    expect(mine.points.map((point) => point.at)).toEqual(item.points.map((point) => point.at));
    for (const [pointIndex, point] of item.points.entries()) {
      const minePoint = mine.points[pointIndex];
      for (const name of Object.keys(point.values) as KpiName[]) {
        expectKpi(
          name,
          minePoint?.values[name],
          point.values[name],
          sketched,
          `${where} ${item.key} @${new Date(point.at).toISOString()}`,
        );
      }
    }
  }
}

async function dumpRollups(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("metric_rollups")
    .selectAll()
    .orderBy("grain")
    .orderBy("dim")
    .orderBy("key")
    .orderBy("bucket")
    .execute();
  return rows.map((row) => ({
    ...row,
    bucket: Number(row.bucket),
    fr_hist: JSON.parse(row.fr_hist) as unknown,
    res_hist: JSON.parse(row.res_hist) as unknown,
    worked_by_team: JSON.parse(row.worked_by_team) as unknown,
  }));
}

describe.each(STORE_KINDS)("roll-up planner against the exact engine (%s)", (kind) => {
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await buildScenario(kind);
  }, 240_000);

  afterAll(async () => {
    await scenario?.store.dispose();
  });

  it("answers random scorecards as the exact engine does", async () => {
    const { store, now } = scenario;
    const db = store.db;
    const random = createRandom(62, `scorecards-${kind}`);
    const hourlyCosts = await findTeamHourlyCosts(db);
    let compared = 0;
    for (let round = 0; round < 160; round++) {
      const query = randomQuery(random, now);
      const asOf = query.asOf ?? now;
      const sketched = round % 4 === 3;
      const exact = await computeScorecardExact(db, query, asOf);
      const planned = await computeScorecardFromRollups(db, query, asOf, {
        hourlyCosts,
        ...(sketched ? { exactPercentileLimit: 0 } : {}),
      });
      expectRows(planned, exact, sketched, `round ${round} ${JSON.stringify(query)}`);
      compared += exact.length;
    }
    // The comparisons were about something: rows with values, not empty periods only.
    expect(compared).toBeGreaterThan(300);
  }, 120_000);

  it("answers random series as the exact engine does", async () => {
    const { store, now } = scenario;
    const db = store.db;
    const random = createRandom(63, `series-${kind}`);
    const lengths: Record<TimeBucket, number> = {
      hour: 3 * DAY_MS,
      day: 25 * DAY_MS,
      week: 45 * DAY_MS,
      month: 45 * DAY_MS,
    };
    for (let round = 0; round < 40; round++) {
      const bucket = TIME_BUCKETS[round % TIME_BUCKETS.length] as TimeBucket;
      const base = randomQuery(random, now);
      const to = base.from + Math.floor((0.3 + 0.7 * random.float()) * lengths[bucket]);
      const query = { ...base, to, bucket, metrics: KPI_NAMES };
      const asOf = query.asOf ?? now;
      const sketched = round % 5 === 4;
      const exact = await computeSeriesExact(db, query, asOf);
      const planned = await computeSeriesFromRollups(db, query, asOf, {
        ...(sketched ? { exactPercentileLimit: 0 } : {}),
      });
      expectSeries(planned, exact, sketched, `series ${round} ${bucket} ${JSON.stringify(base)}`);
    }
  }, 120_000);

  it("rebuilds from the facts exactly the rows the writes maintained", async () => {
    const db = scenario.store.db;
    const maintained = await dumpRollups(db);
    expect(maintained.length).toBeGreaterThan(1_000);
    const spans = await db.selectFrom("metric_work_spans").selectAll().orderBy("case_id").execute();
    const pending = await db
      .selectFrom("metric_sla_pending")
      .selectAll()
      .orderBy("case_id")
      .execute();
    expect(spans.length).toBeGreaterThan(10);
    expect(pending.length).toBeGreaterThan(0);
    const report = await db.transaction().execute((trx) => rebuildRollups(trx));
    expect(report.cases).toBe(450);
    expect(await dumpRollups(db)).toEqual(maintained);
    expect(
      await db.selectFrom("metric_work_spans").selectAll().orderBy("case_id").execute(),
    ).toEqual(spans);
    expect(
      await db.selectFrom("metric_sla_pending").selectAll().orderBy("case_id").execute(),
    ).toEqual(pending);
  }, 120_000);
});

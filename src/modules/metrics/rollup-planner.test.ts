import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpRollups } from "../../../test/support/metrics-facts.js";
import {
  AGENTS,
  BASE,
  CATEGORIES,
  CHANNELS,
  DAY_MS,
  describeEvents,
  HOUR_MS,
  MINUTE_MS,
  SPAN_DAYS,
  TEAMS,
} from "../../../test/support/random-histories.js";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { createRandom, type Random } from "../demo/random.js";
import { type PendingEvent, recordEvents } from "../events/event-recorder.js";
import { runRetention, setPolicy } from "../retention/retention.service.js";
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

const PERCENTILES: ReadonlySet<KpiName> = new Set([
  "firstResponseMedianMinutes",
  "firstResponseP90Minutes",
  "resolutionMedianHours",
]);

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

  it("still counts the cases whose events retention purged, at the edges of a period", async () => {
    const { store, now } = scenario;
    const db = store.db;
    const at = new Date(now);
    await setPolicy(db, SYSTEM_ACTORS.cli, { kind: "events", action: "purge", days: 1 }, at);
    const report = await runRetention(db, { now: at, dryRun: false, actor: SYSTEM_ACTORS.cli });
    expect(report.changes.eventsPurged).toBeGreaterThan(500);
    // The cases and their facts stay; only their events are gone.
    const marked = await db
      .selectFrom("metric_case_facts")
      .select("case_id")
      .where("log_purged", "=", 1)
      .execute();
    expect(marked.length).toBeGreaterThan(100);
    const left = await db
      .selectFrom("events")
      .select("seq")
      .where(
        "case_id",
        "in",
        marked.map((row) => row.case_id),
      )
      .execute();
    expect(left).toEqual([]);

    const random = createRandom(64, `purged-${kind}`);
    const hourlyCosts = await findTeamHourlyCosts(db);
    let compared = 0;
    for (let round = 0; round < 80; round++) {
      const query = randomQuery(random, now);
      const asOf = query.asOf ?? now;
      const exact = await computeScorecardExact(db, query, asOf);
      const planned = await computeScorecardFromRollups(db, query, asOf, { hourlyCosts });
      expectRows(planned, exact, false, `purged round ${round} ${JSON.stringify(query)}`);
      compared += exact.length;
    }
    expect(compared).toBeGreaterThan(150);
  }, 120_000);
});

import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AS_OF,
  kpis,
  P,
  WEEK_ALL,
  WEEK_BY_AGENT,
  WEEK_BY_CHANNEL,
  WEEK_BY_TEAM,
  WEEK_FIXTURE,
} from "../../../test/fixtures/metrics/week.js";
import { createWeekApp } from "../../../test/fixtures/metrics/week-app.js";
import { createTestApp, type TestApp } from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { importEvents } from "../events/event-import.js";
import { KPI_NAMES, type KpiValues } from "./kpi.js";
import { computeKpis } from "./kpi-exact.js";
import { rebuildMetrics } from "./metric-facts.backfill.js";
import { findFactsOfCases, findTeamHourlyCosts } from "./metric-facts.repository.js";

/** Compares rows KPI by KPI: nulls exactly, numbers to 9 decimals (costs divide by thirds). */
function expectRows(actual: unknown, expected: ({ key: string } & KpiValues)[]) {
  const rows = actual as ({ key: string } & Record<string, number | null>)[];
  expect(rows.map((row) => row.key)).toEqual(expected.map((row) => row.key));
  for (const [index, want] of expected.entries()) {
    const got = rows[index] as Record<string, number | null>;
    for (const name of KPI_NAMES) {
      const value = got[name];
      const label = `${want.key}.${name}`;
      if (want[name] === null) expect(value, label).toBeNull();
      else expect(value, label).toBeCloseTo(want[name] as number, 9);
    }
  }
}

describe.each(STORE_KINDS)("metrics over a hand-worked week on %s", (kind) => {
  let t: TestApp;
  const get = async (url: string) => {
    const response = await t.inject(url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const created = await createWeekApp(kind);
    t = created.t;
    const report = created.report;
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(49);
  });
  afterAll(() => t.close());

  it("derives each case's facts from its history", async () => {
    const facts = await findFactsOfCases(t.store.db, ["C1", "C2", "C6", "C9"]);
    expect(facts.get("C1")).toMatchObject({
      openedTeam: "billing",
      firstResponseAgent: "a1",
      firstResponseDueAt: Date.parse("2026-03-02T10:00:00Z"),
      resolvedTeam: "billing",
      resolvedAgent: "a1",
      recontactedBy: "C5",
      tier: "gold",
    });
    expect(facts.get("C2")).toMatchObject({
      resolvedTeam: "tech",
      resolvedAgent: "t1",
      reopened: true,
      handoffs: [{ at: Date.parse("2026-03-02T10:30:00Z"), from: "billing", to: "tech" }],
      worked: [
        { at: Date.parse("2026-03-02T11:00:00Z"), seconds: 1200, team: "tech", agent: "t1" },
      ],
    });
    // The 40 minutes pending before the due time move it from 10:00 to 10:40.
    expect(facts.get("C6")?.firstResponseDueAt).toBe(Date.parse("2026-03-05T10:40:00Z"));
    expect(facts.get("C9")?.backlog).toEqual([
      {
        from: Date.parse("2026-02-25T10:00:00Z"),
        until: Date.parse("2026-02-25T10:05:00Z"),
        team: "tech",
        agent: "unassigned",
      },
      {
        from: Date.parse("2026-02-25T10:05:00Z"),
        until: Date.parse("2026-03-06T10:00:00Z"),
        team: "tech",
        agent: "t1",
      },
      {
        from: Date.parse("2026-03-06T10:00:00Z"),
        until: null,
        team: "billing",
        agent: "unassigned",
      },
    ]);
  });

  it("answers the scorecard of the week, every KPI worked out by hand", async () => {
    const body = await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}`);
    expect(body).toMatchObject({
      from: "2026-03-02T00:00:00.000Z",
      to: "2026-03-09T00:00:00.000Z",
      by: null,
      asOf: "2026-03-20T00:00:00.000Z",
    });
    expectRows(body.rows, [{ key: "all", ...WEEK_ALL }]);
  });

  it("slices by team, agent and channel at the instant of each counted event", async () => {
    expectRows((await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}&by=team`)).rows, WEEK_BY_TEAM);
    expectRows((await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}&by=agent`)).rows, WEEK_BY_AGENT);
    expectRows(
      (await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}&by=channel`)).rows,
      WEEK_BY_CHANNEL,
    );
  });

  it("filters to a slice: the chat row as the only row", async () => {
    const body = await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}&channel=chat`);
    expectRows(body.rows, [{ ...(WEEK_BY_CHANNEL[0] as KpiValues), key: "all" }]);
    // A team filter counts what counted for the team at the time: tech resolved C8 and C2.
    const tech = await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}&team=tech`);
    expectRows(tech.rows, [{ ...(WEEK_BY_TEAM[1] as KpiValues), key: "all" }]);
  });

  it("leaves an unanswered case not yet due out of SLA attainment", async () => {
    // asOf Mar 4 09:30: C4's due time (10:00) has not passed, so only C1, C2 and C6 count: 3/3.
    const body = await get(`/api/v1/metrics/scorecard?${P}&asOf=2026-03-04T09:30:00Z`);
    expect(body.rows[0].slaFirstResponseAttainment).toBe(1);
  });

  it("gives counts 0, the backlog as it stands and null elsewhere for empty periods", async () => {
    // Before anything was opened: nothing at all.
    const before = await get(
      `/api/v1/metrics/scorecard?from=2026-02-02T00:00:00Z&to=2026-02-09T00:00:00Z&${AS_OF}`,
    );
    expectRows(before.rows, [{ key: "all", ...kpis({}) }]);
    // A quiet week later: C4, C9, C5 and C7 are still open.
    const later = await get(
      `/api/v1/metrics/scorecard?from=2026-03-16T00:00:00Z&to=2026-03-23T00:00:00Z&${AS_OF}`,
    );
    expectRows(later.rows, [{ key: "all", ...kpis({ backlog: 4 }) }]);
    // By team, an empty period has no rows (no slice value counts anything)…
    const byTeam = await get(
      `/api/v1/metrics/scorecard?from=2026-02-02T00:00:00Z&to=2026-02-09T00:00:00Z&by=team`,
    );
    expect(byTeam.rows).toEqual([]);
    // … and an empty period [t, t) is allowed.
    const instant = await get(
      `/api/v1/metrics/scorecard?from=2026-03-02T00:00:00Z&to=2026-03-02T00:00:00Z`,
    );
    expect(instant.rows[0]).toMatchObject({ key: "all", casesOpened: 0, backlog: 2 });
  });

  it("answers series with every bucket, empty ones included", async () => {
    // Opened per day: Mar 2 C1, C2; Mar 3 C3; Mar 4 C4; Mar 5 C6; then none.
    // Backlog at each day's end: C9 carried in and C8 (resolved Mar 2) → 1, 1 (C2 reopened and
    // resolved again on Mar 3), then C4 joins → 2 until the end.
    const body = await get(
      `/api/v1/metrics/series?metrics=casesOpened,backlog,csat&bucket=day&${P}&${AS_OF}`,
    );
    expect(body.series).toHaveLength(1);
    const [all] = body.series;
    expect(all.key).toBe("all");
    expect(all.points.map((point: { at: string }) => point.at)).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((day) => `2026-03-0${day}T00:00:00.000Z`),
    );
    expect(all.points.map((point: { values: KpiValues }) => point.values.casesOpened)).toEqual([
      2, 1, 1, 1, 0, 0, 0,
    ]);
    expect(all.points.map((point: { values: KpiValues }) => point.values.backlog)).toEqual([
      1, 1, 2, 2, 2, 2, 2,
    ]);
    // CSAT: C1's 5 on Mar 2 (100), C3's 2 on Mar 3 (0), no answers after.
    expect(all.points.map((point: { values: KpiValues }) => point.values.csat)).toEqual([
      100,
      0,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(Object.keys(all.points[0].values)).toEqual(["casesOpened", "backlog", "csat"]);
  });

  it("gives one weekly bucket equal to the scorecard, weeks starting on Monday", async () => {
    const body = await get(
      `/api/v1/metrics/series?metrics=${KPI_NAMES.join(",")}&bucket=week&${P}&${AS_OF}&by=team`,
    );
    expect(body.series.map((series: { key: string }) => series.key)).toEqual(["billing", "tech"]);
    for (const [index, series] of body.series.entries()) {
      expect(series.points).toHaveLength(1);
      expect(series.points[0].at).toBe("2026-03-02T00:00:00.000Z");
      expectRows([{ key: series.key, ...series.points[0].values }], [WEEK_BY_TEAM[index] as never]);
    }
  });

  it("lists the team-to-team handoffs of the period", async () => {
    const body = await get(`/api/v1/metrics/handoffs?${P}`);
    expect(body.flows).toEqual([
      { from: "billing", to: "tech", count: 1 },
      { from: "tech", to: "billing", count: 1 },
    ]);
    const chat = await get(`/api/v1/metrics/handoffs?${P}&channel=chat`);
    expect(chat.flows).toEqual([{ from: "billing", to: "tech", count: 1 }]);
  });

  it("lists the cases behind a KPI value, page by page", async () => {
    const first = await get(`/api/v1/metrics/cases?metric=recontactRate&${P}&limit=2`);
    expect(first.items).toEqual([
      { caseId: "C8", at: "2026-03-02T08:00:00.000Z", team: "tech", agent: "t1", value: 1 },
      { caseId: "C1", at: "2026-03-02T12:00:00.000Z", team: "billing", agent: "a1", value: 1 },
    ]);
    const second = await get(
      `/api/v1/metrics/cases?metric=recontactRate&${P}&limit=2&cursor=${first.nextCursor}`,
    );
    const third = await get(
      `/api/v1/metrics/cases?metric=recontactRate&${P}&limit=2&cursor=${second.nextCursor}`,
    );
    expect(
      [...second.items, ...third.items].map((item: { caseId: string }) => item.caseId),
    ).toEqual(["C2", "C3", "C6"]);
    expect(third.nextCursor).toBeNull();
    const backlog = await get(`/api/v1/metrics/cases?metric=backlog&${P}`);
    expect(backlog.items.map((item: { caseId: string }) => item.caseId)).toEqual(["C4", "C9"]);
    const missed = await get(
      `/api/v1/metrics/cases?metric=slaFirstResponseAttainment&${P}&${AS_OF}`,
    );
    expect(
      missed.items.map((item: { caseId: string; value: number }) => [item.caseId, item.value]),
    ).toEqual([
      ["C1", 1],
      ["C2", 1],
      ["C4", 0],
      ["C6", 1],
    ]);
  });

  it("serves the catalogue", async () => {
    const body = await get("/api/v1/metrics/catalogue");
    expect(body.map((kpi: { name: string }) => kpi.name)).toEqual([...KPI_NAMES]);
    expect(body.find((kpi: { name: string }) => kpi.name === "fcrRate")).toMatchObject({
      unit: "fraction",
      better: "higher",
    });
  });

  it("counts for a team lead only what counted for their team", async () => {
    const lead = await t.as([{ role: "team_lead", teams: ["tech"], regions: [] }]);
    const response = await lead(`/api/v1/metrics/scorecard?${P}&${AS_OF}`);
    expect(response.statusCode, response.body).toBe(200);
    expectRows(response.json().rows, [{ ...(WEEK_BY_TEAM[1] as KpiValues), key: "all" }]);
  });

  it("agrees with the pure engine over the stored facts", async () => {
    // The API answers week-long periods from the roll-ups; the exact engine reads the facts.
    const ids = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9"];
    const facts = [...(await findFactsOfCases(t.store.db, ids)).values()];
    const hourlyCosts = await findTeamHourlyCosts(t.store.db);
    const week = {
      from: Date.parse("2026-03-02T00:00:00Z"),
      to: Date.parse("2026-03-09T00:00:00Z"),
    };
    const asOf = Date.parse("2026-03-20T00:00:00Z");
    const exact = (by?: "team" | "agent" | "channel") =>
      computeKpis(facts, by === undefined ? week : { ...week, by }, asOf, { hourlyCosts });
    expectRows(exact(), [{ key: "all", ...WEEK_ALL }]);
    expectRows(exact("team"), WEEK_BY_TEAM);
    expectRows(exact("agent"), WEEK_BY_AGENT);
    expectRows(exact("channel"), WEEK_BY_CHANNEL);
  });

  it("changes nothing on a second import or a rebuild", async () => {
    const before = await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}&by=agent`);
    const again = await importEvents(
      t.store.db,
      fs.readFileSync(WEEK_FIXTURE, "utf8").split("\n"),
      {
        skipInvalid: false,
        strict: false,
        actor: SYSTEM_ACTORS.cli,
      },
    );
    expect(again.duplicates).toBe(49);
    const report = await rebuildMetrics(t.store.db);
    expect(report).toMatchObject({ cases: 9, changed: 0 });
    expect(await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}&by=agent`)).toEqual(before);
  });

  it("moves a customer's cases to their new tier", async () => {
    const byTier = async () =>
      Object.fromEntries(
        (await get(`/api/v1/metrics/scorecard?${P}&${AS_OF}&by=tier`)).rows.map(
          (row: { key: string; casesOpened: number }) => [row.key, row.casesOpened],
        ),
      );
    // Opened in P: gold (cu1) C1, C6; silver (cu2) C2, C4; bronze (cu3) C3.
    expect(await byTier()).toEqual({ bronze: 1, gold: 2, silver: 2 });
    const upgraded = await t.inject({
      method: "POST",
      url: "/api/v1/events",
      payload: {
        type: "customer.upserted",
        at: "2026-03-20T00:00:00Z",
        customer: "cu3",
        tier: "gold",
        segment: "consumer",
        region: "emea",
      },
    });
    expect(upgraded.statusCode, upgraded.body).toBe(201);
    expect(await byTier()).toEqual({ gold: 3, silver: 2 });
  });
});

describe.each(STORE_KINDS)("metrics bad input on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it.each([
    [
      "an unknown metric",
      `/metrics/series?metrics=casesOpened,happiness&bucket=day&${P}`,
      "request.invalid",
      "querystring.metrics",
    ],
    ["an unknown slice", `/metrics/scorecard?${P}&by=colour`, "request.invalid", "querystring.by"],
    [
      "an unknown bucket",
      `/metrics/series?metrics=backlog&bucket=fortnight&${P}`,
      "request.invalid",
      "querystring.bucket",
    ],
    [
      "an unknown filter",
      `/metrics/scorecard?${P}&colour=red`,
      "request.invalid",
      "querystring.colour",
    ],
    [
      "from after to",
      "/metrics/scorecard?from=2026-03-09T00:00:00Z&to=2026-03-02T00:00:00Z",
      "request.invalid",
      "querystring.from",
    ],
    [
      "a period over the maximum",
      "/metrics/scorecard?from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z",
      "metrics.period_too_long",
      "querystring.to",
    ],
    [
      "too many buckets",
      "/metrics/series?metrics=backlog&bucket=hour&from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z",
      "metrics.period_too_long",
      "querystring.bucket",
    ],
    [
      "a date that is not ISO-8601",
      "/metrics/scorecard?from=yesterday&to=2026-03-02T00:00:00Z",
      "request.invalid",
      "querystring.from",
    ],
    [
      "a date without offset",
      "/metrics/scorecard?from=2026-03-01T00:00:00&to=2026-03-02T00:00:00Z",
      "request.invalid",
      "querystring.from",
    ],
    ["a bad asOf", `/metrics/scorecard?${P}&asOf=soon`, "request.invalid", "querystring.asOf"],
    [
      "a missing period",
      "/metrics/scorecard?to=2026-03-02T00:00:00Z",
      "request.invalid",
      "querystring.from",
    ],
    [
      "an unknown drill-down metric",
      `/metrics/cases?metric=happiness&${P}`,
      "request.invalid",
      "querystring.metric",
    ],
    [
      "a tampered cursor",
      `/metrics/cases?metric=casesOpened&${P}&cursor=xyz`,
      "request.invalid_cursor",
      "querystring.cursor",
    ],
  ])("answers %s with a 400 naming the parameter", async (_name, url, code, field) => {
    const response = await t.inject(`/api/v1${url}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code, field });
  });

  it("honours the configured maximum period", async () => {
    const short = await createTestApp(kind, { metricsMaxPeriodDays: 7 });
    try {
      const ok = await short.inject(`/api/v1/metrics/scorecard?${P}`);
      expect(ok.statusCode).toBe(200);
      const over = await short.inject(
        "/api/v1/metrics/scorecard?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:01Z",
      );
      expect(over.json().error).toMatchObject({
        code: "metrics.period_too_long",
        field: "querystring.to",
      });
    } finally {
      await short.close();
    }
  });

  it("refuses callers without metrics:read", async () => {
    const agent = await t.as([{ role: "agent", teams: [], regions: [] }]);
    const refused = await agent(`/api/v1/metrics/scorecard?${P}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("access.forbidden");
  });
});

/**
 * Saved scorecards on a real store. The day of 2 March 2026 (UTC) holds three cases:
 *
 * | case | team      | opened | first public reply    | resolved | CSAT          |
 * |------|-----------|--------|-----------------------|----------|---------------|
 * | c1   | billing   | 09:00  | 09:30 (30 min)        | 11:00    | 5 (satisfied) |
 * | c2   | billing   | 10:00  | 11:30 (90 min)        | 14:00    | 2             |
 * | c3   | technical | 12:00  | 12:10 (10 min)        | —        | —             |
 *
 * So for billing: 2 opened, 2 resolved, median first response (30 + 90) / 2 = 60 min, CSAT 1 of
 * 2 answers satisfied = 50, reopen rate 0 / 2 = 0. For technical: 1 opened, first response 10.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";
import { checkEvent } from "../events/event-validation.js";

const DAY_START = Date.UTC(2026, 2, 2);
const at = (hour: number, minute = 0) =>
  new Date(DAY_START + (hour * 60 + minute) * 60_000).toISOString();
const PERIOD = `from=${at(0)}&to=${at(24)}`;

function opened(id: string, team: string, hour: number): ThroughlineEvent {
  return {
    type: "case.opened",
    id: `${id}-opened`,
    at: at(hour),
    case: id,
    customer: "cus-1",
    channel: "email",
    category: team === "billing" ? "billing/refund" : "technical/bug",
    priority: "normal",
    team,
  };
}

const HISTORY: ThroughlineEvent[] = [
  { type: "team.upserted", at: at(0), team: "billing", name: "Billing", hourlyCost: 40 },
  { type: "team.upserted", at: at(0), team: "technical", name: "Technical", hourlyCost: 50 },
  {
    type: "customer.upserted",
    at: at(0),
    customer: "cus-1",
    tier: "gold",
    segment: "smb",
    region: "emea",
  },
  { type: "agent.upserted", at: at(0), agent: "ann", team: "billing" },
  { type: "agent.upserted", at: at(0), agent: "tom", team: "technical" },
  opened("c1", "billing", 9),
  { type: "case.replied", at: at(9, 30), case: "c1", by: "agent:ann", public: true },
  { type: "case.resolved", at: at(11), case: "c1" },
  { type: "survey.answered", at: at(12), case: "c1", kind: "csat", score: 5 },
  opened("c2", "billing", 10),
  { type: "case.replied", at: at(11, 30), case: "c2", by: "agent:ann", public: true },
  { type: "case.resolved", at: at(14), case: "c2" },
  { type: "survey.answered", at: at(15), case: "c2", kind: "csat", score: 2 },
  opened("c3", "technical", 12),
  { type: "case.replied", at: at(12, 10), case: "c3", by: "agent:tom", public: true },
];

const BILLING_CARD = {
  name: "Billing: speed and satisfaction",
  description: "The billing journey, ops and CX side by side",
  filter: { team: "billing" },
  metrics: [
    { metric: "csat", target: 80, amberWithin: 10 },
    { metric: "firstResponseMedianMinutes", target: 45, amberWithin: 30 },
    { metric: "reopenRate", target: 0.1 },
    { metric: "casesOpened" },
  ],
};

describe.each(STORE_KINDS)("scorecards on %s", (kind) => {
  let t: TestApp;
  let billingId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const pending = HISTORY.map((event) => {
      const checked = checkEvent(event);
      if (!checked.ok) throw new Error(JSON.stringify(checked.problem));
      return { event: checked.event, atMs: checked.atMs };
    });
    await recordEvents(t.store.db, pending, { createMissing: false });
  });
  afterAll(() => t.close());

  it("saves a scorecard with the KPIs' own directions as defaults", async () => {
    const created = await t.inject({
      method: "POST",
      url: "/api/v1/scorecards",
      payload: BILLING_CARD,
    });
    expect(created.statusCode, created.body).toBe(201);
    billingId = created.json().id;
    expect(created.json()).toMatchObject({
      name: "Billing: speed and satisfaction",
      by: null,
      filter: { team: "billing" },
      metrics: [
        { metric: "csat", target: 80, direction: "higher", amberWithin: 10 },
        { metric: "firstResponseMedianMinutes", target: 45, direction: "lower", amberWithin: 30 },
        { metric: "reopenRate", target: 0.1, direction: "lower", amberWithin: 0 },
        { metric: "casesOpened", target: null, direction: "lower", amberWithin: 0 },
      ],
    });
    expect((await t.inject(`/api/v1/scorecards/${billingId}`)).json().name).toBe(BILLING_CARD.name);
    expect((await t.inject("/api/v1/scorecards")).json().items).toHaveLength(1);
  });

  it("shows operations and experience side by side, red/amber/green against the targets", async () => {
    const response = await t.inject(`/api/v1/scorecards/${billingId}/result?${PERIOD}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      scorecard: { id: billingId, name: BILLING_CARD.name },
      from: at(0),
      to: at(24),
      by: null,
      filter: { team: "billing" },
      rows: [
        {
          key: "all",
          cells: [
            {
              metric: "firstResponseMedianMinutes",
              side: "operations",
              value: 60,
              target: 45,
              direction: "lower",
              amberWithin: 30,
              status: "amber",
            },
            {
              metric: "casesOpened",
              side: "operations",
              value: 2,
              target: null,
              direction: "lower",
              amberWithin: 0,
              status: "none",
            },
            {
              metric: "csat",
              side: "experience",
              value: 50,
              target: 80,
              direction: "higher",
              amberWithin: 10,
              status: "red",
            },
            {
              metric: "reopenRate",
              side: "experience",
              value: 0,
              target: 0.1,
              direction: "lower",
              amberWithin: 0,
              status: "green",
            },
          ],
        },
      ],
      summary: { green: 1, amber: 1, red: 1, none: 1 },
    });
  });

  it("compares teams row by row with `by`, and replaces and deletes scorecards", async () => {
    const created = await t.inject({
      method: "POST",
      url: "/api/v1/scorecards",
      payload: {
        name: "Teams",
        by: "team",
        metrics: [{ metric: "firstResponseMedianMinutes", target: 45, amberWithin: 20 }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const result = (await t.inject(`/api/v1/scorecards/${id}/result?${PERIOD}`)).json();
    const byTeam = Object.fromEntries(
      result.rows.map((row: { key: string; cells: { value: number; status: string }[] }) => [
        row.key,
        [row.cells[0]?.value, row.cells[0]?.status],
      ]),
    );
    expect(byTeam).toEqual({ billing: [60, "amber"], technical: [10, "green"] });

    const replaced = await t.inject({
      method: "PUT",
      url: `/api/v1/scorecards/${id}`,
      payload: {
        name: "Teams, strict",
        by: "team",
        metrics: [{ metric: "firstResponseMedianMinutes", target: 45 }],
      },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const strict = (await t.inject(`/api/v1/scorecards/${id}/result?${PERIOD}`)).json();
    expect(strict.rows.find((row: { key: string }) => row.key === "billing").cells[0].status).toBe(
      "red",
    );

    expect((await t.inject({ method: "DELETE", url: `/api/v1/scorecards/${id}` })).statusCode).toBe(
      204,
    );
    const gone = await t.inject(`/api/v1/scorecards/${id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toMatchObject({ code: "scorecard.not_found", field: "params.id" });
  });

  it.each([
    ["no metrics", { metrics: [] }, "body.metrics"],
    ["an unknown KPI", { metrics: [{ metric: "happiness" }] }, "body.metrics.0.metric"],
    ["a KPI twice", { metrics: [{ metric: "csat" }, { metric: "csat" }] }, "body.metrics.1.metric"],
    [
      "a negative amber margin",
      { metrics: [{ metric: "csat", amberWithin: -1 }] },
      "body.metrics.0.amberWithin",
    ],
    ["an unknown slice filter", { filter: { planet: "mars" } }, "body.filter.planet"],
    ["rows by the filtered dimension", { by: "team" }, "body.by"],
    ["no name", { name: "" }, "body.name"],
  ])("refuses %s with 400 naming the field", async (_name, change, field) => {
    const response = await t.inject({
      method: "POST",
      url: "/api/v1/scorecards",
      payload: { ...BILLING_CARD, ...change },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: "request.invalid", field });
  });

  it.each([
    ["from=yesterday", "querystring.from", "request.invalid"],
    [`from=${at(12)}&to=${at(6)}`, "querystring.from", "request.invalid"],
    [
      "from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
      "querystring.to",
      "metrics.period_too_long",
    ],
    ["week=3", "querystring.week", "request.invalid"],
  ])("refuses the period %s naming %s", async (query, field, code) => {
    const response = await t.inject(`/api/v1/scorecards/${billingId}/result?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code, field });
  });

  it("lets analysts read scorecards but not change them", async () => {
    const analyst = await t.as([{ role: "analyst", teams: [], regions: [] }]);
    expect((await analyst(`/api/v1/scorecards/${billingId}/result?${PERIOD}`)).statusCode).toBe(
      200,
    );
    const refused = await analyst({
      method: "POST",
      url: "/api/v1/scorecards",
      payload: BILLING_CARD,
    });
    expect(refused.statusCode).toBe(403);
    const lead = await t.as([{ role: "team_lead", teams: [], regions: [] }]);
    const saved = await lead({ method: "POST", url: "/api/v1/scorecards", payload: BILLING_CARD });
    expect(saved.statusCode, saved.body).toBe(201);
  });
});

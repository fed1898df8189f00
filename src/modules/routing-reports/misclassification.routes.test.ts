import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTeam, createTestApp, type TestApp } from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { importEvents } from "../events/event-import.js";

const URL = "/api/v1/routing/misclassification";
const JANUARY = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";

/**
 * Eight cases opened in January 2026 (two more outside it), by hand:
 *
 * | case | opened with      | first routed by      | handoffs                      | now            |
 * |------|------------------|----------------------|-------------------------------|----------------|
 * | c1   | billing/refund   | refunds → billing    | —                             | billing        |
 * | c2   | billing/refund   | refunds → billing    | billing → returns             | returns        |
 * | c3   | billing/refund   | refunds → billing    | billing → returns → technical | technical      |
 * | c4   | billing/refund   | refunds → billing    | — (re-categorised to returns/exchange, re-routed to technical by no rule) | technical |
 * | c5   | technical/outage | outages → technical  | technical → billing           | billing        |
 * | c6   | technical/outage | outages → technical  | —                             | technical      |
 * | c7   | returns/exchange | (no rule) → returns  | —                             | returns        |
 * | c8   | returns/exchange | not routed (returns) | —                             | returns        |
 *
 * Per original category: billing/refund 4 cases, 2 transferred (3 handoffs: 2 to returns, 1 to
 * technical), rate 0.5, 1 re-categorised (c4 counts here, not under returns/exchange), 0.25;
 * technical/outage 2, 1 (1 to billing), 0.5, 0; returns/exchange 2, 0, 0, 0.
 * Per first rule: refunds 4, 2 (3), 0.5, 1 → 0.25 (c4's re-routing does not move it);
 * outages 2, 1 (1), 0.5; no rule (c7, c8) 2, 0.
 * Totals: 8 cases, 3 transferred, 4 handoffs, 1 re-categorised.
 */
function januaryHistory(): object[] {
  const at = (day: number, hour: number) =>
    `2026-01-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;
  const events: object[] = [
    {
      type: "customer.upserted",
      at: at(1, 0),
      customer: "ada",
      tier: "gold",
      segment: "smb",
      region: "emea",
    },
    {
      type: "customer.upserted",
      at: at(1, 0),
      customer: "bob",
      tier: "silver",
      segment: "smb",
      region: "amer",
    },
  ];
  const open = (id: string, day: number, category: string, team: string, customer = "ada") =>
    events.push({
      type: "case.opened",
      at: at(day, 9),
      case: id,
      customer,
      channel: "email",
      category,
      priority: "normal",
      team,
    });
  const route = (id: string, day: number, team: string, rule: string | null, hour = 9) =>
    events.push({
      type: "case.routed",
      at: at(day, hour),
      case: id,
      team,
      priority: "normal",
      rule,
    });
  const handoff = (id: string, day: number, hour: number, from: string, to: string) =>
    events.push({ type: "case.handoff", at: at(day, hour), case: id, from, to });

  for (const [id, day] of [
    ["c1", 5],
    ["c2", 6],
    ["c3", 7],
    ["c4", 8],
  ] as const) {
    open(id, day, "billing/refund", "frontline");
    route(id, day, "billing", "refunds");
  }
  handoff("c2", 6, 11, "billing", "returns");
  handoff("c3", 7, 11, "billing", "returns");
  handoff("c3", 7, 13, "returns", "technical");
  events.push({
    type: "case.recategorised",
    at: at(8, 12),
    case: "c4",
    category: "returns/exchange",
    previous: "billing/refund",
  });
  route("c4", 8, "technical", null, 12);
  for (const [id, day] of [
    ["c5", 10],
    ["c6", 11],
  ] as const) {
    open(id, day, "technical/outage", "frontline", "bob");
    route(id, day, "technical", "outages");
  }
  handoff("c5", 10, 12, "technical", "billing");
  open("c7", 12, "returns/exchange", "frontline");
  route("c7", 12, "returns", null);
  open("c8", 13, "returns/exchange", "returns");
  // Outside January: not counted.
  events.push({
    type: "case.opened",
    at: "2025-12-31T23:59:59Z",
    case: "december",
    customer: "ada",
    channel: "email",
    category: "billing/refund",
    priority: "normal",
    team: "billing",
  });
  events.push({
    type: "case.opened",
    at: "2026-02-01T00:00:00Z",
    case: "february",
    customer: "ada",
    channel: "email",
    category: "billing/refund",
    priority: "normal",
    team: "billing",
  });
  events.push({
    type: "case.handoff",
    at: "2026-02-01T01:00:00Z",
    case: "february",
    from: "billing",
    to: "returns",
  });
  return events;
}

describe.each(STORE_KINDS)("routing misclassification report on %s", (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const id of ["frontline", "billing", "technical", "returns"]) {
      const created = await t.inject({
        method: "POST",
        url: "/api/v1/teams",
        payload: buildTeam({ id, name: id }),
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const rules = await t.inject({
      method: "PUT",
      url: "/api/v1/routing/rules",
      payload: {
        document: {
          enabled: true,
          fallbackTeam: null,
          rules: [
            {
              id: "refunds",
              name: "Refunds to billing",
              enabled: true,
              match: "all",
              conditions: [{ field: "case.category", op: "equals", value: "billing/refund" }],
              actions: { setTeam: "billing" },
              stop: false,
            },
          ],
        },
      },
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const events = januaryHistory();
    const report = await importEvents(
      t.store.db,
      events.map((event) => JSON.stringify(event)),
      {
        skipInvalid: false,
        strict: false,
        actor: SYSTEM_ACTORS.cli,
      },
    );
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(events.length);
  });
  afterAll(() => t.close());

  it("names the categories and rules with the highest transfer rates, counting cases under their original category", async () => {
    const response = await t.inject(`${URL}?${JANUARY}&minCases=2`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-02-01T00:00:00.000Z",
      totals: { cases: 8, transferred: 3, transfers: 4, recategorised: 1 },
      byCategory: [
        {
          category: "billing/refund",
          cases: 4,
          transferred: 2,
          transfers: 3,
          transferRate: 0.5,
          recategorised: 1,
          recategorisationRate: 0.25,
          topDestinations: [
            { team: "returns", transfers: 2 },
            { team: "technical", transfers: 1 },
          ],
        },
        {
          category: "technical/outage",
          cases: 2,
          transferred: 1,
          transfers: 1,
          transferRate: 0.5,
          recategorised: 0,
          recategorisationRate: 0,
          topDestinations: [{ team: "billing", transfers: 1 }],
        },
        {
          category: "returns/exchange",
          cases: 2,
          transferred: 0,
          transfers: 0,
          transferRate: 0,
          recategorised: 0,
          recategorisationRate: 0,
          topDestinations: [],
        },
      ],
      byRule: [
        {
          rule: "refunds",
          // The rule is in the rules in force; "outages" is not (any more).
          name: "Refunds to billing",
          cases: 4,
          transferred: 2,
          transfers: 3,
          transferRate: 0.5,
          recategorised: 1,
          recategorisationRate: 0.25,
        },
        {
          rule: "outages",
          name: null,
          cases: 2,
          transferred: 1,
          transfers: 1,
          transferRate: 0.5,
          recategorised: 0,
          recategorisationRate: 0,
        },
        {
          rule: null,
          name: null,
          cases: 2,
          transferred: 0,
          transfers: 0,
          transferRate: 0,
          recategorised: 0,
          recategorisationRate: 0,
        },
      ],
    });
  });

  it("leaves out groups with fewer than minCases cases (5 by default) but counts them in the totals", async () => {
    const byDefault = (await t.inject(`${URL}?${JANUARY}`)).json();
    expect(byDefault.totals.cases).toBe(8);
    expect(byDefault.byCategory).toEqual([]);
    expect(byDefault.byRule).toEqual([]);
    const three = (await t.inject(`${URL}?${JANUARY}&minCases=3`)).json();
    expect(three.byCategory.map((row: { category: string }) => row.category)).toEqual([
      "billing/refund",
    ]);
    expect(three.byRule.map((row: { rule: string }) => row.rule)).toEqual(["refunds"]);
  });

  it("narrows to the cases routing first sent to a team", async () => {
    // c5 and c6 were routed to technical; c3 and c4 ended there but were first sent to billing.
    const response = await t.inject(`${URL}?${JANUARY}&team=technical&minCases=1`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().totals).toEqual({
      cases: 2,
      transferred: 1,
      transfers: 1,
      recategorised: 0,
    });
    expect(response.json().byRule).toMatchObject([{ rule: "outages", cases: 2 }]);
  });

  it("counts only the cases inside the caller's scope", async () => {
    // A billing team lead sees the cases now with billing: c1 and c5.
    const lead = await t.as([{ role: "team_lead", teams: ["billing"], regions: [] }]);
    const response = await lead(`${URL}?${JANUARY}&minCases=1`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().totals).toEqual({
      cases: 2,
      transferred: 1,
      transfers: 1,
      recategorised: 0,
    });
    const agent = await t.as([{ role: "agent", teams: ["billing"], regions: [] }]);
    expect((await agent(`${URL}?${JANUARY}`)).statusCode).toBe(403);
  });

  it("defaults to the last 30 days", async () => {
    const response = await t.inject(URL);
    expect(response.statusCode, response.body).toBe(200);
    const { from, to } = response.json();
    expect(Date.parse(to) - Date.parse(from)).toBe(30 * 86_400_000);
    expect(Math.abs(Date.parse(to) - Date.now())).toBeLessThan(60_000);
  });

  it("answers bad windows with a 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "querystring.from"],
      ["from=yesterday", "querystring.from"],
      ["to=2026-13-01T00:00:00Z", "querystring.to"],
      ["from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "querystring.from"],
      ["minCases=0", "querystring.minCases"],
      ["colour=blue", "querystring.colour"],
    ];
    for (const [query, field] of cases) {
      const response = await t.inject(`${URL}?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error, query).toMatchObject({ code: "request.invalid", field });
    }
  });
});

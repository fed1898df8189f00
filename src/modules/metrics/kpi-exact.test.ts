import { describe, expect, it } from "vitest";
import type { CaseFacts } from "./case-facts.js";
import { computeKpiSeries, computeKpis } from "./kpi-exact.js";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/** A case opened at `openedAt` in billing, with everything else given. */
function facts(caseId: string, openedAt: number, extra: Partial<CaseFacts> = {}): CaseFacts {
  return {
    caseId,
    customerId: "cu1",
    channel: "chat",
    category: "billing/refund",
    categoryTop: "billing",
    region: "emea",
    tier: "gold",
    segment: "smb",
    openedAt,
    openedTeam: "billing",
    firstResponseAt: null,
    firstResponseAgent: null,
    escalated: false,
    firstResponseDueAt: null,
    firstResolvedAt: null,
    resolvedTeam: null,
    resolvedAgent: null,
    reopened: false,
    recontactedBy: null,
    handoffs: [],
    worked: [],
    surveys: [],
    backlog: [{ from: openedAt, until: null, team: "billing", agent: "unassigned" }],
    ...extra,
  };
}

const day = { from: at("2026-03-02T00:00:00Z"), to: at("2026-03-03T00:00:00Z") };
const nine = at("2026-03-02T09:00:00Z");

describe("computeKpis", () => {
  it("counts AHT over distinct cases and prices each team's hours", () => {
    // c1 worked twice (600 s + 300 s) in billing, c2 once (900 s) in tech: 1800 s over 2 cases
    // → 15 min. Cost: billing 900 s × 40/h = 10, tech 900 s × 80/h = 20; 30 over 2 resolved.
    const resolved = (id: string, team: string) =>
      facts(id, nine, {
        firstResolvedAt: nine + 2 * HOUR,
        resolvedTeam: team,
        resolvedAgent: "a1",
        backlog: [{ from: nine, until: nine + 2 * HOUR, team, agent: "a1" }],
      });
    const rows = computeKpis(
      [
        {
          ...resolved("c1", "billing"),
          worked: [
            { at: nine + HOUR, seconds: 600, team: "billing", agent: "a1" },
            { at: nine + HOUR + 60_000, seconds: 300, team: "billing", agent: "a1" },
          ],
        },
        {
          ...resolved("c2", "tech"),
          worked: [{ at: nine + HOUR, seconds: 900, team: "tech", agent: "t1" }],
        },
      ],
      day,
      nine,
      {
        hourlyCosts: new Map([
          ["billing", 40],
          ["tech", 80],
        ]),
      },
    );
    expect(rows[0]).toMatchObject({ key: "all", ahtMinutes: 15, costPerCase: 15 });
    // A worked team without an hourly cost leaves the cost undefined.
    const unpriced = computeKpis(
      [
        {
          ...resolved("c2", "tech"),
          worked: [{ at: nine, seconds: 60, team: "tech", agent: "t1" }],
        },
      ],
      day,
      nine,
      { hourlyCosts: new Map([["tech", null]]) },
    );
    expect(unpriced[0]?.costPerCase).toBeNull();
  });

  it("keeps slice values with only a backlog, and drops those with nothing", () => {
    // c1 was opened before the day and is still held by billing; c2 moved from tech to billing
    // before the day: tech has nothing in the day and no backlog at its end.
    const before = at("2026-03-01T09:00:00Z");
    const rows = computeKpis(
      [
        facts("c1", before),
        facts("c2", before, {
          backlog: [
            { from: before, until: before + HOUR, team: "tech", agent: "unassigned" },
            { from: before + HOUR, until: null, team: "billing", agent: "unassigned" },
          ],
        }),
      ],
      { ...day, by: "team" },
      nine,
    );
    expect(rows.map((row) => [row.key, row.backlog, row.casesOpened])).toEqual([["billing", 2, 0]]);
  });

  it("counts an unanswered case as missed only once its due time is before asOf", () => {
    const due = nine + HOUR;
    const cases = [facts("c1", nine, { firstResponseDueAt: due })];
    expect(computeKpis(cases, day, due)[0]?.slaFirstResponseAttainment).toBeNull();
    expect(computeKpis(cases, day, due + 1)[0]?.slaFirstResponseAttainment).toBe(0);
  });
});

describe("computeKpiSeries", () => {
  it("carries the backlog into the first bucket and keeps empty buckets", () => {
    const before = at("2026-03-01T09:00:00Z");
    const series = computeKpiSeries(
      [
        facts("c1", before),
        facts("c2", at("2026-03-02T10:30:00Z"), {
          firstResolvedAt: at("2026-03-02T12:10:00Z"),
          resolvedTeam: "billing",
          resolvedAgent: "unassigned",
          backlog: [
            {
              from: at("2026-03-02T10:30:00Z"),
              until: at("2026-03-02T12:10:00Z"),
              team: "billing",
              agent: "unassigned",
            },
          ],
        }),
      ],
      {
        from: at("2026-03-02T09:00:00Z"),
        to: at("2026-03-02T13:00:00Z"),
        bucket: "hour",
        metrics: ["casesOpened", "casesResolved", "backlog"],
      },
      nine,
    );
    expect(series).toHaveLength(1);
    expect(series[0]?.points.map((point) => point.values)).toEqual([
      { casesOpened: 0, casesResolved: 0, backlog: 1 },
      { casesOpened: 1, casesResolved: 0, backlog: 2 },
      { casesOpened: 0, casesResolved: 0, backlog: 2 },
      { casesOpened: 0, casesResolved: 1, backlog: 1 },
    ]);
  });
});

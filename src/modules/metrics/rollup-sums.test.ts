import { describe, expect, it } from "vitest";
import { type CaseFacts, contributionsOf } from "./case-facts.js";
import { RollupAccumulator, spanClassOf, workSpanOf } from "./rollup.service.js";
import {
  ROW_DIMENSIONS,
  type RollupEntry,
  type RollupSums,
  rollupEntriesOf,
} from "./rollup-sums.js";

const at = (iso: string) => Date.parse(iso);
const bit = (dimension: (typeof ROW_DIMENSIONS)[number]) => 1 << ROW_DIMENSIONS.indexOf(dimension);
const ALL_BITS = (1 << ROW_DIMENSIONS.length) - 1;

/**
 * Opened Mon 2 Mar 2026 09:10 in billing, answered 09:40 by a1 (due 10:10: met), worked by a1
 * 09:30 (300 s) and a2 11:05 (120 s), handed to tech 17:00, worked by a1 Tue 08:00 (600 s),
 * resolved Tue 09:00 by tech/a1, a CSAT 5 on Wed.
 */
const FACTS: CaseFacts = {
  caseId: "c1",
  customerId: "cus-1",
  channel: "email",
  category: "billing/refund",
  categoryTop: "billing",
  region: "emea",
  tier: "gold",
  segment: "smb",
  openedAt: at("2026-03-02T09:10:00Z"),
  openedTeam: "billing",
  firstResponseAt: at("2026-03-02T09:40:00Z"),
  firstResponseAgent: "a1",
  escalated: false,
  firstResponseDueAt: at("2026-03-02T10:10:00Z"),
  firstResolvedAt: at("2026-03-03T09:00:00Z"),
  resolvedTeam: "tech",
  resolvedAgent: "a1",
  reopened: false,
  recontactedBy: null,
  handoffs: [{ at: at("2026-03-02T17:00:00Z"), from: "billing", to: "tech" }],
  worked: [
    { at: at("2026-03-02T09:30:00Z"), seconds: 300, team: "billing", agent: "a1" },
    { at: at("2026-03-02T11:05:00Z"), seconds: 120, team: "billing", agent: "a2" },
    { at: at("2026-03-03T08:00:00Z"), seconds: 600, team: "tech", agent: "a1" },
  ],
  surveys: [{ at: at("2026-03-04T10:00:00Z"), kind: "csat", score: 5, team: "tech", agent: "a1" }],
  backlog: [
    {
      from: at("2026-03-02T09:10:00Z"),
      until: at("2026-03-02T17:00:00Z"),
      team: "billing",
      agent: "a1",
    },
    {
      from: at("2026-03-02T17:00:00Z"),
      until: at("2026-03-03T09:00:00Z"),
      team: "tech",
      agent: "unassigned",
    },
  ],
};

function entriesOf(facts: CaseFacts, field: RollupEntry["field"]): RollupEntry[] {
  return rollupEntriesOf(facts, contributionsOf(facts)).filter((entry) => entry.field === field);
}

describe("roll-up entries of a case", () => {
  it("marks the first work per slice value, not only the case's first work", () => {
    const firsts = entriesOf(FACTS, "workFirst");
    expect(firsts.map((entry) => [new Date(entry.at).toISOString(), entry.mask])).toEqual([
      // a1 in billing: first for every dimension.
      ["2026-03-02T09:30:00.000Z", ALL_BITS],
      // a2: a new agent only.
      ["2026-03-02T11:05:00.000Z", bit("agent")],
      // a1 again, now in tech: a new team only.
      ["2026-03-03T08:00:00.000Z", bit("team")],
    ]);
  });

  it("marks the first work per slice value within each hour, day and month", () => {
    const cases = entriesOf(FACTS, "workedCase");
    expect(cases.map((entry) => entry.grainMasks)).toEqual([
      [ALL_BITS, ALL_BITS, ALL_BITS],
      // Another hour; the same day and month, where only the agent is new.
      [ALL_BITS, bit("agent"), bit("agent")],
      // Another hour and day; in the month only the team is new (a1 worked it before).
      [ALL_BITS, ALL_BITS, bit("team")],
    ]);
  });

  it("keeps an answered case out of the pending first responses", () => {
    expect(entriesOf(FACTS, "slaUnanswered")).toEqual([]);
    const unanswered = { ...FACTS, firstResponseAt: null, firstResponseAgent: null };
    const [pending] = entriesOf(unanswered, "slaUnanswered");
    expect(pending?.at).toBe(FACTS.openedAt);
    // The opening's slice values: opening team, nobody answered.
    expect(pending?.dims).toEqual([
      "billing",
      "email",
      "billing/refund",
      "billing",
      "emea",
      "gold",
      "smb",
      "unassigned",
    ]);
  });

  it("sums a case into rows and takes it back out to nothing", () => {
    const entries = rollupEntriesOf(FACTS, contributionsOf(FACTS));
    const accumulator = new RollupAccumulator();
    for (const entry of entries) accumulator.addEntry(entry, 1);
    const rows = accumulator.rows();
    const day = (dim: string, key: string, iso: string) =>
      rows.find(
        (row) => row.grain === "d" && row.dim === dim && row.key === key && row.bucket === at(iso),
      )?.sums;
    const monday = day("all", "all", "2026-03-02T00:00:00Z") as RollupSums;
    expect(monday.get("opened")).toBe(1);
    expect(monday.get("sla_target")).toBe(1);
    expect(monday.get("sla_met")).toBe(1);
    expect(monday.get("worked_seconds")).toBe(420);
    expect(monday.get("worked_cases")).toBe(1);
    expect(monday.get("work_first")).toBe(1);
    // In at 09:10, out of billing and into tech at 17:00: still one case in the backlog.
    expect(monday.get("backlog_delta")).toBe(1);
    expect(monday.firstResponse.percentile(0.5)).toBeCloseTo(30, 0);
    expect(day("team", "tech", "2026-03-03T00:00:00Z")?.get("resolved")).toBe(1);
    // Tech took the case in on Monday and resolved it on Tuesday.
    expect(day("team", "tech", "2026-03-02T00:00:00Z")?.get("backlog_delta")).toBe(1);
    expect(day("team", "tech", "2026-03-03T00:00:00Z")?.get("backlog_delta")).toBe(-1);
    expect(day("team", "billing", "2026-03-02T00:00:00Z")?.get("backlog_delta")).toBe(0);
    expect(day("agent", "a1", "2026-03-04T00:00:00Z")?.get("csat_good")).toBe(1);
    const march = rows.find(
      (row) => row.grain === "m" && row.dim === "agent" && row.key === "a1",
    )?.sums;
    expect(march?.get("work_first")).toBe(1);
    expect(Object.fromEntries(march?.workedByTeam ?? [])).toEqual({ billing: 300, tech: 600 });

    const undone = new RollupAccumulator();
    for (const entry of entries) undone.addEntry(entry, 1);
    for (const entry of entries) undone.addEntry(entry, -1);
    expect(undone.rows()).toEqual([]);
  });

  it("keeps the worked span of a case worked at several instants", () => {
    const span = workSpanOf("c1", rollupEntriesOf(FACTS, contributionsOf(FACTS)));
    expect(span?.firstAt).toBe(at("2026-03-02T09:30:00Z"));
    expect(span?.lastAt).toBe(at("2026-03-03T08:00:00Z"));
    // 22.5 hours = 1,350 minutes: class 11 (up to 2,048 minutes).
    expect(span?.spanClass).toBe(11);
    const worked = JSON.parse(span?.worked ?? "{}") as { dims: string[][]; at: number[][] };
    expect(worked.at.map(([, index]) => worked.dims[index as number]?.[7])).toEqual([
      "a1",
      "a2",
      "a1",
    ]);
    const once = { ...FACTS, worked: FACTS.worked.slice(0, 1) };
    expect(workSpanOf("c1", rollupEntriesOf(once, contributionsOf(once)))).toBeNull();
    expect([0.5, 1, 1.01, 2, 3, 1024, 1025].map(spanClassOf)).toEqual([0, 0, 1, 1, 2, 10, 11]);
  });
});

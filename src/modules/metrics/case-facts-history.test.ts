import { describe, expect, it } from "vitest";
import type { ThroughlineEvent } from "../events/event.types.js";
import { contributionsOf } from "./case-facts.js";
import { deriveCaseFacts, findRecontacts, type RecontactInput } from "./case-facts-history.js";

const DAY_MS = 86_400_000;
const at = (iso: string) => Date.parse(iso);

/** A history from events written as in an NDJSON file. */
function history(events: Record<string, unknown>[]) {
  return events.map((event) => ({
    type: event.type as string,
    at: at(event.at as string),
    data: event as unknown as ThroughlineEvent,
  }));
}

const opened = {
  type: "case.opened",
  at: "2026-03-02T09:00:00Z",
  case: "c1",
  customer: "cu1",
  channel: "chat",
  category: "billing/refund",
  priority: "normal",
  team: "billing",
};
const context = {
  customer: { tier: "gold", segment: "smb", region: "emea" },
  firstResponseDueAt: at("2026-03-02T10:00:00Z"),
  recontactedBy: null,
};

describe("deriveCaseFacts", () => {
  it("follows team, agent and status through the history", () => {
    const facts = deriveCaseFacts(
      history([
        opened,
        { type: "case.assigned", at: "2026-03-02T09:05:00Z", case: "c1", agent: "a1" },
        {
          type: "case.replied",
          at: "2026-03-02T09:20:00Z",
          case: "c1",
          by: "customer",
          public: true,
        },
        {
          type: "case.replied",
          at: "2026-03-02T09:25:00Z",
          case: "c1",
          by: "agent:a1",
          public: false,
        },
        {
          type: "case.replied",
          at: "2026-03-02T09:30:00Z",
          case: "c1",
          by: "agent:a1",
          public: true,
        },
        {
          type: "case.handoff",
          at: "2026-03-02T10:00:00Z",
          case: "c1",
          from: "billing",
          to: "tech",
        },
        { type: "case.worked", at: "2026-03-02T10:30:00Z", case: "c1", agent: "t1", seconds: 300 },
        {
          type: "case.recategorised",
          at: "2026-03-02T10:40:00Z",
          case: "c1",
          category: "technical/login",
        },
        { type: "case.escalated", at: "2026-03-02T10:45:00Z", case: "c1", level: 1 },
        { type: "case.resolved", at: "2026-03-02T11:00:00Z", case: "c1" },
        { type: "survey.answered", at: "2026-03-02T12:00:00Z", case: "c1", kind: "csat", score: 4 },
        { type: "case.reopened", at: "2026-03-03T09:00:00Z", case: "c1" },
        { type: "case.assigned", at: "2026-03-03T09:10:00Z", case: "c1", agent: "t2" },
        { type: "case.resolved", at: "2026-03-03T10:00:00Z", case: "c1" },
      ]),
      context,
    );
    expect(facts).toEqual({
      caseId: "c1",
      customerId: "cu1",
      channel: "chat",
      category: "technical/login",
      categoryTop: "technical",
      region: "emea",
      tier: "gold",
      segment: "smb",
      openedAt: at("2026-03-02T09:00:00Z"),
      openedTeam: "billing",
      // Neither the customer's message nor the private note is a first response.
      firstResponseAt: at("2026-03-02T09:30:00Z"),
      firstResponseAgent: "a1",
      escalated: true,
      firstResponseDueAt: at("2026-03-02T10:00:00Z"),
      firstResolvedAt: at("2026-03-02T11:00:00Z"),
      // The handoff cleared the agent: the receiving team picks the case up afresh.
      resolvedTeam: "tech",
      resolvedAgent: "unassigned",
      reopened: true,
      recontactedBy: null,
      handoffs: [{ at: at("2026-03-02T10:00:00Z"), from: "billing", to: "tech" }],
      worked: [{ at: at("2026-03-02T10:30:00Z"), seconds: 300, team: "tech", agent: "t1" }],
      surveys: [
        {
          at: at("2026-03-02T12:00:00Z"),
          kind: "csat",
          score: 4,
          team: "tech",
          agent: "unassigned",
        },
      ],
      backlog: [
        {
          from: at("2026-03-02T09:00:00Z"),
          until: at("2026-03-02T09:05:00Z"),
          team: "billing",
          agent: "unassigned",
        },
        {
          from: at("2026-03-02T09:05:00Z"),
          until: at("2026-03-02T10:00:00Z"),
          team: "billing",
          agent: "a1",
        },
        {
          from: at("2026-03-02T10:00:00Z"),
          until: at("2026-03-02T11:00:00Z"),
          team: "tech",
          agent: "unassigned",
        },
        {
          from: at("2026-03-03T09:00:00Z"),
          until: at("2026-03-03T09:10:00Z"),
          team: "tech",
          agent: "unassigned",
        },
        {
          from: at("2026-03-03T09:10:00Z"),
          until: at("2026-03-03T10:00:00Z"),
          team: "tech",
          agent: "t2",
        },
      ],
    });
  });

  it("keeps pending cases in the backlog and drops spells that hold nothing", () => {
    const facts = deriveCaseFacts(
      history([
        opened,
        // Assigned at the opening instant: no spell for "unassigned".
        { type: "case.assigned", at: "2026-03-02T09:00:00Z", case: "c1", agent: "a1" },
        { type: "case.status", at: "2026-03-02T09:30:00Z", case: "c1", status: "pending_customer" },
        { type: "case.status", at: "2026-03-02T10:30:00Z", case: "c1", status: "pending_internal" },
        {
          type: "case.routed",
          at: "2026-03-02T11:00:00Z",
          case: "c1",
          team: "billing",
          rule: "r1",
          priority: "high",
        },
      ]),
      { ...context, customer: null },
    );
    expect(facts.backlog).toEqual([
      { from: at("2026-03-02T09:00:00Z"), until: null, team: "billing", agent: "a1" },
    ]);
    expect(facts).toMatchObject({ tier: "unknown", segment: "unknown", region: "unknown" });
  });

  it("ends the backlog at a closure and at a merge", () => {
    const merged = deriveCaseFacts(
      history([
        opened,
        { type: "case.merged_into", at: "2026-03-02T10:00:00Z", case: "c1", into: "c0" },
      ]),
      context,
    );
    expect(merged.backlog).toEqual([
      {
        from: at("2026-03-02T09:00:00Z"),
        until: at("2026-03-02T10:00:00Z"),
        team: "billing",
        agent: "unassigned",
      },
    ]);
    expect(merged.firstResolvedAt).toBeNull();
  });
});

describe("findRecontacts", () => {
  const resolved = at("2026-03-01T10:00:00Z");
  const input = (id: string, openedAt: number, extra: Partial<RecontactInput> = {}) => ({
    id,
    customerId: "cu1",
    categoryTop: "billing",
    openedAt,
    firstResolvedAt: null,
    ...extra,
  });

  it("counts a case opened exactly at the window's end, not one a millisecond later", () => {
    const first = input("c1", resolved - DAY_MS, { firstResolvedAt: resolved });
    expect(findRecontacts([first, input("c2", resolved + 7 * DAY_MS)], 7 * DAY_MS).get("c1")).toBe(
      "c2",
    );
    expect(
      findRecontacts([first, input("c2", resolved + 7 * DAY_MS + 1)], 7 * DAY_MS).get("c1"),
    ).toBeNull();
  });

  it("needs the same customer and top-level category, opened at or after the resolution", () => {
    const first = input("c1", resolved - DAY_MS, { firstResolvedAt: resolved });
    const recontacts = findRecontacts(
      [
        first,
        input("before", resolved - 1),
        input("other-customer", resolved + 1, { customerId: "cu2" }),
        input("other-category", resolved + 1, { categoryTop: "technical" }),
        input("at-resolution", resolved),
        input("later", resolved + 2),
      ],
      7 * DAY_MS,
    );
    expect(recontacts.get("c1")).toBe("at-resolution");
    expect(recontacts.get("before")).toBeNull();
  });
});

describe("contributionsOf", () => {
  it("anchors each KPI at its event with the slice values of that instant", () => {
    const facts = deriveCaseFacts(
      history([
        opened,
        {
          type: "case.replied",
          at: "2026-03-02T09:30:00Z",
          case: "c1",
          by: "agent:a1",
          public: true,
        },
        { type: "case.worked", at: "2026-03-02T09:40:00Z", case: "c1", agent: "a1", seconds: 60 },
        { type: "case.worked", at: "2026-03-02T09:50:00Z", case: "c1", agent: "a1", seconds: 120 },
        { type: "case.resolved", at: "2026-03-02T12:00:00Z", case: "c1" },
      ]),
      context,
    );
    const summary = contributionsOf(facts).map((c) => [
      c.field,
      c.at,
      c.value,
      c.dims.team,
      c.dims.agent,
    ]);
    const t = (iso: string) => at(`2026-03-02T${iso}:00Z`);
    expect(summary).toEqual([
      ["opened", t("09:00"), 1, "billing", "a1"],
      ["frMinutes", t("09:00"), 30, "billing", "a1"],
      ["slaTarget", t("09:00"), 1, "billing", "a1"],
      ["slaMet", t("09:00"), 1, "billing", "a1"],
      ["resolved", t("12:00"), 1, "billing", "unassigned"],
      ["resolutionHours", t("12:00"), 3, "billing", "unassigned"],
      ["fcr", t("12:00"), 1, "billing", "unassigned"],
      ["backlogDelta", t("09:00"), 1, "billing", "unassigned"],
      ["backlogDelta", t("12:00"), -1, "billing", "unassigned"],
      ["workedSeconds", t("09:40"), 60, "billing", "a1"],
      ["workFirst", t("09:40"), 1, "billing", "a1"],
      ["workedSeconds", t("09:50"), 120, "billing", "a1"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import type { Case } from "../cases/case.js";
import { isCaseEvent } from "../cases/case-lifecycle.js";
import { foldCaseEvent } from "../cases/case-projection.js";
import {
  AGENT_PRESENCES,
  CHANNELS,
  PRIORITIES,
  SETTABLE_CASE_STATUSES,
  SURVEY_KINDS,
  SURVEY_SCORE_RANGE,
  type ThroughlineEvent,
} from "../events/event.types.js";
import { simulateContactCentre } from "./simulator.js";

const END = new Date("2026-03-02T00:00:00Z");
const SMALL = { days: 21, seed: 7, scale: 0.2, end: END } as const;
const small = simulateContactCentre(SMALL);
const startMs = END.getTime() - SMALL.days * 86_400_000;

function eventsOfType<T extends ThroughlineEvent["type"]>(
  events: readonly ThroughlineEvent[],
  type: T,
): Extract<ThroughlineEvent, { type: T }>[] {
  return events.filter(
    (event): event is Extract<ThroughlineEvent, { type: T }> => event.type === type,
  );
}

describe("simulateContactCentre determinism", () => {
  it("gives byte-identical output for the same options", () => {
    const again = simulateContactCentre(SMALL);
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
  });

  it("gives different output for a different seed", () => {
    const other = simulateContactCentre({ ...SMALL, seed: 8 });
    expect(JSON.stringify(other.events)).not.toBe(JSON.stringify(small.events));
  });

  it("numbers events demo-<seed>-<n> in log order", () => {
    expect(small.events.slice(0, 3).map((event) => event.id)).toEqual([
      "demo-7-1",
      "demo-7-2",
      "demo-7-3",
    ]);
    expect(new Set(small.events.map((event) => event.id)).size).toBe(small.events.length);
  });

  it("rejects options it cannot simulate", () => {
    expect(() => simulateContactCentre({ ...SMALL, days: 0 })).toThrow(RangeError);
    expect(() => simulateContactCentre({ ...SMALL, scale: -1 })).toThrow(RangeError);
    expect(() => simulateContactCentre({ ...SMALL, end: new Date("nope") })).toThrow(RangeError);
  });
});

describe("simulateContactCentre event log", () => {
  it("summarises what it generated", () => {
    expect(small.summary).toMatchObject({ customers: 4000, teams: 8, agents: 13 });
    expect(small.summary.events).toBe(small.events.length);
    expect(small.summary.cases).toBe(eventsOfType(small.events, "case.opened").length);
    expect(small.summary.cases).toBeGreaterThan(900);
    expect(small.summary.cases).toBeLessThan(1700);
  });

  it("is sorted by time and stays inside [end - days, end)", () => {
    const times = small.events.map((event) => Date.parse(event.at));
    const outOfOrder = times.findIndex(
      (time, index) => index > 0 && time < (times[index - 1] ?? 0),
    );
    expect(outOfOrder).toBe(-1);
    expect(times[0]).toBe(startMs);
    expect(Math.max(...times)).toBeLessThan(END.getTime());
    const notCanonical = small.events.filter(
      (event) => event.at !== new Date(event.at).toISOString(),
    );
    expect(notCanonical).toEqual([]);
  });

  it("opens every case before anything else happens to it, steps a second or more apart", () => {
    const lastByCase = new Map<string, { at: number; type: string }>();
    const problems: string[] = [];
    for (const event of small.events) {
      if (!("case" in event) || typeof event.case !== "string") continue;
      const at = Date.parse(event.at);
      const previous = lastByCase.get(event.case);
      // Routing is the opening's immediate consequence: same instant, next in the log.
      const routedAtOpening =
        event.type === "case.routed" && previous?.type === "case.opened" && at === previous.at;
      if (event.type === "case.opened" && previous !== undefined) {
        problems.push(`${event.case} opened twice`);
      } else if (event.type !== "case.opened" && previous === undefined) {
        problems.push(`${event.type} of ${event.case} before case.opened`);
      } else if (previous?.type === "case.opened" && event.type !== "case.routed") {
        problems.push(`${event.type} of ${event.case} before its case.routed`);
      } else if (previous !== undefined && at <= previous.at && !routedAtOpening) {
        problems.push(`${event.type} of ${event.case} not after the case's previous event`);
      }
      lastByCase.set(event.case, { at, type: event.type });
    }
    expect(problems).toEqual([]);
  });

  it("only names teams, agents and customers the roster introduced first", () => {
    const teams = new Set(eventsOfType(small.events, "team.upserted").map((event) => event.team));
    const agentTeams = new Map(
      eventsOfType(small.events, "agent.upserted").map((event) => [event.agent, event.team]),
    );
    const customers = new Set(
      eventsOfType(small.events, "customer.upserted").map((event) => event.customer),
    );
    const problems: string[] = [];
    const check = (ok: boolean, event: ThroughlineEvent): void => {
      if (!ok) problems.push(JSON.stringify(event));
    };
    for (const event of small.events) {
      switch (event.type) {
        case "agent.upserted":
          check(teams.has(event.team), event);
          break;
        case "case.opened":
          check(customers.has(event.customer) && teams.has(event.team), event);
          break;
        case "case.assigned":
          check(agentTeams.get(event.agent) === event.team, event);
          break;
        case "case.worked":
          check(agentTeams.has(event.agent), event);
          break;
        case "case.replied":
          check(event.by === "customer" || agentTeams.has(event.by.replace(/^agent:/, "")), event);
          break;
        case "case.handoff":
          check(teams.has(event.from) && teams.has(event.to) && event.from !== event.to, event);
          break;
        case "case.routed":
          check(teams.has(event.team), event);
          break;
        case "agent.presence":
          check(agentTeams.has(event.agent), event);
          break;
        default:
          break;
      }
    }
    expect(problems).toEqual([]);
  });

  it("hands a case over to an agent of the receiving team", () => {
    const pendingHandoffs = new Map<string, string>();
    const problems: string[] = [];
    for (const event of small.events) {
      if (event.type === "case.handoff") pendingHandoffs.set(event.case, event.to);
      if (event.type === "case.assigned" && pendingHandoffs.has(event.case)) {
        if (event.team !== pendingHandoffs.get(event.case)) problems.push(JSON.stringify(event));
        pendingHandoffs.delete(event.case);
      }
    }
    expect(problems).toEqual([]);
    expect(eventsOfType(small.events, "case.handoff").length).toBeGreaterThan(0);
  });

  it("follows the case lifecycle, closing cases 7 days after their last resolution", () => {
    const DAY_MS = 86_400_000;
    const cases = new Map<string, Case>();
    const closedAt = new Map<string, number>();
    for (const event of small.events) {
      if (!isCaseEvent(event)) continue;
      const atMs = Date.parse(event.at);
      // Throws case.invalid_transition on any event the lifecycle refuses.
      cases.set(event.case, foldCaseEvent(cases.get(event.case), event, atMs));
      if (event.type === "case.closed") closedAt.set(event.case, atMs);
    }
    const problems: string[] = [];
    for (const [id, state] of cases) {
      const dueMs = state.resolvedAt === null ? null : state.resolvedAt + 7 * DAY_MS;
      const expected = dueMs !== null && dueMs < END.getTime() ? dueMs : undefined;
      if (closedAt.get(id) !== expected) problems.push(`${id}: ${state.status}`);
    }
    expect(problems).toEqual([]);
    expect(closedAt.size).toBeGreaterThan(0);
  });

  it("uses only values PRODUCT.md's event table allows", () => {
    const problems = small.events
      .filter((event) => !isValid(event))
      .map((event) => JSON.stringify(event));
    expect(problems).toEqual([]);
  });
});

function isValid(event: ThroughlineEvent): boolean {
  switch (event.type) {
    case "team.upserted":
      return event.hourlyCost !== undefined && event.hourlyCost >= 28 && event.hourlyCost <= 75;
    case "agent.upserted":
      return (
        /^agt-\d{3}$/.test(event.agent) &&
        (event.skills ?? []).includes("en") &&
        hasValidSkillLevels(event) &&
        Object.entries(event.capacity ?? {}).length === CHANNELS.length &&
        Object.values(event.capacity ?? {}).every(
          (cases) => Number.isInteger(cases) && cases >= 1,
        ) &&
        event.shift?.timezone === "Europe/London" &&
        Object.keys(event.shift.hours).length >= 5
      );
    case "customer.upserted":
      return (
        /^cus-\d{5}$/.test(event.customer) &&
        ["platinum", "gold", "silver", "bronze"].includes(event.tier) &&
        ["enterprise", "smb", "consumer"].includes(event.segment) &&
        ["emea", "amer", "apac"].includes(event.region) &&
        /^[a-z]+\.[a-z]+\d*@[a-z-]+\.example$/.test(event.email ?? "") &&
        /^\+\d+( \d+)+$/.test(event.phone ?? "") &&
        /^\S+ \S+/.test(event.name ?? "") &&
        ["en", "de", "fr", "es"].includes(event.language ?? "")
      );
    case "case.opened":
      return (
        CHANNELS.includes(event.channel) &&
        PRIORITIES.includes(event.priority) &&
        /^[a-z]+\/[a-z-]+$/.test(event.category) &&
        /^[^{}]+$/.test(event.subject ?? "") &&
        /^[^{}]+[.?]$/.test(event.body ?? "")
      );
    case "case.replied":
      return /^(agent:agt-\d{3}|customer)$/.test(event.by) && event.public;
    case "case.status":
      return SETTABLE_CASE_STATUSES.includes(event.status);
    case "case.escalated":
      return (
        (event.level === 1 && event.to === "team_lead") ||
        (event.level === 2 && event.to === "escalations")
      );
    case "case.worked":
      return Number.isInteger(event.seconds) && event.seconds > 0;
    case "case.handoff":
      return (
        typeof event.reason === "string" &&
        typeof event.checklist === "object" &&
        event.checklist !== null &&
        Object.values(event.checklist).every((item) => typeof item === "boolean")
      );
    case "survey.answered": {
      const [lowest, highest] = SURVEY_SCORE_RANGE[event.kind];
      return (
        SURVEY_KINDS.includes(event.kind) &&
        Number.isInteger(event.score) &&
        event.score >= lowest &&
        event.score <= highest
      );
    }
    case "case.closed":
      return event.reason === "no further contact 7 days after resolution";
    case "case.assigned":
      return event.mode === "push" || event.mode === "pull";
    case "case.resolved":
    case "case.reopened":
      return true;
    case "case.linked":
      return event.target !== event.case;
    case "case.merged":
      return event.merged !== event.case;
    case "case.merged_into":
      return event.into !== event.case;
    case "sla.at_risk":
    case "sla.breached":
    case "sla.breach_predicted":
      return !Number.isNaN(Date.parse(event.dueAt));
    case "agent.presence":
      return /^agt-\d{3}$/.test(event.agent) && AGENT_PRESENCES.includes(event.presence);
    case "case.routed":
      return (
        (event.rule === null || /^[a-z0-9][a-z0-9_-]*$/.test(event.rule)) &&
        PRIORITIES.includes(event.priority) &&
        (event.skills ?? []).every(
          (required) =>
            Number.isInteger(required.level) && required.level >= 1 && required.level <= 5,
        ) &&
        (event.rule === null || (event.fired ?? []).includes(event.rule))
      );
    case "case.recategorised":
      return (
        /^[a-z]+\/[a-z-]+$/.test(event.category) &&
        event.previous !== undefined &&
        event.category !== event.previous
      );
    // Alerts are the alerts job's to raise, from the metrics of a store: never simulated.
    case "alert.raised":
    case "alert.resolved":
      return false;
  }
}

/** Every skill has a level: core skills 3–5, the team's extra skills 1–4, languages 3–5. */
function hasValidSkillLevels(
  event: Extract<ThroughlineEvent, { type: "agent.upserted" }>,
): boolean {
  const levels = event.skillLevels ?? {};
  const skills = event.skills ?? [];
  return (
    Object.keys(levels).sort().join() === [...skills].sort().join() &&
    Object.values(levels).every((level) => Number.isInteger(level) && level >= 1 && level <= 5)
  );
}

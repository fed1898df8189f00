/**
 * Routing in the simulated contact centre: every case is routed by the demo's rules as it opens,
 * agents are chosen for the skills routing asked for, some handoffs correct a category intake got
 * wrong, and the agents' profiles and presence are what the assignment engine expects.
 */
import { describe, expect, it } from "vitest";
import { detectRecontacts, type RecontactCandidate } from "../cases/case-links.js";
import type { AgentShift, ThroughlineEvent } from "../events/event.types.js";
import { nextOpening } from "../sla/calendar.js";
import { findDemoCategory } from "./demo-categories.js";
import { demoRoutingRules } from "./demo-settings.js";
import { DEMO_TEAMS, findDemoTeam } from "./demo-teams.js";
import { buildRoster } from "./roster.js";
import { simulateContactCentre } from "./simulator.js";

const DAY_MS = 86_400_000;
const END = new Date("2026-03-02T00:00:00Z");
const simulation = simulateContactCentre({ days: 28, seed: 5, scale: 0.25, end: END });
const { events } = simulation;

function ofType<T extends ThroughlineEvent["type"]>(type: T) {
  return events.filter(
    (event): event is Extract<ThroughlineEvent, { type: T }> => event.type === type,
  );
}

const openedByCase = new Map(ofType("case.opened").map((event) => [event.case, event]));
const routedByCase = new Map(ofType("case.routed").map((event) => [event.case, event]));
const agentsById = new Map(ofType("agent.upserted").map((event) => [event.agent, event]));

/** Whether the shift, read as a business calendar, is open at `atMs`. */
function isWorkingAt(shift: AgentShift, atMs: number): boolean {
  const calendar = { timezone: shift.timezone, hours: shift.hours, holidays: [] };
  return nextOpening(calendar, new Date(atMs)).toMillis() === atMs;
}

function holdsSkills(agent: string, skills: readonly { skill: string; level: number }[]): boolean {
  const levels = agentsById.get(agent)?.skillLevels ?? {};
  return skills.every(({ skill, level }) => (levels[skill] ?? 0) >= level);
}

describe("routing in the demo", () => {
  it("routes every case as it opens to the team serving its category, naming the rule", () => {
    const categoryRules = new Set(
      demoRoutingRules()
        .rules.filter((rule) => rule.actions.setTeam !== undefined)
        .map((rule) => rule.id),
    );
    const problems: string[] = [];
    for (const [caseId, opened] of openedByCase) {
      const routed = routedByCase.get(caseId);
      const expectedTeam = findDemoCategory(opened.category).team;
      if (
        routed === undefined ||
        routed.at !== opened.at ||
        routed.team !== expectedTeam ||
        opened.team !== expectedTeam ||
        routed.rule === null ||
        !categoryRules.has(routed.rule)
      ) {
        problems.push(`${caseId}: ${JSON.stringify(routed)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(routedByCase.size).toBe(openedByCase.size);
  });

  it("asks only for skills some agent of the team has", () => {
    const membersByTeam = new Map<string, string[]>();
    for (const agent of agentsById.values()) {
      membersByTeam.set(agent.team, [...(membersByTeam.get(agent.team) ?? []), agent.agent]);
    }
    const unworkable = [...routedByCase.values()].filter(
      (routed) =>
        !(membersByTeam.get(routed.team) ?? []).some((agent) =>
          holdsSkills(agent, routed.skills ?? []),
        ),
    );
    expect(unworkable).toEqual([]);
  });

  it("raises and tags VIP accounts, and tags keywords, repeat contacts and languages", () => {
    const tagged = (tag: string) =>
      [...routedByCase.values()].filter((routed) => routed.tags?.includes(tag));
    const cases = routedByCase.size;
    expect(tagged("vip").length / cases).toBeGreaterThan(0.05);
    expect(tagged("vip").length / cases).toBeLessThan(0.25);
    for (const tag of ["sign-in", "outage", "churn-risk", "repeat-contact"]) {
      expect(tagged(tag).length, tag).toBeGreaterThan(0);
    }
    const notRaised = tagged("vip").filter(
      (routed) =>
        openedByCase.get(routed.case)?.priority !== "urgent" &&
        routed.priority === openedByCase.get(routed.case)?.priority,
    );
    expect(notRaised).toEqual([]);
    const languages = [...routedByCase.values()].flatMap((routed) =>
      (routed.skills ?? []).filter((required) => ["de", "fr", "es"].includes(required.skill)),
    );
    expect(languages.length / cases).toBeGreaterThan(0.08);
    expect(languages.length / cases).toBeLessThan(0.3);
  });

  it("tags as repeat contacts exactly the customers with two recontacts in 30 days", () => {
    // The store's own derivation over the whole run: a recontact only looks back in time.
    const resolutions = new Map<string, number[]>();
    const categories = new Map<string, string>();
    for (const event of events) {
      if (event.type === "case.resolved") {
        resolutions.set(event.case, [...(resolutions.get(event.case) ?? []), Date.parse(event.at)]);
      }
      if (event.type === "case.recategorised") categories.set(event.case, event.category);
    }
    const candidates: RecontactCandidate[] = [...openedByCase.values()].map((opened) => ({
      id: opened.case,
      customerId: opened.customer,
      categoryTop: (categories.get(opened.case) ?? opened.category).split("/")[0] ?? "",
      openedAt: Date.parse(opened.at),
      resolutions: resolutions.get(opened.case) ?? [],
    }));
    const recontacts = new Set(detectRecontacts(candidates, 7 * DAY_MS).map((link) => link.caseId));
    const mismatches: string[] = [];
    for (const candidate of candidates) {
      const recent = candidates.filter(
        (other) =>
          other.customerId === candidate.customerId &&
          other.id !== candidate.id &&
          recontacts.has(other.id) &&
          other.openedAt < candidate.openedAt &&
          other.openedAt >= candidate.openedAt - 30 * DAY_MS,
      ).length;
      const tagged = routedByCase.get(candidate.id)?.tags?.includes("repeat-contact") ?? false;
      if (tagged !== recent >= 2) mismatches.push(`${candidate.id}: ${recent} recent recontacts`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("misclassified cases in the demo", () => {
  const handoffs = ofType("case.handoff");
  const recategorised = ofType("case.recategorised");

  it("are recategorised, as what the receiving team serves, just before the handoff", () => {
    const problems: string[] = [];
    for (const event of recategorised) {
      const caseEvents = events.filter((other) => "case" in other && other.case === event.case);
      const next = caseEvents[caseEvents.indexOf(event) + 1];
      if (
        next?.type !== "case.handoff" ||
        findDemoCategory(event.category).team !== next.to ||
        event.previous !== openedByCase.get(event.case)?.category
      ) {
        problems.push(`${event.case}: ${JSON.stringify(next)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(recategorised.length / handoffs.length).toBeGreaterThan(0.25);
    expect(recategorised.length / handoffs.length).toBeLessThan(0.5);
  });

  it("are mostly account access cases that were really technical", () => {
    const rate = (category: string | undefined, ids: ReadonlySet<string>) => {
      const cases = [...openedByCase.values()].filter(
        (opened) => category === undefined || opened.category === category,
      );
      return cases.filter((opened) => ids.has(opened.case)).length / cases.length;
    };
    const handedOff = new Set(handoffs.map((event) => event.case));
    const corrected = new Set(recategorised.map((event) => event.case));
    expect(rate("account/access", handedOff)).toBeGreaterThan(2.5 * rate(undefined, handedOff));
    expect(rate("account/access", corrected)).toBeGreaterThan(5 * rate(undefined, corrected));
    const byCategory = new Map<string, number>();
    for (const event of recategorised) {
      byCategory.set(event.previous ?? "", (byCategory.get(event.previous ?? "") ?? 0) + 1);
    }
    const [top] = [...byCategory].sort((left, right) => right[1] - left[1]);
    expect(top?.[0]).toBe("account/access");
  });
});

describe("assignments in the demo", () => {
  const assignments = ofType("case.assigned");

  it("are pushed mostly and pulled sometimes", () => {
    const pulled = assignments.filter((event) => event.mode === "pull").length;
    expect(assignments.every((event) => event.mode === "push" || event.mode === "pull")).toBe(true);
    expect(pulled / assignments.length).toBeGreaterThan(0.1);
    expect(pulled / assignments.length).toBeLessThan(0.3);
  });

  it("go to agents with the skills routing asked for, mostly on shift", () => {
    const inRoutedTeam = assignments.filter(
      (event) => event.team === routedByCase.get(event.case)?.team,
    );
    const unskilled = inRoutedTeam.filter(
      (event) => !holdsSkills(event.agent, routedByCase.get(event.case)?.skills ?? []),
    );
    expect(unskilled).toEqual([]);
    const onShift = assignments.filter((event) => {
      const shift = agentsById.get(event.agent)?.shift;
      if (!shift) return false;
      return isWorkingAt(shift, Date.parse(event.at));
    });
    // Most teams of a quarter-size centre have one or two agents, so someone is often called in
    // off shift; at full size about 85 % of assignments are on shift.
    expect(onShift.length / assignments.length).toBeGreaterThan(0.5);
  });
});

describe("agents in the demo", () => {
  const roster = buildRoster(42, 1);

  it("have core skills at 3–5, extra skills at 1–4, languages at 3–5, for routing to find", () => {
    const problems: string[] = [];
    for (const agent of roster.agents) {
      const team = findDemoTeam(agent.team);
      for (const [skill, level] of Object.entries(agent.skillLevels)) {
        const [low, high] = team.coreSkills.includes(skill)
          ? [3, 5]
          : team.extraSkills.includes(skill)
            ? [1, 4]
            : [3, 5];
        if (level < low || level > high) problems.push(`${agent.id} ${skill} ${level}`);
      }
    }
    expect(problems).toEqual([]);
    for (const team of DEMO_TEAMS) {
      const members = roster.agentsByTeam.get(team.id) ?? [];
      for (const skill of [...team.extraSkills, "de", "fr", "es"]) {
        const level = ["de", "fr", "es"].includes(skill) ? 3 : 2;
        expect(
          members.some((agent) => (agent.skillLevels[skill] ?? 0) >= level),
          `${team.id} ${skill}`,
        ).toBe(true);
      }
    }
  });

  it("work a chat or two, a call, 6–8 emails and 4–6 of the other channels at once", () => {
    for (const { capacity } of roster.agents) {
      expect(capacity.phone).toBe(1);
      expect(capacity.chat).toBeGreaterThanOrEqual(2);
      expect(capacity.chat).toBeLessThanOrEqual(3);
      expect(capacity.email).toBeGreaterThanOrEqual(6);
      expect(capacity.email).toBeLessThanOrEqual(8);
      for (const channel of ["web", "social", "api"] as const) {
        expect(capacity[channel]).toBeGreaterThanOrEqual(4);
        expect(capacity[channel]).toBeLessThanOrEqual(6);
      }
    }
  });

  it("staff the frontline around the clock and every team through the day, every day", () => {
    const startMs = Date.parse("2026-03-02T00:00:00Z");
    const gaps: string[] = [];
    for (let hour = 0; hour < 7 * 24; hour++) {
      const atMs = startMs + hour * 3_600_000 + 1_800_000;
      const localHour = new Date(atMs).getUTCHours();
      for (const team of DEMO_TEAMS) {
        const members = roster.agentsByTeam.get(team.id) ?? [];
        // Teams of six or more cover both day shifts every day; the frontline the nights too.
        const mustBeStaffed =
          team.aroundTheClock || (members.length >= 6 && localHour >= 7 && localHour < 22);
        if (!mustBeStaffed) continue;
        const onShift = members.filter((agent) => isWorkingAt(agent.shift, atMs));
        if (onShift.length === 0) gaps.push(`${team.id} ${new Date(atMs).toISOString()}`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it("are available or busy at the end of the run when on shift, and away otherwise", () => {
    const presences = ofType("agent.presence");
    expect(presences.map((event) => event.agent).sort()).toEqual([...agentsById.keys()].sort());
    const mismatched = presences.filter((event) => {
      const shift = agentsById.get(event.agent)?.shift;
      if (!shift) return true;
      const atMs = Date.parse(event.at);
      const onShift = isWorkingAt(shift, atMs);
      return onShift !== (event.presence !== "away");
    });
    expect(mismatched).toEqual([]);
    expect(presences.every((event) => Date.parse(event.at) === END.getTime() - 1000)).toBe(true);
  });
});

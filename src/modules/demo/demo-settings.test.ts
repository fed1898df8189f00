/**
 * The demo's settings must fit the demo's events: every category and root cause the simulator
 * uses is in the taxonomy, every handoff names a handoff type of its team pair, and the
 * duplicates customers send are merged into the case they duplicate.
 */
import { describe, expect, it } from "vitest";
import type { ThroughlineEvent } from "../events/event.types.js";
import { compileRuleSet, evaluateRouting } from "../routing/routing-evaluate.js";
import type { RoutingSubject } from "../routing/routing-rules.js";
import { findRoutingWarnings, validateRoutingRules } from "../routing/routing-validate.js";
import { DEMO_CATEGORIES } from "./demo-categories.js";
import {
  DEMO_ROUTING_KEYWORDS,
  demoCalendars,
  demoEscalationPolicies,
  demoHandoffTypes,
  demoRoutingRules,
  demoSlaPolicies,
  demoTaxonomy,
} from "./demo-settings.js";
import { DEMO_TEAM_IDS } from "./demo-teams.js";
import { simulateContactCentre } from "./simulator.js";

const END = new Date("2026-03-02T00:00:00Z");
const simulation = simulateContactCentre({ days: 28, seed: 5, scale: 0.25, end: END });

function ofType<T extends ThroughlineEvent["type"]>(type: T) {
  return simulation.events.filter(
    (event): event is Extract<ThroughlineEvent, { type: T }> => event.type === type,
  );
}

describe("the demo settings", () => {
  it("list every category and root cause the simulator uses", () => {
    const taxonomy = demoTaxonomy();
    const categories = new Set(
      taxonomy.categories.flatMap((top) => top.subcategories.map((sub) => `${top.id}/${sub.id}`)),
    );
    const codes = new Set(taxonomy.rootCauses.map((cause) => cause.code));
    const unknownCategories = ofType("case.opened").filter((e) => !categories.has(e.category));
    const unknownCauses = ofType("case.resolved").filter((e) => !codes.has(e.rootCause ?? ""));
    expect(unknownCategories).toEqual([]);
    expect(unknownCauses).toEqual([]);
  });

  it("have a handoff type for every handoff the simulator makes, with its checklist", () => {
    const types = new Map(demoHandoffTypes().types.map((type) => [type.id, type]));
    const handoffs = ofType("case.handoff");
    expect(handoffs.length).toBeGreaterThan(0);
    for (const handoff of handoffs) {
      const type = types.get(handoff.handoffType ?? "");
      expect(type, handoff.handoffType).toMatchObject({ from: handoff.from, to: handoff.to });
      expect(Object.keys(handoff.checklist as object).sort()).toEqual(
        type?.checklist.map((item) => item.id).sort(),
      );
    }
  });

  it("refer only to calendars that exist, and every policy has a target", () => {
    const calendars = new Set(demoCalendars().calendars.map((calendar) => calendar.id));
    const { policies, internal } = demoSlaPolicies();
    for (const policy of [...policies, ...internal]) expect(calendars).toContain(policy.calendarId);
    for (const policy of policies) expect(Object.keys(policy.targets).length).toBeGreaterThan(0);
    for (const policy of demoEscalationPolicies().policies) {
      expect(calendars).toContain(policy.calendarId);
    }
  });
});

describe("the demo routing rules", () => {
  const rules = demoRoutingRules();
  const compiled = compileRuleSet(rules);
  const subjectFor = (
    category: string,
    changes: { text?: string; customer?: Partial<RoutingSubject["customer"]> } = {},
  ): RoutingSubject => ({
    case: {
      channel: "email",
      category,
      priority: "normal",
      team: "frontline",
      subject: "A question",
      body: changes.text ?? "Please help.",
      tags: [],
    },
    customer: {
      tier: "silver",
      segment: "smb",
      region: "emea",
      language: "en",
      openCases: 0,
      casesLast30Days: 0,
      recentRecontacts: 0,
      ...changes.customer,
    },
  });

  it("are enabled, valid and raise no warning", () => {
    expect(rules.enabled).toBe(true);
    expect(rules.fallbackTeam).toBe("frontline");
    expect(validateRoutingRules(rules)).toEqual({ ok: true, body: rules });
    expect(findRoutingWarnings(rules)).toEqual([]);
  });

  it("send every category to the team serving it, named by a rule asking for its skill", () => {
    const routed = DEMO_CATEGORIES.map((category) => {
      const decision = evaluateRouting(compiled, subjectFor(category.id));
      return [category.id, decision.team, decision.rule !== null, decision.skills.length];
    });
    expect(routed).toEqual(
      DEMO_CATEGORIES.map((category) => [category.id, category.team, true, 1]),
    );
  });

  it("name only the demo's teams", () => {
    const teams = rules.rules.flatMap((rule) => rule.actions.setTeam ?? []);
    expect(teams.filter((team) => !DEMO_TEAM_IDS.some((id) => id === team))).toEqual([]);
  });

  it("raise platinum and gold enterprise accounts and tag them, leaving the team to the category", () => {
    const vip = evaluateRouting(
      compiled,
      subjectFor("billing/refund", { customer: { tier: "gold", segment: "enterprise" } }),
    );
    expect(vip).toMatchObject({
      team: "billing",
      rule: "billing",
      priority: "high",
      tags: ["vip"],
    });
    const smb = evaluateRouting(
      compiled,
      subjectFor("billing/refund", { customer: { tier: "gold", segment: "smb" } }),
    );
    expect(smb).toMatchObject({ priority: "normal", tags: [] });
  });

  it("tag keywords, repeat contacts and languages, with the skills they need", () => {
    const decision = evaluateRouting(
      compiled,
      subjectFor("account/access", {
        text: "I cannot log in. If this goes on we will cancel.",
        customer: { language: "de", recentRecontacts: 2 },
      }),
    );
    expect(decision.team).toBe("frontline");
    expect(decision.tags).toEqual(["sign-in", "churn-risk", "repeat-contact"]);
    expect(decision.skills).toEqual([
      { skill: "login", level: 2 },
      { skill: "de", level: 3 },
      { skill: "accounts", level: 2 },
    ]);
    const outage = evaluateRouting(
      compiled,
      subjectFor("technical/outage", { text: "Everything is down for us." }),
    );
    expect(outage).toMatchObject({ team: "it-ops", rule: "technical-to-it-ops", tags: ["outage"] });
  });

  it("find their outage keywords only in IT Operations' categories", () => {
    const outageRule = compileRuleSet({
      ...rules,
      rules: rules.rules.filter((rule) => rule.id === "outage-reports"),
    });
    const mentioning = DEMO_CATEGORIES.filter((category) =>
      [...category.subjects, ...category.bodies].some(
        (text) => evaluateRouting(outageRule, subjectFor(category.id, { text })).tags.length > 0,
      ),
    );
    expect(mentioning.map((category) => category.team)).toEqual(["it-ops"]);
    expect(DEMO_ROUTING_KEYWORDS.outage.length).toBeGreaterThan(0);
  });
});

describe("duplicates in the demo", () => {
  it("are merged into the case the customer was waiting on, at the moment of the merge", () => {
    const merged = ofType("case.merged");
    const mergedInto = new Map(ofType("case.merged_into").map((event) => [event.case, event]));
    const cases = ofType("case.opened").length;
    expect(merged.length / cases).toBeGreaterThan(0.003);
    // About 3 % at this size (2.5 % over the default 90 days), a few cases either way.
    expect(merged.length / cases).toBeLessThan(0.04);
    for (const event of merged) {
      const counterpart = mergedInto.get(event.merged);
      expect(counterpart).toMatchObject({ into: event.case, at: event.at });
    }
  });

  it("come from the same customer about the same category, before the merge", () => {
    const opened = new Map(ofType("case.opened").map((event) => [event.case, event]));
    for (const event of ofType("case.merged")) {
      const survivor = opened.get(event.case);
      const duplicate = opened.get(event.merged);
      expect(duplicate).toMatchObject({
        customer: survivor?.customer,
        category: survivor?.category,
      });
      expect(duplicate?.channel).not.toBe(survivor?.channel);
      expect(Date.parse(duplicate?.at ?? "")).toBeLessThan(Date.parse(event.at));
    }
  });
});

describe("outage reports in the demo", () => {
  it("link later reports of the same outage to the first as children, after their first reply", () => {
    const opened = new Map(ofType("case.opened").map((event) => [event.case, event]));
    const links = ofType("case.linked");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.kind).toBe("child_of");
      const child = opened.get(link.case);
      const parent = opened.get(link.target);
      expect(child?.category).toBe("technical/outage");
      expect(parent?.category).toBe("technical/outage");
      const gapMs = Date.parse(child?.at ?? "") - Date.parse(parent?.at ?? "");
      expect(gapMs).toBeGreaterThanOrEqual(0);
      expect(gapMs).toBeLessThanOrEqual(3 * 3_600_000);
    }
  });
});

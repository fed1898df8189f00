/**
 * The demo contact centre's settings: its category taxonomy and root causes, handoff types with
 * the checklists each receiving team expects, business calendars, SLA policies (with internal
 * SLAs between teams), escalation paths, the case rules and the routing rules. Saved before the
 * demo's events are recorded, so every case is measured against them as it happens.
 *
 * Targets are set where a real centre of this size would set them: tight enough that the slow
 * tail of each channel breaches (about one case in ten), loose enough that most cases meet them.
 */
import type { CaseRules } from "../cases/case-rules.js";
import type { EscalationPolicies } from "../escalations/escalation-policy.js";
import type { HandoffTypes } from "../handoffs/handoff-types.js";
import type { RoutingRule, RoutingRuleSet } from "../routing/routing-rules.js";
import type { CalendarsDocument, SlaPoliciesDocument } from "../sla/sla-settings.js";
import type { Taxonomy } from "../taxonomy/taxonomy.js";
import { ROUTABLE_LANGUAGE_LEVEL, ROUTED_LANGUAGES } from "./agent-profiles.js";
import {
  DEMO_CATEGORIES,
  type DemoCategory,
  type HandoffRoute,
  topLevelOf,
} from "./demo-categories.js";
import { DEMO_TEAMS, type DemoTeam, type DemoTeamId, findDemoTeam } from "./demo-teams.js";

/** Words for ids: `payment-failed` → `Payment failed`. */
function humanize(id: string): string {
  const words = id.replaceAll(/[-_]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TOP_LEVEL_NAMES: Record<string, string> = {
  account: "Account",
  general: "General",
  orders: "Orders",
  billing: "Billing",
  technical: "Technical",
  product: "Product",
  field: "Field service",
};

export function demoTaxonomy(): Taxonomy {
  const tops = new Map<string, { id: string; name: string }[]>();
  const rootCauses = new Set<string>();
  for (const category of DEMO_CATEGORIES) {
    const [top = category.id, sub = ""] = category.id.split("/");
    const subs = tops.get(top) ?? [];
    subs.push({ id: sub, name: humanize(sub) });
    tops.set(top, subs);
    for (const cause of category.rootCauses) rootCauses.add(cause);
  }
  return {
    categories: [...tops].map(([id, subcategories]) => ({
      id,
      name: TOP_LEVEL_NAMES[id] ?? humanize(id),
      subcategories,
    })),
    rootCauses: [...rootCauses]
      .sort()
      .map((code) => ({ code, name: humanize(code), retired: false })),
  };
}

/** The handoff type the demo uses between two teams (one per pair). */
export function demoHandoffTypeId(from: string, to: string): string {
  return `${from}-to-${to}`;
}

/**
 * Every team pair the demo hands cases across, with the receiving team's checklist: the summary
 * and the item after it are required, the rest recommended. The simulator's senders forget items
 * now and then (history recorded as it happened, not checked), so incomplete handoffs still
 * show up in the data.
 */
export function demoHandoffTypes(): HandoffTypes {
  const pairs = new Map<string, { from: DemoTeamId; to: DemoTeamId }>();
  const add = (from: DemoTeamId, route: HandoffRoute): void => {
    if (from !== route.to) pairs.set(demoHandoffTypeId(from, route.to), { from, to: route.to });
  };
  for (const category of DEMO_CATEGORIES) {
    for (const route of category.handoffRoutes) add(category.team, route);
  }
  // Level-2 escalations move a case to the escalations desk from any team.
  for (const team of DEMO_TEAMS) {
    if (team.id !== "escalations") {
      pairs.set(demoHandoffTypeId(team.id, "escalations"), { from: team.id, to: "escalations" });
    }
  }
  return {
    types: [...pairs]
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([id, { from, to }]) => ({
        id,
        name: `${findDemoTeam(from).name} → ${findDemoTeam(to).name}`,
        from,
        to,
        checklist: findDemoTeam(to).handoffChecklist.map((item, index) => ({
          id: item,
          label: humanize(item),
          required: index < 2,
        })),
      })),
  };
}

const EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/**
 * The demo staffs written queues from 07:00 to 22:00 UTC every day (agent-pickup.ts); the
 * calendar says the same in London time, so British summer time shifts it by an hour, as a real
 * centre's rota would. Phones and chats are answered around the clock.
 */
export function demoCalendars(): CalendarsDocument {
  const hours = (spans: [string, string][]) =>
    Object.fromEntries(EVERY_DAY.map((day) => [day, spans]));
  return {
    calendars: [
      {
        id: "support-hours",
        name: "Support hours (07:00–22:00 London, every day)",
        timezone: "Europe/London",
        hours: hours([["07:00", "22:00"]]),
        holidays: ["2026-12-25", "2027-01-01"],
      },
      {
        id: "around-the-clock",
        name: "Around the clock",
        timezone: "UTC",
        hours: hours([["00:00", "24:00"]]),
        holidays: [],
      },
    ],
  };
}

const business = (minutes: number) => ({ minutes, time: "business" as const });
const wallClock = (minutes: number) => ({ minutes, time: "calendar" as const });

export function demoSlaPolicies(): SlaPoliciesDocument {
  return {
    policies: [
      {
        id: "urgent",
        name: "Urgent, any customer",
        position: 1,
        conditions: { priorities: ["urgent"] },
        targets: {
          firstResponse: wallClock(60),
          nextUpdate: wallClock(180),
          resolution: business(8 * 60),
        },
        calendarId: "support-hours",
        atRiskShare: 0.75,
      },
      {
        id: "live-channels",
        name: "Phone and chat",
        position: 2,
        conditions: { channels: ["phone", "chat"] },
        targets: { firstResponse: wallClock(20), resolution: business(24 * 60) },
        calendarId: "support-hours",
        atRiskShare: 0.75,
      },
      {
        id: "premium",
        name: "Platinum and gold accounts",
        position: 3,
        conditions: { tiers: ["platinum", "gold"] },
        targets: {
          firstResponse: business(6 * 60),
          nextUpdate: business(8 * 60),
          resolution: business(45 * 60),
        },
        calendarId: "support-hours",
        atRiskShare: 0.75,
      },
      {
        id: "high",
        name: "High priority",
        position: 4,
        conditions: { priorities: ["high"] },
        targets: {
          firstResponse: business(7 * 60),
          nextUpdate: business(10 * 60),
          resolution: business(60 * 60),
        },
        calendarId: "support-hours",
        atRiskShare: 0.75,
      },
      {
        id: "standard",
        name: "Everyone else",
        position: 5,
        conditions: {},
        targets: {
          firstResponse: business(10 * 60),
          nextUpdate: business(12 * 60),
          resolution: business(75 * 60),
        },
        calendarId: "support-hours",
        atRiskShare: 0.8,
      },
    ],
    // Teams behind the frontline owe a first action within hours of a handoff.
    internal: DEMO_TEAMS.filter((team) => team.id !== "frontline").map((team) => ({
      id: `handoff-to-${team.id}`,
      name: `Handoffs to ${team.name}`,
      team: team.id,
      fromTeams: [],
      target: business(team.id === "product" || team.id === "field-service" ? 8 * 60 : 4 * 60),
      calendarId: "support-hours",
      atRiskShare: 0.75,
    })),
  };
}

export function demoEscalationPolicies(): EscalationPolicies {
  return {
    policies: [
      {
        id: "priority-path",
        name: "Urgent and high priority",
        position: 1,
        conditions: { priorities: ["urgent", "high"] },
        calendarId: "support-hours",
        steps: [
          {
            trigger: "at_risk",
            afterMinutes: 0,
            time: "business",
            action: "notify",
            to: { kind: "team_lead" },
          },
          {
            trigger: "breached",
            afterMinutes: 0,
            time: "business",
            action: "escalate",
            level: 1,
            to: { kind: "team_lead" },
          },
          {
            trigger: "breached",
            afterMinutes: 60,
            time: "business",
            action: "escalate",
            level: 2,
            to: { kind: "manager" },
          },
        ],
      },
      {
        id: "standard-path",
        name: "Everything else",
        position: 2,
        conditions: {},
        calendarId: "support-hours",
        steps: [
          {
            trigger: "breached",
            afterMinutes: 0,
            time: "business",
            action: "notify",
            to: { kind: "team_lead" },
          },
          {
            trigger: "breached",
            afterMinutes: 240,
            time: "business",
            action: "escalate",
            level: 1,
            to: { kind: "team_lead" },
          },
        ],
      },
    ],
  };
}

export function demoCaseRules(): CaseRules {
  return { reopenWindowDays: 14, recontactWindowDays: 7 };
}

/**
 * The words the demo's keyword rules look for (whole words or runs of words, ignoring case). The
 * category bodies (demo-categories.ts) use them: outages only in IT Operations' categories, sign-in
 * trouble only in those of the frontline and technical support, whose agents have the `login` skill.
 */
export const DEMO_ROUTING_KEYWORDS = {
  outage: ["outage", "down", "unavailable", "not loading"],
  signIn: [
    "log in",
    "login",
    "logs me out",
    "sign in",
    "signing in",
    "locked out",
    "password",
    "two-factor",
  ],
  cancellation: ["cancel", "cancelling", "cancellation", "close my account", "switch provider"],
} as const;

/**
 * The demo's routing rules, enabled. The rules that only tag, raise the priority or ask for
 * skills come first; they set no team, so the category rules after them still decide it:
 * - platinum and gold enterprise accounts: one step more urgent, tagged `vip`;
 * - keywords in the subject or body: outages, sign-in trouble, talk of cancelling;
 * - customers with two or more recontacts in 30 days: tagged `repeat-contact`;
 * - customers served in a language other than English: an agent who speaks it;
 * - one rule per top-level category, sending it to the team that serves most of it, preceded by
 *   one for the categories of that top level another team serves (`orders/tracking` stays with
 *   the frontline), so every case goes to the team its category is served by; the first that
 *   fires stops the evaluation.
 * Whatever no rule routes goes to the frontline.
 */
export function demoRoutingRules(): RoutingRuleSet {
  return {
    enabled: true,
    fallbackTeam: "frontline",
    rules: [
      enabledRule({
        id: "vip-accounts",
        name: "Platinum and gold enterprise accounts",
        conditions: [
          { field: "customer.tier", op: "in", value: ["platinum", "gold"] },
          { field: "customer.segment", op: "equals", value: "enterprise" },
        ],
        actions: { raisePriority: 1, addTags: ["vip"] },
      }),
      enabledRule({
        id: "outage-reports",
        name: "Reports of an outage",
        conditions: [
          { field: "case.text", op: "contains_any", value: [...DEMO_ROUTING_KEYWORDS.outage] },
        ],
        actions: { addTags: ["outage"], requireSkills: [{ skill: "incident-response", level: 2 }] },
      }),
      enabledRule({
        id: "sign-in-trouble",
        name: "Cannot sign in",
        conditions: [
          { field: "case.text", op: "contains_any", value: [...DEMO_ROUTING_KEYWORDS.signIn] },
        ],
        actions: { addTags: ["sign-in"], requireSkills: [{ skill: "login", level: 2 }] },
      }),
      enabledRule({
        id: "churn-risk",
        name: "Talks of cancelling",
        conditions: [
          {
            field: "case.text",
            op: "contains_any",
            value: [...DEMO_ROUTING_KEYWORDS.cancellation],
          },
        ],
        actions: { addTags: ["churn-risk"] },
      }),
      enabledRule({
        id: "repeat-contact",
        name: "Customers who keep coming back",
        conditions: [{ field: "customer.recentRecontacts", op: "gte", value: 2 }],
        actions: { addTags: ["repeat-contact"] },
      }),
      ...ROUTED_LANGUAGES.map((language) =>
        enabledRule({
          id: `language-${language}`,
          name: `Customers served in ${language}`,
          conditions: [{ field: "customer.language", op: "equals", value: language }],
          actions: { requireSkills: [{ skill: language, level: ROUTABLE_LANGUAGE_LEVEL }] },
        }),
      ),
      ...categoryRules(),
    ],
  };
}

/** A rule switched on, needing all its conditions, that lets later rules be tried too. */
function enabledRule(
  rule: Pick<RoutingRule, "id" | "name" | "conditions" | "actions">,
): RoutingRule {
  return { ...rule, enabled: true, match: "all", stop: false };
}

/**
 * One rule per top-level category for the team serving most of its demand, preceded by one per
 * other team serving some of its categories: evaluating them gives every category its team. Each
 * stops evaluation, so a category another team serves does not also collect the skill the
 * top-level rule asks for.
 */
function categoryRules(): RoutingRule[] {
  const byTopLevel = new Map<string, DemoCategory[]>();
  for (const category of DEMO_CATEGORIES) {
    const top = topLevelOf(category.id);
    byTopLevel.set(top, [...(byTopLevel.get(top) ?? []), category]);
  }
  const rules: RoutingRule[] = [];
  for (const [top, categories] of byTopLevel) {
    const weightByTeam = new Map<DemoTeamId, number>();
    for (const category of categories) {
      weightByTeam.set(category.team, (weightByTeam.get(category.team) ?? 0) + category.weight);
    }
    const [mainTeam] = [...weightByTeam].reduce((best, entry) =>
      entry[1] > best[1] ? entry : best,
    );
    const topName = TOP_LEVEL_NAMES[top] ?? humanize(top);
    for (const teamId of weightByTeam.keys()) {
      if (teamId === mainTeam) continue;
      const team = findDemoTeam(teamId);
      const ids = categories
        .filter((category) => category.team === teamId)
        .map((category) => category.id);
      const subs = ids.map((id) => humanize(id.slice(top.length + 1)).toLowerCase()).join(", ");
      rules.push({
        id: `${top}-to-${teamId}`,
        name: `${topName}: ${subs} → ${team.name}`,
        enabled: true,
        match: "all",
        conditions: [
          ids.length === 1
            ? { field: "case.category", op: "equals", value: ids[0] as string }
            : { field: "case.category", op: "in", value: ids },
        ],
        actions: { setTeam: teamId, requireSkills: [teamSkillFor(team, top)] },
        stop: true,
      });
    }
    const team = findDemoTeam(mainTeam);
    rules.push({
      id: top,
      name: `${topName} → ${team.name}`,
      enabled: true,
      match: "all",
      conditions: [{ field: "case.topCategory", op: "equals", value: top }],
      actions: { setTeam: mainTeam, requireSkills: [teamSkillFor(team, top)] },
      stop: true,
    });
  }
  return rules;
}

/**
 * The skill a category rule asks for: the team's core skill named after the top level (`billing`,
 * `accounts` for `account`), else its first core skill; level 2 on the frontline, 3 elsewhere.
 * Every agent has their team's core skills at level 3 or more, so someone can always take the case.
 */
function teamSkillFor(team: DemoTeam, top: string): { skill: string; level: number } {
  const skill =
    team.coreSkills.find((core) => core === top || core === `${top}s`) ?? team.coreSkills[0];
  if (skill === undefined) throw new RangeError(`team ${team.id} has no core skill`);
  return { skill, level: team.id === "frontline" ? 2 : 3 };
}

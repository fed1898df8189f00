import { describe, expect, it } from "vitest";
import { calendar, MON_FRI, NINE_TO_FIVE, on } from "../../../test/support/calendars.js";
import {
  computeStepFireAt,
  describeTarget,
  type EscalationPolicy,
  type EscalationStep,
  levelOfStep,
  matchEscalationPolicy,
  planEscalationSteps,
} from "./escalation-policy.js";
import { resolveRecipients } from "./escalation-recipients.js";
import { validateEscalationPolicies } from "./escalation-settings.js";

const berlin = calendar("Europe/Berlin", on(MON_FRI, NINE_TO_FIVE));
const ms = (iso: string) => Date.parse(iso);

const notifyLead: EscalationStep = {
  trigger: "at_risk",
  afterMinutes: 60,
  time: "business",
  action: "notify",
  to: { kind: "team_lead" },
};
const escalateManager: EscalationStep = {
  trigger: "breached",
  afterMinutes: 30,
  time: "business",
  action: "escalate",
  level: 1,
  to: { kind: "manager" },
};
const escalateLater: EscalationStep = {
  trigger: "breached",
  afterMinutes: 24 * 60,
  time: "calendar",
  action: "escalate",
  level: 2,
  to: { kind: "role", role: "admin" },
};
const policy: EscalationPolicy = {
  id: "urgent-path",
  name: "Urgent path",
  position: 1,
  conditions: { tiers: [], priorities: ["urgent", "high"] },
  calendarId: "emea-office",
  steps: [notifyLead, escalateManager, escalateLater],
};

describe("computeStepFireAt", () => {
  it("counts business minutes across a weekend", () => {
    // At risk Friday 16:30 Berlin (CET): 30 minutes on Friday, 30 on Monday from 09:00.
    expect(computeStepFireAt(notifyLead, ms("2026-03-06T16:30:00+01:00"), berlin)).toBe(
      ms("2026-03-09T09:30:00+01:00"),
    );
  });

  it("starts a trigger outside open hours at the next opening", () => {
    expect(computeStepFireAt(notifyLead, ms("2026-03-07T11:00:00+01:00"), berlin)).toBe(
      ms("2026-03-09T10:00:00+01:00"),
    );
    // 0 business minutes on Saturday is Monday's opening.
    expect(
      computeStepFireAt({ afterMinutes: 0, time: "business" }, ms("2026-03-07T11:00:00Z"), berlin),
    ).toBe(ms("2026-03-09T09:00:00+01:00"));
  });

  it("counts wall-clock minutes for calendar time, and needs a calendar for business time", () => {
    expect(computeStepFireAt(escalateLater, ms("2026-03-06T16:30:00Z"), null)).toBe(
      ms("2026-03-07T16:30:00Z"),
    );
    expect(computeStepFireAt(notifyLead, ms("2026-03-06T16:30:00Z"), null)).toBeNull();
  });
});

describe("planEscalationSteps", () => {
  const atRiskAt = ms("2026-03-06T16:30:00+01:00");
  const dueAt = ms("2026-03-06T16:50:00+01:00");

  it("waits for each trigger and for each step's instant", () => {
    const fridayEvening = ms("2026-03-06T20:00:00+01:00");
    const onlyAtRisk = planEscalationSteps(
      policy,
      berlin,
      { atRiskAt, breachedAt: null, stoppedAt: null, paused: false },
      ms("2026-03-09T09:30:00+01:00"),
    );
    expect(onlyAtRisk.due.map((step) => [step.step, step.fireAt])).toEqual([
      [1, ms("2026-03-09T09:30:00+01:00")],
    ]);
    const breached = { atRiskAt, breachedAt: dueAt, stoppedAt: null, paused: false };
    expect(planEscalationSteps(policy, berlin, breached, fridayEvening).due).toEqual([]);
    // Monday 09:40: the breach (Friday 16:50) plus 30 business minutes is Monday 09:20; the
    // calendar-time step fired on Saturday.
    const monday = planEscalationSteps(policy, berlin, breached, ms("2026-03-09T09:40:00+01:00"));
    expect(monday.due.map((step) => [step.step, step.trigger, step.fireAt])).toEqual([
      [3, "breached", ms("2026-03-07T16:50:00+01:00")],
      [2, "breached", ms("2026-03-09T09:20:00+01:00")],
      [1, "at_risk", ms("2026-03-09T09:30:00+01:00")],
    ]);
    // The calendar-time step: 24 hours after the breach.
    const saturday = planEscalationSteps(policy, berlin, breached, ms("2026-03-07T16:50:00+01:00"));
    expect(saturday.due.map((step) => step.step)).toEqual([3]);
  });

  it("is cancelled by a first response given before the step's instant", () => {
    const answeredFriday = planEscalationSteps(
      policy,
      berlin,
      { atRiskAt, breachedAt: null, stoppedAt: ms("2026-03-06T16:45:00+01:00"), paused: false },
      ms("2026-03-10T12:00:00+01:00"),
    );
    expect(answeredFriday.due).toEqual([]);
    expect(answeredFriday.cancelled.map((step) => step.step)).toEqual([1]);
    // Answered Monday 09:45, after the at-risk step (09:30) fired: that step stays due.
    const answeredMonday = planEscalationSteps(
      policy,
      berlin,
      {
        atRiskAt,
        breachedAt: dueAt,
        stoppedAt: ms("2026-03-09T09:45:00+01:00"),
        paused: false,
      },
      ms("2026-03-10T12:00:00+01:00"),
    );
    expect(answeredMonday.due.map((step) => step.step)).toEqual([3, 2, 1]);
    expect(answeredMonday.cancelled).toEqual([]);
    // Answered Monday 09:25: the breach step of 09:20 fired, the at-risk one of 09:30 not.
    const answeredAt0925 = planEscalationSteps(
      policy,
      berlin,
      {
        atRiskAt,
        breachedAt: dueAt,
        stoppedAt: ms("2026-03-09T09:25:00+01:00"),
        paused: false,
      },
      ms("2026-03-10T12:00:00+01:00"),
    );
    expect(answeredAt0925.due.map((step) => step.step)).toEqual([3, 2]);
    expect(answeredAt0925.cancelled.map((step) => step.step)).toEqual([1]);
  });

  it("fires nothing while the clock is paused, and cannot place business time without a calendar", () => {
    const clock = { atRiskAt, breachedAt: dueAt, stoppedAt: null, paused: true };
    const later = ms("2026-03-10T12:00:00+01:00");
    expect(planEscalationSteps(policy, berlin, clock, later).due).toEqual([]);
    const withoutCalendar = planEscalationSteps(policy, null, { ...clock, paused: false }, later);
    expect(withoutCalendar.unplaceable).toEqual([1, 2]);
    expect(withoutCalendar.due.map((step) => step.step)).toEqual([3]);
  });
});

describe("matchEscalationPolicy", () => {
  const platinum: EscalationPolicy = {
    ...policy,
    id: "platinum",
    position: 2,
    conditions: { tiers: ["platinum"] },
  };
  const anyCase: EscalationPolicy = { ...policy, id: "any", position: 9, conditions: {} };

  it("takes the first match by position, an empty condition matching anything", () => {
    const policies = [anyCase, platinum, policy];
    expect(matchEscalationPolicy(policies, { tier: "platinum", priority: "urgent" })?.id).toBe(
      "urgent-path",
    );
    expect(matchEscalationPolicy(policies, { tier: "platinum", priority: "low" })?.id).toBe(
      "platinum",
    );
    expect(matchEscalationPolicy(policies, { tier: "gold", priority: "low" })?.id).toBe("any");
    expect(matchEscalationPolicy([policy], { tier: "gold", priority: "low" })).toBeUndefined();
  });
});

describe("levels and targets", () => {
  it("escalate steps set their level; notify steps keep the case's, at least 1", () => {
    expect(levelOfStep(escalateLater, 1)).toBe(2);
    expect(levelOfStep(notifyLead, 0)).toBe(1);
    expect(levelOfStep(notifyLead, 3)).toBe(3);
    expect(describeTarget({ kind: "role", role: "ops_manager" })).toBe("role:ops_manager");
    expect(describeTarget({ kind: "user", user: "u-1" })).toBe("user:u-1");
    expect(describeTarget({ kind: "team_lead" })).toBe("team_lead");
  });

  it("resolves recipients by role and scope, never disabled users", () => {
    const users = [
      { id: "lead-billing", disabled: false, grants: [grant("team_lead", ["billing"])] },
      { id: "lead-tech", disabled: false, grants: [grant("team_lead", ["technical"])] },
      { id: "lead-gone", disabled: true, grants: [grant("team_lead", ["billing"])] },
      { id: "manager-all", disabled: false, grants: [grant("ops_manager", [])] },
      { id: "manager-amer", disabled: false, grants: [grant("ops_manager", [], ["amer"])] },
      { id: "agent-billing", disabled: false, grants: [grant("agent", ["billing"])] },
    ];
    const scope = { teamId: "billing", region: "emea" };
    expect(resolveRecipients(users, { kind: "team_lead" }, scope)).toEqual(["lead-billing"]);
    expect(resolveRecipients(users, { kind: "manager" }, scope)).toEqual(["manager-all"]);
    expect(resolveRecipients(users, { kind: "role", role: "agent" }, scope)).toEqual([
      "agent-billing",
    ]);
    expect(resolveRecipients(users, { kind: "team", team: "technical" }, scope)).toEqual([
      "lead-tech",
    ]);
    expect(resolveRecipients(users, { kind: "user", user: "lead-tech" }, scope)).toEqual([
      "lead-tech",
    ]);
    expect(resolveRecipients(users, { kind: "user", user: "lead-gone" }, scope)).toEqual([]);
  });
});

function grant(
  role: "team_lead" | "ops_manager" | "agent",
  teams: string[],
  regions: string[] = [],
) {
  return { role, teams, regions };
}

describe("validateEscalationPolicies", () => {
  const check = (steps: unknown[], extra: object = {}) =>
    validateEscalationPolicies({
      policies: [{ ...policy, steps, ...extra } as EscalationPolicy],
    });

  it("accepts the contract's example", () => {
    expect(check([notifyLead, escalateManager]).ok).toBe(true);
  });

  it("names the field at fault", () => {
    expect(check([escalateManager, notifyLead])).toMatchObject({
      ok: false,
      field: "policies.0.steps.1",
    });
    expect(check([escalateLater, escalateManager])).toMatchObject({
      ok: false,
      field: "policies.0.steps.1",
    });
    expect(check([notifyLead], { calendarId: undefined })).toMatchObject({
      ok: false,
      field: "policies.0.calendarId",
    });
    expect(check([{ ...escalateManager, level: undefined }])).toMatchObject({
      field: "policies.0.steps.0.level",
    });
    expect(check([{ ...notifyLead, level: 2 }])).toMatchObject({
      field: "policies.0.steps.0.level",
    });
    expect(check([{ ...notifyLead, to: { kind: "role" } }])).toMatchObject({
      field: "policies.0.steps.0.to.role",
    });
    expect(check([{ ...notifyLead, to: { kind: "team_lead", user: "u" } }])).toMatchObject({
      field: "policies.0.steps.0.to.user",
    });
    expect(check([{ ...notifyLead, afterMinutes: -1 }])).toMatchObject({
      field: "policies.0.steps.0.afterMinutes",
    });
    expect(
      validateEscalationPolicies({ policies: [policy, { ...policy, position: 2 }] }),
    ).toMatchObject({ ok: false, field: "policies.1.id" });
  });
});

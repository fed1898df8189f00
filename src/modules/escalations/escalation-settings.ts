import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";
import { MAX_BUSINESS_MINUTES } from "../sla/calendar.js";
import { ESCALATION_TRIGGERS, type EscalationPolicies } from "./escalation-policy.js";

/**
 * What a schema cannot say about an escalation-policies document: unique ids, steps in order,
 * the fields each step's action and target need, a calendar when business time is counted.
 * Whether the calendar, users and teams named exist is checked against the store when the
 * document is saved (escalation.service.ts).
 */
export function validateEscalationPolicies(
  document: EscalationPolicies,
): SettingsCheck<EscalationPolicies> {
  const fail = (field: string, reason: string) => ({ ok: false as const, field, reason });
  const seen = new Set<string>();
  for (const [index, policy] of document.policies.entries()) {
    const at = `policies.${index}`;
    if (seen.has(policy.id)) return fail(`${at}.id`, `"${policy.id}" is used by another policy`);
    seen.add(policy.id);
    if (policy.steps.length === 0) return fail(`${at}.steps`, "must list at least one step");
    let previous: { trigger: number; afterMinutes: number } | undefined;
    for (const [stepIndex, step] of policy.steps.entries()) {
      const stepAt = `${at}.steps.${stepIndex}`;
      if (!Number.isFinite(step.afterMinutes) || step.afterMinutes < 0) {
        return fail(`${stepAt}.afterMinutes`, "must be 0 or more");
      }
      if (step.afterMinutes > MAX_BUSINESS_MINUTES) {
        return fail(`${stepAt}.afterMinutes`, `must be at most ${MAX_BUSINESS_MINUTES}`);
      }
      const order = {
        trigger: ESCALATION_TRIGGERS.indexOf(step.trigger),
        afterMinutes: step.afterMinutes,
      };
      if (
        previous &&
        (order.trigger < previous.trigger ||
          (order.trigger === previous.trigger && order.afterMinutes < previous.afterMinutes))
      ) {
        return fail(
          stepAt,
          "is out of order: list at_risk steps before breached steps, each by afterMinutes ascending",
        );
      }
      previous = order;
      if (step.time === "business" && policy.calendarId === undefined) {
        return fail(`${at}.calendarId`, `is required: step ${stepIndex + 1} counts business time`);
      }
      if (step.action === "escalate" && step.level === undefined) {
        return fail(`${stepAt}.level`, "is required for an escalate step (1–10)");
      }
      if (step.action === "notify" && step.level !== undefined) {
        return fail(`${stepAt}.level`, "is only for escalate steps; a notify step keeps the level");
      }
      const needs = { role: "role", user: "user", team: "team" } as const;
      for (const [kind, key] of Object.entries(needs)) {
        const given = (step.to as Record<string, unknown>)[key] !== undefined;
        if (step.to.kind === kind && !given) {
          return fail(`${stepAt}.to.${key}`, `is required when to.kind is "${kind}"`);
        }
        if (step.to.kind !== kind && given) {
          return fail(`${stepAt}.to.${key}`, `is only for to.kind "${kind}"`);
        }
      }
    }
  }
  return { ok: true, body: document };
}

export const ESCALATION_POLICY_SETTINGS: SettingsDefinition<EscalationPolicies> = {
  kind: "escalation-policies",
  defaults: () => ({ policies: [] }),
  validate: validateEscalationPolicies,
};

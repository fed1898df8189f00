import { CHANNELS, type Channel } from "../events/event.types.js";

/**
 * Intake rules: which fields a new case must carry, per channel and top-level category. Pure: the
 * service loads the current rule set and calls `checkIntake` before a case is opened.
 */
export interface IntakeRule {
  /** The rule applies to cases of this channel only; any channel when absent. */
  channel?: Channel;
  /** The rule applies to cases whose category starts with `<categoryTop>/`; any when absent. */
  categoryTop?: string;
  /** Case fields (extension fields included) that must be present and non-empty. */
  require: string[];
  /** Field → regular expression its value must match (when the field is present). */
  patterns?: Record<string, string>;
}

export type IntakeRuleSet = IntakeRule[];

export interface IntakeFailure {
  field: string;
  reason: string;
}

/** Checks a rule set before it is saved; the field is a path into the list (`0.patterns.x`). */
export function validateRuleSet(rules: readonly IntakeRule[]): { ok: true } | IntakeFailure {
  for (const [index, rule] of rules.entries()) {
    if (rule.channel !== undefined && !(CHANNELS as readonly string[]).includes(rule.channel)) {
      return {
        field: `${index}.channel`,
        reason: `unknown channel "${rule.channel}" (one of ${CHANNELS.join(", ")})`,
      };
    }
    for (const [field, pattern] of Object.entries(rule.patterns ?? {})) {
      try {
        new RegExp(pattern);
      } catch {
        return {
          field: `${index}.patterns.${field}`,
          reason: `pattern for ${field} is not a valid regular expression: ${pattern}`,
        };
      }
    }
  }
  return { ok: true };
}

function appliesTo(rule: IntakeRule, input: Record<string, unknown>): boolean {
  if (rule.channel !== undefined && input.channel !== rule.channel) return false;
  if (rule.categoryTop !== undefined) {
    const category = typeof input.category === "string" ? input.category : "";
    if (category.split("/")[0] !== rule.categoryTop) return false;
  }
  return true;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
  );
}

/**
 * Every field of a new case that breaks a rule of the set, once per field, in the order the
 * rules name them. Example: phone needs `callbackNumber`, billing needs `accountId`; a phone
 * billing case with neither gives both.
 */
export function checkIntake(
  rules: readonly IntakeRule[],
  input: Record<string, unknown>,
): IntakeFailure[] {
  const failures: IntakeFailure[] = [];
  const failed = new Set<string>();
  const fail = (field: string, reason: string) => {
    if (failed.has(field)) return;
    failed.add(field);
    failures.push({ field, reason });
  };
  for (const rule of rules) {
    if (!appliesTo(rule, input)) continue;
    const scope = [rule.channel, rule.categoryTop].filter((part) => part !== undefined).join(" ");
    const label = scope === "" ? "every case" : `${scope} cases`;
    for (const field of rule.require) {
      if (isEmpty(input[field])) fail(field, `is required for ${label}`);
    }
    for (const [field, pattern] of Object.entries(rule.patterns ?? {})) {
      const value = input[field];
      if (isEmpty(value)) continue;
      if (!new RegExp(pattern).test(String(value))) {
        fail(field, `must match ${pattern} for ${label}`);
      }
    }
  }
  return failures;
}

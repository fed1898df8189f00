/**
 * Intake rules as the editor holds them: required fields typed as a comma-separated list and
 * patterns as rows of field and regular expression.
 */
import { CHANNELS, type Channel } from "../../../src/modules/events/event.types.ts";
import type { IntakeRule } from "../api/settings-types.ts";
import { formatCommaList, parseCommaList } from "./comma-list.ts";

export interface PatternDraft {
  field: string;
  pattern: string;
}

export interface IntakeRuleDraft {
  /** "" for any channel. */
  channel: Channel | "";
  /** "" for any category. */
  categoryTop: string;
  requireText: string;
  patterns: PatternDraft[];
}

export function intakeRuleToDraft(rule: IntakeRule): IntakeRuleDraft {
  return {
    channel: rule.channel ?? "",
    categoryTop: rule.categoryTop ?? "",
    requireText: formatCommaList(rule.require),
    patterns: Object.entries(rule.patterns ?? {}).map(([field, pattern]) => ({ field, pattern })),
  };
}

export function draftToIntakeRule(draft: IntakeRuleDraft): IntakeRule {
  const rule: IntakeRule = { require: parseCommaList(draft.requireText) };
  if (draft.channel !== "" && (CHANNELS as readonly string[]).includes(draft.channel)) {
    rule.channel = draft.channel;
  }
  if (draft.categoryTop.trim() !== "") rule.categoryTop = draft.categoryTop.trim();
  const patterns = draft.patterns.filter((row) => row.field.trim() !== "");
  if (patterns.length > 0) {
    rule.patterns = Object.fromEntries(patterns.map((row) => [row.field.trim(), row.pattern]));
  }
  return rule;
}

export function newIntakeRuleDraft(): IntakeRuleDraft {
  return { channel: "", categoryTop: "", requireText: "", patterns: [] };
}

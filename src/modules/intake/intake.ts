import type { IntakeRule } from "./intake-rules.js";

/** One saved version of the intake rules; version 0 (no rules) stands for "never saved". */
export interface IntakeRuleSetVersion {
  version: number;
  rules: IntakeRule[];
  createdAt: number;
  createdBy: string;
}

import { ROLES, type Role, roleAllows } from "../../access/permissions.js";
import type { AlertSeverity } from "../events/event.types.js";
import type { KpiName } from "../metrics/kpi.js";
import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";
import type { AlertBucket, AlertDimension, AlertSlice } from "./alert.js";

/**
 * The `alert-rules` settings document: which metric of which slices the alerts job watches, how
 * (a seasonal baseline or a static threshold) and when an alert opens and ends. docs/alerts.md
 * explains every field with examples. Pure; the defaults are tuned on the demo's promotion and
 * faulty release.
 */

export const ALERT_RULE_KINDS = ["baseline", "threshold"] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export const RULE_DIRECTIONS = ["up", "down", "both"] as const;
export type RuleDirection = (typeof RULE_DIRECTIONS)[number];

export interface AlertRule {
  /** Part of every alert id: letters, digits, `.`, `_`, `-`. */
  id: string;
  name: string;
  enabled: boolean;
  metric: KpiName;
  /** `all` (the whole workspace) or a slice dimension. */
  dim: AlertDimension;
  /** One value of `dim`; null watches every value of `dim`, each as its own slice. */
  key: string | null;
  kind: AlertRuleKind;
  /** hour: hour-of-week seasonality; day: day-of-week seasonality. */
  bucket: AlertBucket;
  direction: RuleDirection;
  /** Buckets in a row out of range before an alert opens. */
  consecutive: number;
  /** Buckets in a row back in range before an open alert resolves. */
  recovery: number;
  /**
   * How long after its end a bucket is evaluated: lagging KPIs (reopens, recontacts) need their
   * window to pass before a bucket's value is final.
   */
  delayHours: number;
  severity: AlertSeverity;
  /** Baseline: how many past weeks give the expected value (same hour or day of the week). */
  weeks: number;
  /** Baseline: the z-score (|value − mean| ÷ std) a bucket must reach; null: not tested. */
  zScore: number | null;
  /** Baseline: the change from the mean, in percent, a bucket must reach; null: not tested. */
  percent: number | null;
  /** Baseline: the smallest absolute change that counts, in the metric's unit. */
  minDelta: number;
  /**
   * Buckets in which the slice had fewer cases than this are skipped as too small to judge (and
   * left out of baselines): cases opened for KPIs of opened cases, cases resolved for KPIs of
   * resolved cases and for survey scores (volumeMetricOf). 0: every bucket counts.
   */
  minVolume: number;
  /** Threshold: out of range above this value; null: no upper limit. */
  above: number | null;
  /** Threshold: out of range below this value; null: no lower limit. */
  below: number | null;
  /** Who is notified in the app: holders of these roles whose grants cover the slice. */
  notify: Role[];
}

export interface AlertRulesDocument {
  rules: AlertRule[];
}

export const MIN_BASELINE_WEEKS = 3;
export const MAX_BASELINE_WEEKS = 12;
/** A baseline needs this many past weeks with a value before its buckets are judged. */
export const MIN_BASELINE_SAMPLES = 3;
export const DEFAULT_NOTIFY: Role[] = ["admin", "ops_manager", "team_lead"];

/** Defaults of the optional fields, applied on save. */
const FIELD_DEFAULTS = {
  enabled: true,
  key: null,
  bucket: "hour",
  direction: "both",
  consecutive: 1,
  recovery: 1,
  delayHours: 0,
  severity: "warning",
  weeks: 4,
  zScore: null,
  percent: null,
  minDelta: 0,
  minVolume: 0,
  above: null,
  below: null,
} as const;

type RuleInput = Partial<AlertRule> & Pick<AlertRule, "id" | "name" | "metric" | "dim" | "kind">;

/** A rule with every optional field at its default. */
export function completeRule(input: RuleInput): AlertRule {
  const rule: AlertRule = {
    ...FIELD_DEFAULTS,
    notify: [...DEFAULT_NOTIFY],
    ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
  } as AlertRule;
  // A baseline rule given neither test tests the z-score at 3.
  if (rule.kind === "baseline" && rule.zScore === null && rule.percent === null) rule.zScore = 3;
  return rule;
}

/**
 * The rules in force before an admin saves any, chosen on the demo's 90 days: its four-day
 * promotion (case volume ×2.5, mostly orders and billing) and its faulty release (login and
 * checkout problems, slower answers, reopens, recontacts and unhappy customers), without alerts on
 * ordinary days. Volume and backlog are judged per hour against the same hour of the last four
 * weeks; survey scores and rates per day, where an hour holds too few answers to mean anything.
 */
export function defaultAlertRules(): AlertRulesDocument {
  return {
    rules: [
      completeRule({
        id: "case-volume",
        name: "Case volume above the usual for the hour",
        metric: "casesOpened",
        dim: "all",
        kind: "baseline",
        bucket: "hour",
        direction: "up",
        zScore: 4,
        percent: 40,
        minDelta: 5,
        consecutive: 3,
        recovery: 3,
        severity: "warning",
      }),
      completeRule({
        id: "category-volume",
        name: "Case volume of a category above the usual for the hour",
        metric: "casesOpened",
        dim: "categoryTop",
        kind: "baseline",
        bucket: "hour",
        direction: "up",
        zScore: 4,
        percent: 60,
        minDelta: 4,
        consecutive: 3,
        recovery: 3,
        severity: "warning",
      }),
      completeRule({
        id: "backlog-growth",
        name: "Backlog above the usual for the hour",
        metric: "backlog",
        dim: "all",
        kind: "baseline",
        bucket: "hour",
        direction: "up",
        zScore: 4,
        percent: 30,
        minDelta: 20,
        consecutive: 4,
        recovery: 4,
        severity: "warning",
      }),
      completeRule({
        id: "first-response-slow",
        name: "Median first response of a category slower than usual for the day",
        metric: "firstResponseMedianMinutes",
        dim: "categoryTop",
        kind: "baseline",
        bucket: "day",
        direction: "up",
        zScore: 3,
        percent: 50,
        minDelta: 5,
        minVolume: 20,
        consecutive: 2,
        recovery: 1,
        severity: "warning",
      }),
      completeRule({
        id: "csat-drop",
        name: "CSAT of a category below the usual for the day",
        metric: "csat",
        dim: "categoryTop",
        kind: "baseline",
        bucket: "day",
        direction: "down",
        zScore: 3,
        minDelta: 10,
        minVolume: 20,
        consecutive: 2,
        recovery: 1,
        severity: "critical",
      }),
      completeRule({
        id: "reopen-rise",
        name: "Reopen rate of a category above the usual for the day",
        metric: "reopenRate",
        dim: "categoryTop",
        kind: "baseline",
        bucket: "day",
        direction: "up",
        zScore: 3,
        minDelta: 0.05,
        minVolume: 20,
        consecutive: 2,
        recovery: 1,
        // Reopens come within days of the resolution: judge a day once most of them are in.
        delayHours: 72,
        severity: "warning",
      }),
      completeRule({
        id: "recontact-rise",
        name: "Recontact rate of a category above the usual for the day",
        metric: "recontactRate",
        dim: "categoryTop",
        kind: "baseline",
        bucket: "day",
        direction: "up",
        zScore: 4,
        minDelta: 0.05,
        minVolume: 20,
        consecutive: 1,
        recovery: 1,
        // A recontact counts up to seven days after the resolution: judge a day once they are in.
        delayHours: 168,
        severity: "warning",
      }),
    ],
  };
}

/**
 * The count that says how many cases a KPI's value rests on in a bucket: cases opened for the
 * KPIs of cases opened in the period, cases resolved for those of cases resolved in it and for
 * survey scores (surveys follow resolutions; the engine does not count answers per bucket);
 * null for the counts themselves.
 */
export function volumeMetricOf(metric: KpiName): KpiName | null {
  switch (metric) {
    case "casesOpened":
    case "casesResolved":
    case "backlog":
      return null;
    case "firstResponseMedianMinutes":
    case "firstResponseP90Minutes":
    case "escalationRate":
    case "slaFirstResponseAttainment":
      return "casesOpened";
    default:
      return "casesResolved";
  }
}

/** The slices a rule watches among the keys seen in the data (every key for all-keys rules). */
export function slicesOfRule(rule: AlertRule, seenKeys: Iterable<string>): AlertSlice[] {
  if (rule.dim === "all") return [{ dim: "all", key: "all" }];
  if (rule.key !== null) return [{ dim: rule.dim, key: rule.key }];
  return [...new Set(seenKeys)].sort().map((key) => ({ dim: rule.dim, key }));
}

/** Whether an enabled rule still watches this slice (an open alert of a slice it no longer does is ended). */
export function ruleWatches(
  rule: AlertRule | undefined,
  alert: { metric: string; dim: string; key: string },
): boolean {
  if (!rule?.enabled) return false;
  if (rule.metric !== alert.metric || rule.dim !== alert.dim) return false;
  return rule.dim === "all" || rule.key === null || rule.key === alert.key;
}

export function validateAlertRules(
  document: AlertRulesDocument,
): SettingsCheck<AlertRulesDocument> {
  const fail = (field: string, reason: string) => ({ ok: false as const, field, reason });
  const seen = new Set<string>();
  const rules: AlertRule[] = [];
  for (const [index, input] of document.rules.entries()) {
    const at = `rules.${index}`;
    if (seen.has(input.id)) return fail(`${at}.id`, `"${input.id}" is used by another rule`);
    seen.add(input.id);
    const rule = completeRule(input as RuleInput);
    if (rule.dim === "all" && rule.key !== null) {
      return fail(`${at}.key`, "must be absent when dim is all");
    }
    if (rule.minVolume > 0 && volumeMetricOf(rule.metric) === null) {
      return fail(`${at}.minVolume`, `means nothing for ${rule.metric}, a count itself`);
    }
    if (rule.kind === "threshold") {
      if ((rule.direction === "up" || rule.direction === "both") && rule.above === null) {
        return fail(
          `${at}.above`,
          `is required for a threshold rule with direction ${rule.direction}`,
        );
      }
      if ((rule.direction === "down" || rule.direction === "both") && rule.below === null) {
        return fail(
          `${at}.below`,
          `is required for a threshold rule with direction ${rule.direction}`,
        );
      }
      if (rule.above !== null && rule.below !== null && rule.below >= rule.above) {
        return fail(`${at}.below`, "must be less than above");
      }
    } else {
      if (rule.above !== null) return fail(`${at}.above`, "is only for threshold rules");
      if (rule.below !== null) return fail(`${at}.below`, "is only for threshold rules");
    }
    for (const [roleIndex, role] of rule.notify.entries()) {
      if (!(ROLES as readonly string[]).includes(role)) {
        return fail(`${at}.notify.${roleIndex}`, `"${role}" is not a role`);
      }
      if (!roleAllows(role, "metrics:read")) {
        return fail(`${at}.notify.${roleIndex}`, `${role} cannot read metrics`);
      }
    }
    rules.push(rule);
  }
  return { ok: true, body: { rules } };
}

export const ALERT_RULES_SETTINGS: SettingsDefinition<AlertRulesDocument> = {
  kind: "alert-rules",
  defaults: defaultAlertRules,
  validate: validateAlertRules,
};

import { CHANNELS, type Channel, PRIORITIES, type Priority } from "../events/event.types.js";
import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";

/**
 * The `queue-settings` document: the weights and values of the priority score (docs/queues.md
 * gives the formula), how many cases of each channel an agent works at once unless their own
 * capacity says otherwise, and whether cases are pushed to agents or pulled by them. Pure;
 * queue-settings.service.ts checks the teams it names when it is saved.
 */

/** The terms of the priority score, in the order the explanation lists them. */
export const SCORE_TERMS = ["value", "urgency", "slaRisk", "age", "feasibility"] as const;
export type ScoreTerm = (typeof SCORE_TERMS)[number];

/** push: the assignment job hands waiting cases to agents; pull: agents take the next case. */
export const QUEUE_MODES = ["push", "pull"] as const;
export type QueueMode = (typeof QUEUE_MODES)[number];

export interface QueueSettings {
  /** How much each term counts; the score divides by their sum, so only ratios matter. */
  weights: Record<ScoreTerm, number>;
  /** Customer tier → value in [0, 1]. */
  tierValues: Record<string, number>;
  /** The value of a tier not listed in `tierValues` (and of customers without a known tier). */
  defaultTierValue: number;
  /** Case priority → urgency in [0, 1]. */
  priorityValues: Record<Priority, number>;
  /** The age at which the age term is full (1). */
  ageHorizonMinutes: number;
  /** The share of an SLA target used at which the SLA risk term is full (1.5: half past due). */
  slaRiskCap: number;
  /** Cases of each channel an agent works at once, unless the agent's own capacity says. */
  defaultCapacity: Record<Channel, number>;
  assignment: {
    mode: QueueMode;
    /** Teams that work the other way from `mode`. */
    perTeam?: Record<string, QueueMode>;
  };
}

export const MAX_CAPACITY = 100;
export const MAX_SLA_RISK_CAP = 10;
/** About a year: an age horizon beyond it is a typo. */
export const MAX_AGE_HORIZON_MINUTES = 525_600;

export function defaultQueueSettings(): QueueSettings {
  return {
    weights: { value: 2, urgency: 3, slaRisk: 3, age: 1, feasibility: 1 },
    tierValues: { platinum: 1, gold: 0.75, silver: 0.5, bronze: 0.25 },
    defaultTierValue: 0.25,
    priorityValues: { urgent: 1, high: 0.7, normal: 0.4, low: 0.1 },
    ageHorizonMinutes: 480,
    slaRiskCap: 1.5,
    defaultCapacity: { email: 8, chat: 3, phone: 1, web: 6, social: 6, api: 8 },
    // Nothing is assigned behind anyone's back until an admin chooses push.
    assignment: { mode: "pull" },
  };
}

const isShare = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;

/**
 * Checks what the schema cannot say (or what a caller without the schema, such as the demo,
 * might get wrong): weights not all zero, values in [0, 1], a positive horizon, whole capacities.
 * Team names are checked against the store when the document is saved.
 */
export function validateQueueSettings(body: QueueSettings): SettingsCheck<QueueSettings> {
  const fail = (field: string, reason: string): SettingsCheck<QueueSettings> => ({
    ok: false,
    field,
    reason,
  });
  let weightSum = 0;
  for (const term of SCORE_TERMS) {
    const weight = body.weights[term];
    if (!Number.isFinite(weight) || weight < 0) {
      return fail(`weights.${term}`, "must be a number, 0 or more");
    }
    weightSum += weight;
  }
  if (weightSum === 0) return fail("weights", "must not all be 0: the score would mean nothing");
  for (const [tier, value] of Object.entries(body.tierValues)) {
    if (!isShare(value)) return fail(`tierValues.${tier}`, "must be between 0 and 1");
  }
  if (!isShare(body.defaultTierValue)) return fail("defaultTierValue", "must be between 0 and 1");
  for (const priority of PRIORITIES) {
    if (!isShare(body.priorityValues[priority])) {
      return fail(`priorityValues.${priority}`, "must be between 0 and 1");
    }
  }
  const horizon = body.ageHorizonMinutes;
  if (!Number.isFinite(horizon) || horizon <= 0 || horizon > MAX_AGE_HORIZON_MINUTES) {
    return fail("ageHorizonMinutes", `must be above 0 and at most ${MAX_AGE_HORIZON_MINUTES}`);
  }
  const cap = body.slaRiskCap;
  if (!Number.isFinite(cap) || cap < 1 || cap > MAX_SLA_RISK_CAP) {
    return fail("slaRiskCap", `must be at least 1 and at most ${MAX_SLA_RISK_CAP}`);
  }
  for (const channel of CHANNELS) {
    const capacity = body.defaultCapacity[channel];
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY) {
      return fail(`defaultCapacity.${channel}`, `must be a whole number from 0 to ${MAX_CAPACITY}`);
    }
  }
  return { ok: true, body };
}

export const QUEUE_SETTINGS: SettingsDefinition<QueueSettings> = {
  kind: "queue-settings",
  defaults: defaultQueueSettings,
  validate: validateQueueSettings,
};

/** Whether the team's cases are pushed to agents or pulled by them. */
export function queueModeOf(settings: QueueSettings, teamId: string): QueueMode {
  return settings.assignment.perTeam?.[teamId] ?? settings.assignment.mode;
}

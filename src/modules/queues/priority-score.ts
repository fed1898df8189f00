import type { Priority, SlaClockKind } from "../events/event.types.js";
import type { SlaClockState } from "../sla/sla-clocks.js";
import type { QueueSettings, ScoreTerm } from "./queue-settings.js";

/**
 * The priority score of a waiting case: 0–100, the weighted mean of five terms in [0, 1]
 * (docs/queues.md is the reference, with a worked example that the tests check):
 *
 *   score = 100 × Σ wᵢ·termᵢ / Σ wᵢ
 *
 * - value: the customer's tier value (`tierValues`, else `defaultTierValue`);
 * - urgency: the case priority's value (`priorityValues`);
 * - slaRisk: the share of its target used by the case's most-used running clock, in wall-clock
 *   time, capped at `slaRiskCap` and divided by it (0 without a running clock);
 * - age: time since the case opened over `ageHorizonMinutes`, at most 1;
 * - feasibility: whether an agent can take it now (1), only busy or full ones could (0.5), or
 *   nobody on shift could (0).
 *
 * Pure: the queue service loads the case's clocks, tier and the team's agents and calls this.
 */

/** A stored SLA clock, as far as the score reads it. */
export interface ScoreClock {
  clock: SlaClockKind;
  startedAt: number;
  dueAt: number;
  stoppedAt: number | null;
  state: SlaClockState;
  /** When the clock was last computed: a paused clock's share is frozen there. */
  updatedAt: number;
}

export interface ScoreInput {
  /** The customer's tier; null when the customer is unknown. */
  tier: string | null;
  priority: Priority;
  openedAt: number;
  /** The case's clocks; stopped ones are ignored. */
  clocks: readonly ScoreClock[];
  /** From assessFeasibility (src/modules/assignment/agent-availability.ts). */
  feasibility: { value: number; input: string };
}

export interface ScoreTermExplanation {
  term: ScoreTerm;
  /** What the term was read from, for people: `gold`, `72% of first response target used`. */
  input: string;
  /** The term, 0–1 (rounded to 4 decimals). */
  value: number;
  weight: number;
  /** 100 × weight × value / Σ weights, rounded to 2 decimals: the term's part of the score. */
  points: number;
}

export interface ScoreExplanation {
  /** 0–100, rounded to 2 decimals: the sum of the terms' unrounded points. */
  score: number;
  terms: ScoreTermExplanation[];
}

const MINUTE_MS = 60_000;

const CLOCK_NAMES: Record<SlaClockKind, string> = {
  firstResponse: "first response",
  nextUpdate: "next update",
  resolution: "resolution",
  internal: "internal",
};

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * The share of its target a running clock has used at `now`, in wall-clock time:
 * (now − started) / (due − started). A paused clock's share stands still at its last computation
 * (`updatedAt`, when the pause was recorded). A clock with no time to run is fully used once due.
 *
 * @example
 * // started 10:00, due 14:00, now 12:00 → 0.5; now 15:00 → 1.25
 */
export function slaShareUsed(clock: ScoreClock, now: number): number {
  const at = clock.state === "paused" ? clock.updatedAt : now;
  const target = clock.dueAt - clock.startedAt;
  if (target <= 0) return at >= clock.dueAt ? Number.POSITIVE_INFINITY : 0;
  return Math.max(0, (at - clock.startedAt) / target);
}

/** The running clock that has used most of its target, with that share; undefined if none runs. */
export function mostUsedClock(
  clocks: readonly ScoreClock[],
  now: number,
): { clock: ScoreClock; share: number } | undefined {
  let most: { clock: ScoreClock; share: number } | undefined;
  for (const clock of clocks) {
    if (clock.stoppedAt !== null) continue;
    const share = slaShareUsed(clock, now);
    if (most === undefined || share > most.share) most = { clock, share };
  }
  return most;
}

function describeMinutes(minutes: number): string {
  const whole = Math.floor(minutes);
  if (whole < 60) return `${whole} min`;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Each term's value and what it was read from, before weighting. */
function readTerms(
  input: ScoreInput,
  settings: QueueSettings,
  now: number,
): Record<ScoreTerm, { value: number; input: string }> {
  const listed = input.tier !== null && Object.hasOwn(settings.tierValues, input.tier);
  const value = {
    value: listed
      ? (settings.tierValues[input.tier as string] as number)
      : settings.defaultTierValue,
    input: listed
      ? (input.tier as string)
      : `${input.tier ?? "no tier"} (not listed: the default value)`,
  };

  const urgency = { value: settings.priorityValues[input.priority], input: input.priority };

  const most = mostUsedClock(input.clocks, now);
  const slaRisk =
    most === undefined
      ? { value: 0, input: "no SLA clock running" }
      : {
          value: Math.min(most.share, settings.slaRiskCap) / settings.slaRiskCap,
          input: `${Number.isFinite(most.share) ? Math.round(most.share * 100) : "all"}% of ${
            CLOCK_NAMES[most.clock.clock]
          } target used${most.clock.state === "paused" ? " (paused)" : ""}`,
        };

  const ageMinutes = Math.max(0, now - input.openedAt) / MINUTE_MS;
  const age = {
    value: Math.min(ageMinutes / settings.ageHorizonMinutes, 1),
    input: `${describeMinutes(ageMinutes)} since opened (full at ${describeMinutes(settings.ageHorizonMinutes)})`,
  };

  return {
    value,
    urgency,
    slaRisk,
    age,
    feasibility: { value: input.feasibility.value, input: input.feasibility.input },
  };
}

/**
 * The score of a case at `now` with each term's part in it, so a person can see why a case is
 * where it is in the queue. The order of `terms` is SCORE_TERMS'.
 *
 * @example
 * // docs/queues.md, case A: gold (0.75), high (0.7), 75% of the target used with a cap of 1.5
 * // (0.5), 3 h of an 8 h horizon (0.375), an agent free (1); weights 2, 3, 3, 1, 1:
 * explainScore(caseA, settings, noon).score // 100 × (1.5 + 2.1 + 1.5 + 0.375 + 1) / 10 = 64.75
 */
export function explainScore(
  input: ScoreInput,
  settings: QueueSettings,
  now: number,
): ScoreExplanation {
  const read = readTerms(input, settings, now);
  let weightSum = 0;
  for (const term of Object.keys(read) as ScoreTerm[]) weightSum += settings.weights[term];
  let score = 0;
  const terms = (Object.keys(read) as ScoreTerm[]).map((term): ScoreTermExplanation => {
    const weight = settings.weights[term];
    const { value, input: from } = read[term];
    const points = weightSum === 0 ? 0 : (100 * weight * value) / weightSum;
    score += points;
    return { term, input: from, value: round(value, 4), weight, points: round(points, 2) };
  });
  return { score: round(score, 2), terms };
}

import {
  type AgentAvailability,
  isOnShiftAt,
  skillSurplus,
} from "../assignment/agent-availability.js";
import type { Channel, SkillRequirement } from "../events/event.types.js";
import { computeDueAtMillis } from "../sla/calendar.js";

/**
 * Predicts when each waiting case of a team's queue gets its first response, and so whether it
 * will miss its first-response target, from three things the store knows now: the case's place in
 * the queue (score order, src/modules/queues), the agents on shift who hold the skills it needs,
 * and how long the team's cases have recently taken to handle. Pure; docs/queues.md documents the
 * model and prediction.service.ts runs it.
 *
 * The model, for a case at queue position p (1 = next; p − 1 cases before it):
 * - eligible agents: the team's agents, not away, holding every required skill at its level;
 * - ahead: the cases before it in the queue that one of those agents could also take;
 * - free slots F: what eligible agents who are available and on shift can take on at once on the
 *   case's channel (capacity − load, summed);
 * - throughput r = n / AHT: n eligible agents on shift, each finishing a case every AHT minutes;
 * - wait = 0 when ahead < F (an agent is free for it now), else (ahead − F + 1) / r minutes;
 * - nobody eligible on shift: the wait starts at the next shift start of an eligible agent, with
 *   the throughput of the eligible agents on shift then; nobody eligible at all: no prediction
 *   (the case cannot be answered), which counts as a predicted breach when a target runs.
 * Peers warn at a fixed share of the target or after the miss; this warns as soon as the queue
 * in front of a case is longer than the agents who can take it will clear before its due time.
 */

export interface WaitingCase {
  caseId: string;
  channel: Channel;
  requiredSkills: readonly SkillRequirement[];
  /** The running first-response clock, when the case has one. */
  firstResponse: { policy: string; startedAt: number; dueAt: number } | null;
}

export interface TeamHandling {
  /** Mean handling minutes per case (worked time), over the recent window. */
  ahtMinutes: number;
  /** Cases the mean was measured on; 0 when it is the default. */
  sampleCases: number;
}

/** Used when a team has handled no case in the window. */
export const DEFAULT_AHT_MINUTES = 12;

export interface FirstResponsePrediction {
  caseId: string;
  position: number;
  /** Cases before it that its eligible agents could also take. */
  ahead: number;
  eligibleAgents: number;
  eligibleOnShift: number;
  freeSlots: number;
  ahtMinutes: number;
  /** Epoch ms; null when no agent of the team can ever take the case. */
  predictedAt: number | null;
  dueAt: number | null;
  /** The predicted first response comes after the due time (or never). */
  breach: boolean;
  /** One sentence a person can check. */
  reason: string;
}

const MINUTE_MS = 60_000;

/** Predictions for a team's waiting cases, `queue` in score order (position 1 first). */
export function predictFirstResponses(
  queue: readonly WaitingCase[],
  agents: readonly AgentAvailability[],
  handling: TeamHandling,
  now: number,
): FirstResponsePrediction[] {
  const aht = handling.ahtMinutes > 0 ? handling.ahtMinutes : DEFAULT_AHT_MINUTES;
  const eligibility = new EligibilityIndex(agents);
  // Cases seen so far per distinct skill requirement: "ahead" sums the requirements whose
  // eligible agents overlap this case's, so the count is O(distinct requirements) per case.
  const seenBySignature = new Map<
    string,
    { required: readonly SkillRequirement[]; count: number }
  >();
  const predictions: FirstResponsePrediction[] = [];
  for (const [position, waiting] of queue.entries()) {
    const key = signature(waiting.requiredSkills);
    let ahead = 0;
    for (const [otherKey, seen] of seenBySignature) {
      if (eligibility.overlaps(key, waiting.requiredSkills, otherKey, seen.required)) {
        ahead += seen.count;
      }
    }
    const eligible = eligibility.eligibleFor(key, waiting.requiredSkills);
    predictions.push(predictOne(waiting, position + 1, ahead, eligible, aht, now, agents));
    const seen = seenBySignature.get(key);
    if (seen) seen.count += 1;
    else seenBySignature.set(key, { required: waiting.requiredSkills, count: 1 });
  }
  return predictions;
}

function predictOne(
  waiting: WaitingCase,
  position: number,
  ahead: number,
  eligible: readonly AgentAvailability[],
  aht: number,
  now: number,
  agents: readonly AgentAvailability[],
): FirstResponsePrediction {
  const onShift = eligible.filter((agent) => isOnShiftAt(agent, now));
  const freeSlots = onShift
    .filter((agent) => agent.presence === "available")
    .reduce(
      (sum, agent) =>
        sum + Math.max(0, agent.capacity[waiting.channel] - agent.load[waiting.channel]),
      0,
    );
  const dueAt = waiting.firstResponse?.dueAt ?? null;
  const base = {
    caseId: waiting.caseId,
    position,
    ahead,
    eligibleAgents: eligible.length,
    eligibleOnShift: onShift.length,
    freeSlots,
    ahtMinutes: aht,
    dueAt,
  };
  if (eligible.length === 0) {
    const skilledAway = agents.some((agent) => skillSurplus(agent, waiting.requiredSkills) >= 0);
    return {
      ...base,
      predictedAt: null,
      breach: dueAt !== null,
      reason: skilledAway
        ? `every agent of the team who could take it is away${describeNeeds(waiting.requiredSkills)}`
        : `no agent of the team holds the skills it needs${describeNeeds(waiting.requiredSkills)}`,
    };
  }
  let predictedAt: number;
  let reason: string;
  if (onShift.length > 0) {
    const waitMinutes = ahead < freeSlots ? 0 : ((ahead - freeSlots + 1) * aht) / onShift.length;
    predictedAt = now + waitMinutes * MINUTE_MS;
    reason =
      waitMinutes === 0
        ? `${freeSlots} free slots for ${ahead} cases ahead: it can be taken now`
        : `${ahead} cases ahead, ${freeSlots} free slots, ${onShift.length} agents on shift at ${formatMinutes(aht)} each: ${formatMinutes(waitMinutes)} wait`;
  } else {
    const nextStart = Math.min(...eligible.map((agent) => nextShiftStart(agent, now)));
    const startingThen = eligible.filter((agent) => isOnShiftAt(agent, nextStart)).length;
    const waitMinutes = ((ahead + 1) * aht) / Math.max(1, startingThen);
    predictedAt = nextStart + waitMinutes * MINUTE_MS;
    reason = `no skilled agent on shift; the next starts at ${new Date(nextStart).toISOString()}, then ${ahead} cases ahead at ${formatMinutes(aht)} each`;
  }
  return { ...base, predictedAt, breach: dueAt !== null && predictedAt > dueAt, reason };
}

/** The next instant the agent is on shift (now when they are); always-on agents are on now. */
function nextShiftStart(agent: AgentAvailability, now: number): number {
  if (agent.shift === null) return now;
  return computeDueAtMillis(agent.shift, new Date(now), 0);
}

/** ` (billing ≥ 3, de ≥ 2)`, or nothing for a case any agent can take. */
function describeNeeds(required: readonly SkillRequirement[]): string {
  if (required.length === 0) return "";
  return ` (${required.map((need) => `${need.skill} ≥ ${need.level}`).join(", ")})`;
}

function formatMinutes(minutes: number): string {
  return minutes < 90 ? `${Math.round(minutes)} min` : `${(minutes / 60).toFixed(1)} h`;
}

/**
 * Which agents can take which skill requirements, cached per distinct requirement: a queue has
 * hundreds of cases but only a handful of distinct requirements, so "could the same agents take
 * that one too" is decided once per pair of requirements.
 */
class EligibilityIndex {
  private readonly bySignature = new Map<string, AgentAvailability[]>();
  private readonly overlapBySignatures = new Map<string, boolean>();

  constructor(private readonly agents: readonly AgentAvailability[]) {}

  eligibleFor(key: string, required: readonly SkillRequirement[]): AgentAvailability[] {
    let eligible = this.bySignature.get(key);
    if (eligible === undefined) {
      eligible = this.agents.filter(
        (agent) => agent.presence !== "away" && skillSurplus(agent, required) >= 0,
      );
      this.bySignature.set(key, eligible);
    }
    return eligible;
  }

  /** Whether an agent who could take a case needing `required` could also take `otherRequired`. */
  overlaps(
    key: string,
    required: readonly SkillRequirement[],
    otherKey: string,
    otherRequired: readonly SkillRequirement[],
  ): boolean {
    const pair = `${key}|${otherKey}`;
    let overlap = this.overlapBySignatures.get(pair);
    if (overlap === undefined) {
      overlap = this.eligibleFor(key, required).some(
        (agent) => skillSurplus(agent, otherRequired) >= 0,
      );
      this.overlapBySignatures.set(pair, overlap);
    }
    return overlap;
  }
}

function signature(required: readonly SkillRequirement[]): string {
  return required
    .map((need) => `${need.skill}:${need.level}`)
    .sort()
    .join(",");
}

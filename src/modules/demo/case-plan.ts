/**
 * What will happen to a case, decided up front: how many times the customer has to answer, whether
 * it gets escalated, handed to another team or reopened, how much agent time it takes and why it
 * happened. The timeline (case-lifecycle.ts) then decides when each step happens.
 */
import type { CaseIntake } from "./case-intake.js";
import { CHANNEL_PACE } from "./channel-pace.js";
import {
  type DemoCategory,
  findDemoCategory,
  type HandoffRoute,
  topLevelOf,
} from "./demo-categories.js";
import { type DemoTeamId, findDemoTeam } from "./demo-teams.js";
import type { ReleaseImpact } from "./faulty-release.js";
import { buildWeightedTable, pickWeighted, type Random } from "./random.js";

export interface PlannedHandoff {
  route: HandoffRoute;
  /** The receiving team's checklist; a `false` item is something the sender forgot. */
  checklist: Record<string, boolean>;
  complete: boolean;
  /**
   * Intake filed the case under the wrong category: what it really is, a category of the
   * receiving team (the sender corrects it before handing over); undefined when it was right.
   */
  recategorisedAs: DemoCategory | undefined;
}

export interface CasePlan {
  customerRounds: number;
  escalationLevels: 0 | 1 | 2;
  handoff: PlannedHandoff | undefined;
  reopened: boolean;
  /** Time spent waiting on internal work (refund clearing, technician visit) before resolving. */
  internalWaitMs: number;
  /** Long internal work shows as `pending_internal` and ends with an update to the customer. */
  internalWorkIsTracked: boolean;
  /**
   * Agent handling time of each agent turn, in the order the turns happen; together 3–25 minutes
   * (plus a reopen's extra turn).
   */
  workSessionSeconds: number[];
  rootCause: string;
}

/** Internal waits longer than this are shown as `pending_internal`. */
const TRACKED_INTERNAL_WAIT_MS = 3_600_000;

/**
 * `impact` is the faulty release's, for a case it caused (faulty-release.ts). Only such cases
 * draw more numbers than an ordinary case, so every other case's story stays as it was.
 */
export function planCaseLife(intake: CaseIntake, random: Random, impact?: ReleaseImpact): CasePlan {
  const { category } = intake;
  const handoff = random.chance(category.handoffProbability)
    ? planHandoff(category, random)
    : undefined;
  // A recategorised case is worked, and closed with a root cause, as what it really is.
  const actualCategory = handoff?.recategorisedAs ?? category;
  const escalationLevels = planEscalation(intake, handoff?.route.to ?? category.team, random);
  // A receiving team that lacks information has to go back to the customer for it.
  const customerRounds =
    drawCustomerRounds(intake, random) + (handoff !== undefined && !handoff.complete ? 1 : 0);
  const reopenChance =
    0.04 +
    (handoff !== undefined && !handoff.complete ? 0.06 : 0) +
    (topLevelOf(category.id) === "technical" ? 0.02 : 0) +
    (impact?.extraReopenChance ?? 0);

  const reopened = random.chance(reopenChance);
  const internalWaitMs = random.logNormal(
    category.investigationHours * 3_600_000 * (impact?.investigationFactor ?? 1),
    0.6,
  );
  const internalWorkIsTracked = internalWaitMs > TRACKED_INTERNAL_WAIT_MS;
  const agentTurns =
    1 +
    (handoff !== undefined ? 1 : 0) +
    (escalationLevels === 2 ? 1 : 0) +
    customerRounds +
    (internalWorkIsTracked ? 1 : 0);
  const handlingFactor = impact?.handlingFactor ?? 1;
  const handlingSeconds = Math.min(
    1500 * handlingFactor,
    Math.max(180, random.logNormal(category.handleMinutes * 60 * handlingFactor, 0.45)),
  );
  const workSessionSeconds = splitHandlingTime(handlingSeconds, agentTurns, random);
  // A reopened case costs another, shorter turn on top of the original handling.
  if (reopened) workSessionSeconds.push(Math.round(handlingSeconds * (0.2 + 0.3 * random.float())));
  const rootCause = random.pick(actualCategory.rootCauses);
  if (impact === undefined) {
    return {
      customerRounds,
      escalationLevels,
      handoff,
      reopened,
      internalWaitMs,
      internalWorkIsTracked,
      workSessionSeconds,
      rootCause,
    };
  }

  // The agent needs the exact error, a screenshot, the browser: one more round, so one more
  // (short) turn, before any reopen's turn.
  const askedForDetails = random.chance(impact.extraCustomerRoundChance);
  if (askedForDetails) {
    const seconds = Math.round(handlingSeconds * (0.2 + 0.3 * random.float()));
    workSessionSeconds.splice(agentTurns, 0, seconds);
  }
  return {
    customerRounds: customerRounds + (askedForDetails ? 1 : 0),
    escalationLevels,
    handoff,
    reopened,
    internalWaitMs,
    internalWorkIsTracked,
    workSessionSeconds,
    rootCause: impact.rootCauseByCategory[actualCategory.id] ?? rootCause,
  };
}

/** The first turn, where the agent understands the problem, takes the largest share. */
function splitHandlingTime(totalSeconds: number, turns: number, random: Random): number[] {
  const weights = Array.from({ length: turns }, (_, turn) =>
    turn === 0 ? 2 : 0.5 + random.float(),
  );
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => Math.max(20, Math.round((totalSeconds * weight) / weightTotal)));
}

function planHandoff(category: DemoCategory, random: Random): PlannedHandoff | undefined {
  if (category.handoffRoutes.length === 0) return undefined;
  const route = pickWeighted(
    buildWeightedTable(category.handoffRoutes, (candidate) => candidate.weight),
    random,
  );
  const checklist: Record<string, boolean> = {};
  for (const item of findDemoTeam(route.to).handoffChecklist) {
    checklist[item] = random.chance(item === "summary" ? 0.97 : 0.88);
  }
  const misclassified =
    route.misclassified !== undefined && random.chance(route.misclassified.share)
      ? findDemoCategory(route.misclassified.category)
      : undefined;
  return {
    route,
    checklist,
    complete: Object.values(checklist).every(Boolean),
    recategorisedAs: misclassified,
  };
}

/** Valuable, urgent and angry customers are escalated more; most cases never are. */
function planEscalation(intake: CaseIntake, owner: DemoTeamId, random: Random): 0 | 1 | 2 {
  const tierRisk = { platinum: 0.05, gold: 0.02, silver: 0, bronze: 0 }[intake.customer.tier.tier];
  const priorityRisk = { urgent: 0.15, high: 0.04, normal: 0, low: 0 }[intake.priority];
  const complaintRisk = intake.category.id.includes("complaint") ? 0.1 : 0;
  if (!random.chance(0.025 + tierRisk + priorityRisk + complaintRisk)) return 0;
  // The escalations desk cannot escalate to itself; its cases stop at the team lead.
  if (owner === "escalations") return 1;
  return random.chance(0.3) ? 2 : 1;
}

/** Conversations settle more on the line; written channels need more back-and-forth. */
function drawCustomerRounds(intake: CaseIntake, random: Random): number {
  const draw = random.float();
  if (CHANNEL_PACE[intake.channel].synchronous) return draw < 0.6 ? 0 : draw < 0.9 ? 1 : 2;
  return draw < 0.35 ? 0 : draw < 0.75 ? 1 : draw < 0.95 ? 2 : 3;
}

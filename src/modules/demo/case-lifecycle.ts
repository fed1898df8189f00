/**
 * One case from arrival to survey: the plan (case-plan.ts) says what happens, this file says when,
 * and writes it down as events in the order a real case produces them.
 *
 * open → routed → assign → first reply → [(recategorise →) handoff → assign → reply]
 *      → [escalate (→ assign → reply)]
 *      → (pending_customer → customer reply → open → reply)* → [pending_internal → open → reply]
 *      → resolve → [reopen → customer reply → reply → resolve] → [survey] → [close]
 *      → [recontact: a new case]
 *
 * A case resolved at least CLOSE_AFTER_MS before the end of the run is closed that long after
 * its last resolution (the reopen window of src/modules/cases/case-lifecycle.ts is longer, so a
 * reopen always comes before the close).
 */
import type { AssignmentMode } from "../events/event.types.js";
import type { RequiredSkill, RoutingDecision } from "../routing/routing-rules.js";
import { chooseAgent } from "./agent-choice.js";
import { drawPickupDelayMs } from "./agent-pickup.js";
import { ROUTED_LANGUAGES } from "./agent-profiles.js";
import type { CaseArrival } from "./case-arrivals.js";
import type { CaseIntake } from "./case-intake.js";
import { planCaseLife } from "./case-plan.js";
import { routedEventBody } from "./case-routing.js";
import { type CaseTimeline, startCaseTimeline } from "./case-timeline.js";
import { CHANNEL_PACE } from "./channel-pace.js";
import { categoriesInTopLevel, type DemoCategory, topLevelOf } from "./demo-categories.js";
import { demoHandoffTypeId } from "./demo-settings.js";
import { type DemoTeamId, isDemoTeamId } from "./demo-teams.js";
import type { EventDraft } from "./event-draft.js";
import { type FaultyRelease, type ReleaseImpact, releaseImpactOn } from "./faulty-release.js";
import { buildWeightedTable, pickWeighted, type Random } from "./random.js";
import type { DemoAgent, Roster } from "./roster.js";
import { answerSurvey, type CaseExperience, rateExperience } from "./survey-response.js";
import type { TeamWorkload } from "./team-workload.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const RECONTACT_WINDOW_MS = 7 * DAY_MS;
const CLOSE_AFTER_MS = 7 * DAY_MS;
/** Most assignments are pushed by routing; agents pull the rest from their queue. */
const PULLED_SHARE = 0.2;

export interface CaseContext {
  roster: Roster;
  workload: TeamWorkload;
  /** Exclusive end of the run: nothing is recorded from this instant on. */
  endMs: number;
  /** The run's faulty release, if it has one: it makes the cases it causes harder. */
  release: FaultyRelease | undefined;
}

export interface CaseLife {
  drafts: readonly EventDraft[];
  /** The same customer coming back about the same kind of problem, if they do. */
  recontact: CaseArrival | undefined;
  /** Cases opened besides this one (a duplicate the customer sent while waiting). */
  extraCases: number;
}

/** A case's random streams. */
export interface CaseRandom {
  /** The case's main story. */
  story: Random;
  /**
   * What came after the first version of the simulator (duplicates), so adding it left the draws
   * of every case's main story as they were.
   */
  extras: Random;
  /** How assignments were made (push or pull), for the same reason. */
  assignments: Random;
}

/**
 * The case is worked by the team `routing` decided, with the priority it set; its agents are
 * chosen for the skills it asked for while the case stays with that team.
 */
export function simulateCaseLife(
  intake: CaseIntake,
  routing: RoutingDecision,
  context: CaseContext,
  streams: CaseRandom,
): CaseLife {
  const { story: random, extras } = streams;
  const routedTeam = routing.team;
  if (!isDemoTeamId(routedTeam)) {
    throw new RangeError(`routing chose an unknown team ${routedTeam}`);
  }
  const priority = routing.priority;
  const impact = releaseImpactOn(context.release, intake.category.id, intake.openedAtMs);
  const plan = planCaseLife({ ...intake, priority }, random, impact);
  const pace = CHANNEL_PACE[intake.channel];
  const timeline = startCaseTimeline(intake.openedAtMs, context.endMs);
  const caseId = intake.caseId;
  let team: DemoTeamId = routedTeam;
  let agent: DemoAgent;
  // Away from the team routing chose, only the customer's language still narrows the choice.
  const skillsWanted = (): readonly RequiredSkill[] =>
    team === routedTeam
      ? routing.skills
      : routing.skills.filter((required) => ROUTED_LANGUAGES.includes(required.skill));
  let firstResponseAtMs: number | undefined;
  let workSession = 0;

  const pickupDelayMs = (kind: "queue" | "follow-up"): number =>
    drawPickupDelayMs(
      { kind, team, channel: intake.channel, priority, atMs: timeline.nowMs },
      context.workload,
      random,
    );
  const waitForPickup = (kind: "queue" | "follow-up"): void => {
    timeline.wait(pickupDelayMs(kind));
  };
  const assignWithinTeam = (): void => {
    agent = chooseAgent(context.roster, team, timeline.nowMs, skillsWanted(), random);
    const mode: AssignmentMode = streams.assignments.chance(PULLED_SHARE) ? "pull" : "push";
    timeline.record({ type: "case.assigned", case: caseId, agent: agent.id, team, mode });
  };
  // On the line the agent answers first and works while talking; in writing the work comes first.
  const agentTurn = (): void => {
    const seconds = plan.workSessionSeconds[workSession++] ?? 0;
    const reply = (): void => {
      timeline.record({
        type: "case.replied",
        case: caseId,
        by: `agent:${agent.id}`,
        public: true,
      });
      firstResponseAtMs ??= timeline.nowMs;
    };
    if (pace.synchronous) {
      timeline.wait(random.int(5, 60) * 1000);
      reply();
      timeline.wait(seconds * 1000);
      timeline.record({ type: "case.worked", case: caseId, agent: agent.id, seconds });
    } else {
      timeline.wait(seconds * 1000);
      timeline.record({ type: "case.worked", case: caseId, agent: agent.id, seconds });
      reply();
    }
  };
  const customerReplies = (): void => {
    timeline.record({ type: "case.replied", case: caseId, by: "customer", public: true });
  };

  timeline.record({
    type: "case.opened",
    case: caseId,
    customer: intake.customer.id,
    channel: intake.channel,
    category: intake.category.id,
    priority: intake.priority,
    team,
    subject: intake.subject,
    body: intake.body,
  });
  timeline.recordAlongside(routedEventBody(caseId, routing));

  // Customers writing in chase an answer that is slow in coming.
  const queueWaitMs = pickupDelayMs("queue");
  if (!pace.synchronous && queueWaitMs > 4 * HOUR_MS && random.chance(0.35)) {
    const pickupAtMs = timeline.nowMs + queueWaitMs;
    timeline.wait(queueWaitMs * (0.4 + 0.4 * random.float()));
    customerReplies();
    timeline.waitUntil(pickupAtMs);
  } else {
    timeline.wait(queueWaitMs);
  }
  assignWithinTeam();
  agentTurn();
  const duplicate = mergeDuplicate(intake, routedTeam, timeline, context.endMs, extras);

  if (plan.handoff !== undefined) {
    timeline.wait(random.logNormal(45 * MINUTE_MS, 0.8));
    if (plan.handoff.recategorisedAs !== undefined) {
      timeline.record({
        type: "case.recategorised",
        case: caseId,
        category: plan.handoff.recategorisedAs.id,
        previous: intake.category.id,
      });
    }
    timeline.record({
      type: "case.handoff",
      case: caseId,
      from: team,
      to: plan.handoff.route.to,
      reason: plan.handoff.route.reason,
      checklist: plan.handoff.checklist,
      handoffType: demoHandoffTypeId(team, plan.handoff.route.to),
    });
    team = plan.handoff.route.to;
    waitForPickup("queue");
    assignWithinTeam();
    agentTurn();
  }

  if (plan.escalationLevels >= 1) {
    timeline.wait(random.logNormal(40 * MINUTE_MS, 0.8));
    timeline.record({ type: "case.escalated", case: caseId, level: 1, to: "team_lead" });
  }
  if (plan.escalationLevels === 2) {
    timeline.wait(random.logNormal(2 * HOUR_MS, 0.8));
    timeline.record({ type: "case.escalated", case: caseId, level: 2, to: "escalations" });
    team = "escalations";
    waitForPickup("queue");
    assignWithinTeam();
    agentTurn();
  }

  // Written channels park the case while the customer answers; calls and chats rarely do.
  for (let round = 0; round < plan.customerRounds; round++) {
    const parked = !pace.synchronous || random.chance(0.3);
    if (parked) timeline.record({ type: "case.status", case: caseId, status: "pending_customer" });
    timeline.wait(random.logNormal(pace.customerReplyMinutes * MINUTE_MS, 1));
    customerReplies();
    if (parked) timeline.record({ type: "case.status", case: caseId, status: "open" });
    waitForPickup("follow-up");
    agentTurn();
  }

  if (plan.internalWorkIsTracked) {
    timeline.record({ type: "case.status", case: caseId, status: "pending_internal" });
    timeline.wait(plan.internalWaitMs);
    timeline.record({ type: "case.status", case: caseId, status: "open" });
    agentTurn();
  } else {
    timeline.wait(plan.internalWaitMs);
  }

  timeline.record({ type: "case.resolved", case: caseId, rootCause: plan.rootCause });
  const firstResolvedAtMs = timeline.nowMs;

  if (plan.reopened) {
    // "A day or two later" the customer finds the problem is back.
    timeline.wait(
      Math.min(60 * HOUR_MS, Math.max(12 * HOUR_MS, random.logNormal(30 * HOUR_MS, 0.35))),
    );
    timeline.record({ type: "case.reopened", case: caseId });
    customerReplies();
    waitForPickup("follow-up");
    agentTurn();
    timeline.wait(random.logNormal(plan.internalWaitMs / 3 + 10 * MINUTE_MS, 0.6));
    timeline.record({ type: "case.resolved", case: caseId, rootCause: plan.rootCause });
  }
  // A case still open at the end of the run is backlog: no survey, no recontact yet.
  const drafts = (): EventDraft[] => [...timeline.drafts, ...duplicate];
  if (timeline.pastEnd) {
    return { drafts: drafts(), recontact: undefined, extraCases: duplicate.length > 0 ? 1 : 0 };
  }
  const lastResolvedAtMs = timeline.nowMs;

  const experience: CaseExperience = {
    channel: intake.channel,
    firstResponseMinutes: ((firstResponseAtMs ?? lastResolvedAtMs) - intake.openedAtMs) / MINUTE_MS,
    resolutionHours: (firstResolvedAtMs - intake.openedAtMs) / HOUR_MS,
    customerRounds: plan.customerRounds,
    handedOff: plan.handoff !== undefined,
    incompleteHandoff: plan.handoff !== undefined && !plan.handoff.complete,
    escalated: plan.escalationLevels > 0,
    reopened: plan.reopened,
    faultyReleasePenalty: impact?.satisfactionPenalty ?? 0,
  };

  if (random.chance(0.25)) {
    const answer = answerSurvey(experience, random);
    timeline.wait(Math.min(3 * DAY_MS, random.logNormal(5 * HOUR_MS, 0.9)));
    timeline.record({
      type: "survey.answered",
      case: caseId,
      kind: answer.kind,
      score: answer.score,
      ...(answer.comment === undefined ? {} : { comment: answer.comment }),
    });
  }

  // No randomness here: closing the case leaves every other case's story as it was.
  timeline.waitUntil(lastResolvedAtMs + CLOSE_AFTER_MS);
  timeline.record({
    type: "case.closed",
    case: caseId,
    reason: "no further contact 7 days after resolution",
  });

  return {
    drafts: drafts(),
    recontact: planRecontact(
      intake,
      plan.handoff?.recategorisedAs ?? intake.category,
      experience,
      impact,
      firstResolvedAtMs,
      lastResolvedAtMs,
      random,
    ),
    extraCases: duplicate.length > 0 ? 1 : 0,
  };
}

const WRITTEN_CHANNELS = ["email", "web", "social", "api"] as const;

/**
 * Customers kept waiting in writing sometimes write again through another channel, opening a
 * second case about the same problem; the agent who picks up the first merges the second into it.
 * Called right after the first response; returns the duplicate's own events (empty when none),
 * and records the survivor's `case.merged` on its timeline. The duplicate is opened for the team
 * the first case was routed to (the simulator routes it: simulator.ts).
 */
function mergeDuplicate(
  intake: CaseIntake,
  team: DemoTeamId,
  timeline: CaseTimeline,
  endMs: number,
  extras: Random,
): EventDraft[] {
  const waitedMs = timeline.nowMs - intake.openedAtMs;
  if (CHANNEL_PACE[intake.channel].synchronous || waitedMs < 2 * HOUR_MS) return [];
  if (!extras.chance(0.08)) return [];
  const channels = WRITTEN_CHANNELS.filter((channel) => channel !== intake.channel);
  const channel = channels[extras.int(0, channels.length - 1)] ?? "email";
  const openedAtMs =
    Math.round((intake.openedAtMs + waitedMs * (0.3 + 0.4 * extras.float())) / 1000) * 1000;
  const duplicateId = `${intake.caseId}-dup`;
  timeline.wait(extras.int(60, 900) * 1000);
  timeline.record({ type: "case.merged", case: intake.caseId, merged: duplicateId });
  const merged = timeline.drafts.at(-1);
  // A first "response" past the end of the run never happened: nor did a message written after it.
  if (openedAtMs >= endMs) return [];
  const opened: EventDraft = {
    atMs: openedAtMs,
    body: {
      type: "case.opened",
      case: duplicateId,
      customer: intake.customer.id,
      channel,
      category: intake.category.id,
      priority: intake.priority,
      team,
      subject: intake.subject,
      body: intake.body,
    },
  };
  // Past the end of the run the merge did not happen (yet): the duplicate waits in the backlog.
  if (merged?.body.type !== "case.merged") return [opened];
  return [
    opened,
    {
      atMs: merged.atMs,
      body: { type: "case.merged_into", case: duplicateId, into: intake.caseId },
    },
  ];
}

/**
 * Unresolved problems come back: about 8 % of resolutions, more after a poor experience, a
 * handoff that lost information or a workaround for the faulty release, within seven days of the
 * first resolution.
 */
function planRecontact(
  intake: CaseIntake,
  actualCategory: DemoCategory,
  experience: CaseExperience,
  impact: ReleaseImpact | undefined,
  firstResolvedAtMs: number,
  lastResolvedAtMs: number,
  random: Random,
): CaseArrival | undefined {
  // Customers who happen to write again about the same topic add to this, landing the
  // recontact rate near 8 %.
  const chance =
    0.035 +
    (rateExperience(experience) < 0.55 ? 0.06 : 0) +
    (experience.incompleteHandoff ? 0.06 : 0) +
    (impact?.extraRecontactChance ?? 0);
  if (!random.chance(chance)) return undefined;
  const latestMs = firstResolvedAtMs + RECONTACT_WINDOW_MS - HOUR_MS;
  const atMs = lastResolvedAtMs + 30 * MINUTE_MS + random.exponential(1.5 * DAY_MS);
  if (atMs > latestMs) return undefined;

  const sameTopLevel = categoriesInTopLevel(topLevelOf(actualCategory.id));
  const category = random.chance(0.7)
    ? actualCategory
    : pickWeighted(
        buildWeightedTable(sameTopLevel, (candidate) => candidate.weight),
        random,
      );
  return { atMs: Math.round(atMs / 1000) * 1000, customer: intake.customer, category };
}

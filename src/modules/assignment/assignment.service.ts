import type { Kysely } from "kysely";
import { requirePermission, scopeCovers } from "../../access/access.js";
import { type Actor, SYSTEM_ACTORS } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { Agent } from "../agents/agent.js";
import { lockAgent } from "../agents/agent.repository.js";
import { requireActingForAgent, requireAgent } from "../agents/agent.service.js";
import type { Case } from "../cases/case.js";
import { requireCase } from "../cases/case.service.js";
import { type AssignmentMode, CHANNELS, type Channel } from "../events/event.types.js";
import { writeEvent } from "../events/event-writer.js";
import { isWaitingStatus, WAITING_CASE_STATUSES } from "../queues/queue.js";
import { loadQueue } from "../queues/queue.service.js";
import { queueModeOf } from "../queues/queue-settings.js";
import { loadQueueSettings } from "../queues/queue-settings.service.js";
import { listTeams } from "../teams/team.repository.js";
import {
  type AgentAvailability,
  type CaseNeeds,
  isOnShiftAt,
  noteAssignment,
  skillSurplus,
} from "./agent-availability.js";
import { describeAvailability, loadAgentAvailability } from "./agent-availability.service.js";
import { claimCase } from "./assignment.repository.js";
import { chooseAgent } from "./choose-agent.js";

/**
 * Who works a waiting case: pushed to the best agent by routing, pulled by an agent, or given
 * by hand. Whatever the way, a case goes to one agent only and no agent goes over capacity,
 * however many servers assign at once; the database decides, in each assignment's transaction:
 *
 * 1. the agent's row is locked (assignment.repository / agent.repository `lockAgent`), so every
 *    other assignment to the same agent waits; only then is their load counted;
 * 2. the case is claimed with a conditional UPDATE (`claimCase`: only if nobody has it and it
 *    still waits); the loser of a race claims nothing and answers `assignment.conflict`;
 * 3. the `case.assigned` event is written (with its `mode`), in the same transaction.
 *
 * Each assignment is its own transaction holding one agent's lock, so two assignments cannot
 * wait on each other's agents.
 */

export type AssignRequest = { mode: "push" } | { mode: "manual"; agentId: string };

export interface Assignment {
  case: Case;
  agentId: string;
  mode: AssignmentMode;
  /** Why this agent (the choice's reason), or "chosen by hand". */
  reason: string;
}

/** How often a push retries when its chosen agent filled up meanwhile (another server's work). */
const PUSH_ATTEMPTS = 3;

/** The chosen agent can no longer take the case (filled up, went away) once locked. */
class AgentChanged extends Error {
  constructor(readonly availability: AgentAvailability | undefined) {
    super("the chosen agent changed before the assignment");
  }
}

function needsOf(item: Case): CaseNeeds {
  return { teamId: item.teamId, channel: item.channel, requiredSkills: item.requiredSkills };
}

function requireWaiting(item: Case): void {
  if (item.agentId !== null) {
    throw new AppError("assignment.conflict", {
      message: `case "${item.id}" is assigned to ${item.agentId} already`,
      field: "params.id",
    });
  }
  if (!isWaitingStatus(item.status)) {
    throw new AppError("assignment.conflict", {
      message: `case "${item.id}" is ${item.status}: only a case that is ${WAITING_CASE_STATUSES.join(", ")} waits for an agent`,
      field: "params.id",
    });
  }
}

/**
 * Locks the agent and gives them the case, after checking again, under the lock, that they can
 * take it (`check`); writes the `case.assigned` event. Throws AgentChanged when the check fails
 * and `assignment.conflict` when someone else took the case first.
 */
async function giveCase(
  trx: Kysely<DB>,
  actor: Actor,
  item: Case,
  agent: { id: string; mode: AssignmentMode; check: boolean },
  now: Date,
): Promise<Agent> {
  const locked = await lockAgent(trx, agent.id);
  if (agent.check) {
    const [fresh] = locked ? await describeAvailability(trx, [locked], { now: now.getTime() }) : [];
    if (fresh === undefined || chooseAgent(needsOf(item), [fresh], now.getTime()) === null) {
      throw new AgentChanged(fresh);
    }
  }
  if (!locked) {
    throw new AppError("agent.not_found", { message: `agent "${agent.id}" does not exist` });
  }
  if (!(await claimCase(trx, item.id, agent.id, WAITING_CASE_STATUSES))) {
    throw new AppError("assignment.conflict", {
      message: `case "${item.id}" was assigned or moved on by someone else meanwhile`,
      field: "params.id",
    });
  }
  await writeEvent(trx, actor, {
    type: "case.assigned",
    at: now.toISOString(),
    case: item.id,
    agent: agent.id,
    mode: agent.mode,
  });
  return locked;
}

/**
 * Assigns a waiting case: to the best agent of its team now (`push`, see chooseAgent), or to
 * the agent named (`manual`: any agent of the case's team, whatever their presence, shift or
 * load: a person decided). 409 `assignment.conflict` when the case is assigned already or not
 * waiting, 409 `assignment.unavailable` when no agent can take it; for `manual`, 404 for an
 * unknown agent and 400 for an agent of another team, both naming `body.agent`.
 */
export async function assignCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: Date,
  request: AssignRequest,
): Promise<Assignment> {
  const scope = requirePermission(actor, "case:write");
  const attempt = (trx: Kysely<DB>): Promise<Assignment> =>
    request.mode === "manual"
      ? assignByHand(trx, actor, caseId, request.agentId, now, scope)
      : pushCase(trx, actor, caseId, now, scope);
  if (db.isTransaction) return attempt(db);
  for (let tries = 1; ; tries++) {
    try {
      return await db.transaction().execute(attempt);
    } catch (error) {
      if (!(error instanceof AgentChanged)) throw error;
      if (tries >= PUSH_ATTEMPTS) throw unavailableForCase(caseId, "the chosen agents filled up");
    }
  }
}

async function assignByHand(
  trx: Kysely<DB>,
  actor: Actor,
  caseId: string,
  agentId: string,
  now: Date,
  scope: ReturnType<typeof requirePermission>,
): Promise<Assignment> {
  const item = await requireCase(trx, caseId, scope);
  requireWaiting(item);
  const agent = await requireAgent(trx, agentId).catch((error: unknown) => {
    throw error instanceof AppError
      ? new AppError(error.code, { message: error.message, field: "body.agent" })
      : error;
  });
  if (agent.teamId !== item.teamId) {
    throw new AppError("request.invalid", {
      message: `agent "${agentId}" is in ${agent.teamId}, not in ${item.teamId}: hand the case over first`,
      field: "body.agent",
    });
  }
  await giveCase(trx, actor, item, { id: agentId, mode: "manual", check: false }, now);
  return {
    case: await requireCase(trx, caseId),
    agentId,
    mode: "manual",
    reason: "chosen by hand",
  };
}

async function pushCase(
  trx: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: Date,
  scope: ReturnType<typeof requirePermission>,
): Promise<Assignment> {
  const item = await requireCase(trx, caseId, scope);
  requireWaiting(item);
  const agents = await loadAgentAvailability(trx, { teamId: item.teamId, now: now.getTime() });
  const choice = chooseAgent(needsOf(item), agents, now.getTime());
  if (choice === null) throw unavailableForCase(caseId, describeNeeds(item));
  await giveCase(trx, actor, item, { id: choice.agentId, mode: "push", check: true }, now);
  return {
    case: await requireCase(trx, caseId),
    agentId: choice.agentId,
    mode: "push",
    reason: choice.reason,
  };
}

function describeNeeds(item: Case): string {
  const skills = item.requiredSkills.map((need) => `${need.skill} ≥ ${need.level}`).join(", ");
  return `no agent of ${item.teamId} is available, on shift and under capacity on ${item.channel}${
    skills === "" ? "" : ` with ${skills}`
  }`;
}

function unavailableForCase(caseId: string, why: string): AppError {
  return new AppError("assignment.unavailable", {
    message: `case "${caseId}" cannot be pushed now: ${why}`,
    field: "params.id",
  });
}

export interface PulledCase {
  /** The case taken; null when nothing the agent could take was waiting. */
  case: Case | null;
  agentId: string;
  /** Its score and place in the queue when it was taken. */
  score: number | null;
  position: number | null;
}

function agentUnavailable(agent: Agent, field: string, why: string): AppError {
  return new AppError("assignment.unavailable", {
    message: `agent "${agent.id}" cannot take a case now: ${why}`,
    field,
  });
}

/**
 * The agent takes the highest-scored waiting case of their team that they hold the skills for
 * and have room for on its channel (`mode: "pull"`). The agent themself (their linked user) may
 * pull, as may whoever may change the team's agents. 409 `assignment.unavailable` when the agent
 * is away (`agent.presence`), off shift (`agent.shift`) or at capacity where cases wait
 * (`agent.capacity`); `case: null` when nothing they could take waits.
 */
export async function pullNextCase(
  db: Kysely<DB>,
  actor: Actor,
  agentId: string,
  now: Date,
): Promise<PulledCase> {
  const scope = requirePermission(actor, "case:write");
  await requireActingForAgent(db, actor, await requireAgent(db, agentId));
  const nowMs = now.getTime();
  return db.transaction().execute(async (trx) => {
    const agent = await lockAgent(trx, agentId);
    if (!agent)
      throw new AppError("agent.not_found", { message: `agent "${agentId}" does not exist` });
    const [self] = await describeAvailability(trx, [agent], { now: nowMs });
    if (!self) throw new Error("describeAvailability lost the agent");
    if (self.presence === "away") {
      throw agentUnavailable(
        agent,
        "agent.presence",
        "they are away (set the presence to available)",
      );
    }
    if (!isOnShiftAt(self, nowMs)) {
      throw agentUnavailable(agent, "agent.shift", "they are off shift");
    }
    if (CHANNELS.every((channel) => self.load[channel] >= self.capacity[channel])) {
      throw agentUnavailable(agent, "agent.capacity", "they are at capacity on every channel");
    }
    const queue = await loadQueue(trx, { team: agent.teamId, now: nowMs });
    const full = new Set<Channel>();
    for (const entry of queue) {
      const item = entry.case;
      if (skillSurplus(self, item.requiredSkills) < 0) continue;
      const inScope = scopeCovers(scope, {
        teamId: item.teamId,
        ...(entry.region === null ? {} : { region: entry.region }),
      });
      if (!inScope) continue;
      if (self.load[item.channel] >= self.capacity[item.channel]) {
        full.add(item.channel);
        continue;
      }
      if (!(await claimCase(trx, item.id, agentId, WAITING_CASE_STATUSES))) continue;
      await writeEvent(trx, actor, {
        type: "case.assigned",
        at: now.toISOString(),
        case: item.id,
        agent: agentId,
        mode: "pull",
      });
      return {
        case: await requireCase(trx, item.id),
        agentId,
        score: entry.score,
        position: entry.position,
      };
    }
    if (full.size > 0) {
      throw agentUnavailable(
        agent,
        "agent.capacity",
        `the cases they could take are on ${[...full].join(", ")}, where they are at capacity`,
      );
    }
    return { case: null, agentId, score: null, position: null };
  });
}

export interface PushReport {
  teams: number;
  assigned: number;
  /** Cases someone else took first, or agents that filled up meanwhile. */
  conflicts: number;
}

/** Whether the agent could take any case at all now. */
function hasRoom(agent: AgentAvailability, now: number): boolean {
  return (
    agent.presence === "available" &&
    CHANNELS.some((channel) => agent.load[channel] < agent.capacity[channel]) &&
    isOnShiftAt(agent, now)
  );
}

/**
 * The push job's work (src/jobs/assignment.job.ts): for each team in push mode, hands its
 * waiting cases in queue order to the best agent for each, until no agent of the team can take
 * more. Each case is its own transaction; a case another server took first is skipped.
 */
export async function pushWaitingCases(db: Kysely<DB>, now: number): Promise<PushReport> {
  const settings = await loadQueueSettings(db);
  const teams = (await listTeams(db)).filter((team) => queueModeOf(settings, team.id) === "push");
  const report: PushReport = { teams: teams.length, assigned: 0, conflicts: 0 };
  const at = new Date(now);
  for (const team of teams) {
    const agents = await loadAgentAvailability(db, { teamId: team.id, now, settings });
    if (!agents.some((agent) => hasRoom(agent, now))) continue;
    const queue = await loadQueue(db, { team: team.id, now, settings, agents });
    for (const entry of queue) {
      if (!agents.some((agent) => hasRoom(agent, now))) break;
      const item = entry.case;
      for (;;) {
        const choice = chooseAgent(needsOf(item), agents, now);
        if (choice === null) break;
        try {
          await db
            .transaction()
            .execute((trx) =>
              giveCase(
                trx,
                SYSTEM_ACTORS.scheduler,
                item,
                { id: choice.agentId, mode: "push", check: true },
                at,
              ),
            );
          const chosen = agents.find((agent) => agent.agentId === choice.agentId);
          if (chosen) noteAssignment(chosen, item.channel, now);
          report.assigned += 1;
          break;
        } catch (error) {
          if (error instanceof AgentChanged) {
            // Another server filled the agent (or they went away): go on with what is true now.
            report.conflicts += 1;
            const index = agents.findIndex((agent) => agent.agentId === choice.agentId);
            if (error.availability) agents.splice(index, 1, error.availability);
            else agents.splice(index, 1);
            continue;
          }
          if (error instanceof AppError && error.code === "assignment.conflict") {
            report.conflicts += 1;
            break;
          }
          throw error;
        }
      }
    }
  }
  return report;
}

import type { Kysely } from "kysely";
import { requirePermission, scopeCovers } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import {
  type AgentAvailability,
  assessFeasibility,
  type Feasibility,
  isOnShiftAt,
} from "../assignment/agent-availability.js";
import { loadAgentAvailability } from "../assignment/agent-availability.service.js";
import type { Case } from "../cases/case.js";
import { requireCase } from "../cases/case.service.js";
import { listSlaClocksOfCases } from "../sla/sla.repository.js";
import type { CaseSlaSummary } from "../sla/sla.service.js";
import { currentClockState, type StoredSlaClock, summaryClock } from "../sla/sla-clocks.js";
import { listTeams } from "../teams/team.repository.js";
import { requireTeam } from "../teams/team.service.js";
import { explainScore, type ScoreExplanation } from "./priority-score.js";
import { isWaitingStatus } from "./queue.js";
import { countQueueCases, findCustomerFacts, listQueueCases } from "./queue.repository.js";
import { type QueueMode, type QueueSettings, queueModeOf } from "./queue-settings.js";
import { loadQueueSettings } from "./queue-settings.service.js";

/** One case in a queue, with its score at the time the queue was read. */
export interface QueueEntry extends ScoreExplanation {
  case: Case;
  /** 1 for the case to take next. */
  position: number;
  /** The case's queue badge: its running clock due first, if any. */
  sla: CaseSlaSummary | undefined;
  /** The customer's region (for narrowing to a caller's scope); null when unknown. */
  region: string | null;
}

export interface QueueQuery {
  team: string;
  /** One named queue of the team; null: its main queue; absent: all of the team's cases. */
  queue?: string | null;
  /** Epoch ms: scores are computed for this instant. */
  now: number;
  /** Also the cases in a waiting status that an agent has already. */
  includeAssigned?: boolean;
  /** The settings in force and the team's agents, when the caller has them already. */
  settings?: QueueSettings;
  agents?: AgentAvailability[];
}

/**
 * The team's waiting cases, best first: by score (highest first), then by opening (oldest
 * first), then by id. Scores are computed now, from the clocks as they run, so the order
 * changes as time passes. Four reads whatever the queue's length: the cases, their running
 * clocks, their customers' tiers and the team's agents (plus the settings when not given).
 */
export async function loadQueue(db: Kysely<DB>, query: QueueQuery): Promise<QueueEntry[]> {
  const [cases, settings] = await Promise.all([
    listQueueCases(db, {
      teamId: query.team,
      ...(query.queue === undefined ? {} : { queue: query.queue }),
      ...(query.includeAssigned ? { includeAssigned: true } : {}),
    }),
    query.settings ?? loadQueueSettings(db),
  ]);
  const agents =
    query.agents ??
    (cases.length === 0
      ? []
      : await loadAgentAvailability(db, { teamId: query.team, now: query.now, settings }));
  const scored = await scoreCases(db, cases, { now: query.now, settings, agents });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.case.openedAt - b.case.openedAt ||
      (a.case.id < b.case.id ? -1 : a.case.id > b.case.id ? 1 : 0),
  );
  return scored.map((entry, index) => ({ ...entry, position: index + 1 }));
}

/** Scores cases of any teams, given the agents of those teams; positions are left at 0. */
async function scoreCases(
  db: Kysely<DB>,
  cases: readonly Case[],
  context: { now: number; settings: QueueSettings; agents: readonly AgentAvailability[] },
): Promise<QueueEntry[]> {
  if (cases.length === 0) return [];
  const { now, settings, agents } = context;
  const ids = cases.map((item) => item.id);
  const [clocks, customers] = await Promise.all([
    listSlaClocksOfCases(db, ids, { runningOnly: true }),
    findCustomerFacts(
      db,
      cases.map((item) => item.customerId),
    ),
  ]);
  const clocksByCase = new Map<string, StoredSlaClock[]>();
  for (const clock of clocks) {
    const list = clocksByCase.get(clock.caseId);
    if (list) list.push(clock);
    else clocksByCase.set(clock.caseId, [clock]);
  }
  // Cases needing the same channel and skills of the same team share their feasibility.
  const feasibilities = new Map<string, Feasibility>();
  return cases.map((item) => {
    const key = `${item.teamId}\n${item.channel}\n${JSON.stringify(item.requiredSkills)}`;
    let feasibility = feasibilities.get(key);
    if (feasibility === undefined) {
      feasibility = assessFeasibility(
        { teamId: item.teamId, channel: item.channel, requiredSkills: item.requiredSkills },
        agents,
        now,
      );
      feasibilities.set(key, feasibility);
    }
    const customer = customers.get(item.customerId);
    const caseClocks = clocksByCase.get(item.id) ?? [];
    const explanation = explainScore(
      {
        tier: customer?.tier ?? null,
        priority: item.priority,
        openedAt: item.openedAt,
        clocks: caseClocks,
        feasibility,
      },
      settings,
      now,
    );
    return {
      ...explanation,
      case: item,
      position: 0,
      sla: badgeOf(caseClocks, now),
      region: customer?.region ?? null,
    };
  });
}

/** The running clock due first, as the case list shows it (findSlaSummaries, without a read). */
function badgeOf(clocks: readonly StoredSlaClock[], now: number): CaseSlaSummary | undefined {
  const clock = summaryClock(clocks);
  return (
    clock && {
      clock: clock.clock,
      dueAt: clock.dueAt,
      atRiskAt: clock.atRiskAt,
      state: currentClockState(clock, now),
    }
  );
}

export interface QueuePage {
  team: string;
  /** Entries in the team's queue (before `limit`) that the caller may see. */
  total: number;
  items: QueueEntry[];
}

/**
 * A team's queue as the caller may see it: cases outside their scope are left out, and the
 * others keep their position in the whole queue (which is where they really are).
 */
export async function readQueue(
  db: Kysely<DB>,
  actor: Actor,
  query: { team: string; queue?: string; includeAssigned?: boolean; limit: number; now: number },
): Promise<QueuePage> {
  const scope = requirePermission(actor, "case:read");
  await requireTeam(db, query.team);
  const entries = await loadQueue(db, {
    team: query.team,
    now: query.now,
    ...(query.queue === undefined ? {} : { queue: query.queue }),
    ...(query.includeAssigned ? { includeAssigned: true } : {}),
  });
  const visible = entries.filter((entry) =>
    scopeCovers(scope, {
      teamId: entry.case.teamId,
      ...(entry.region === null ? {} : { region: entry.region }),
    }),
  );
  return { team: query.team, total: visible.length, items: visible.slice(0, query.limit) };
}

export interface QueueSummary {
  teamId: string;
  teamName: string;
  mode: QueueMode;
  waiting: number;
  assigned: number;
  oldestWaitingSince: number | null;
  /** Agents of the team who are available and on shift now. */
  agentsAvailable: number;
  agents: number;
}

/**
 * Every team the caller may see cases of, with its waiting and assigned cases (only those in
 * the caller's scope are counted), its longest wait and how many of its agents could take a
 * case now.
 */
export async function listQueueSummaries(
  db: Kysely<DB>,
  actor: Actor,
  now: number,
): Promise<QueueSummary[]> {
  const scope = requirePermission(actor, "case:read");
  const settings = await loadQueueSettings(db);
  const [teams, counts, agents] = await Promise.all([
    listTeams(db),
    countQueueCases(db, scope),
    loadAgentAvailability(db, { now, settings }),
  ]);
  const countsByTeam = new Map(counts.map((count) => [count.teamId, count]));
  const visibleTeams = teams.filter(
    (team) =>
      scope.all ||
      scope.within.some((within) => within.teams.length === 0 || within.teams.includes(team.id)),
  );
  return visibleTeams.map((team) => {
    const count = countsByTeam.get(team.id);
    const teamAgents = agents.filter((agent) => agent.teamId === team.id);
    return {
      teamId: team.id,
      teamName: team.name,
      mode: queueModeOf(settings, team.id),
      waiting: count?.waiting ?? 0,
      assigned: count?.assigned ?? 0,
      oldestWaitingSince: count?.oldestWaitingSince ?? null,
      agentsAvailable: teamAgents.filter(
        (agent) => agent.presence === "available" && isOnShiftAt(agent, now),
      ).length,
      agents: teamAgents.length,
    };
  });
}

export interface CaseScore extends ScoreExplanation {
  caseId: string;
  /** Whether the case waits for an agent now. */
  waiting: boolean;
  /** Its place in its team's queue when it waits; null otherwise. */
  position: number | null;
}

/** Why a case has the score it has now, term by term; a case outside the scope is not found. */
export async function explainCaseScore(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: number,
): Promise<CaseScore> {
  const item = await requireCase(db, caseId, requirePermission(actor, "case:read"));
  const waiting = item.agentId === null && isWaitingStatus(item.status);
  if (waiting) {
    const entry = (await loadQueue(db, { team: item.teamId, now })).find(
      (candidate) => candidate.case.id === caseId,
    );
    if (entry) {
      return { caseId, waiting, position: entry.position, score: entry.score, terms: entry.terms };
    }
  }
  const settings = await loadQueueSettings(db);
  const agents = await loadAgentAvailability(db, { teamId: item.teamId, now, settings });
  const [entry] = await scoreCases(db, [item], { now, settings, agents });
  if (!entry) throw new Error("scoreCases returned nothing for one case");
  return { caseId, waiting: false, position: null, score: entry.score, terms: entry.terms };
}

import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { toIso } from "../../http/common.schemas.js";
import type { AgentAvailability } from "../assignment/agent-availability.js";
import { loadAgentAvailability } from "../assignment/agent-availability.service.js";
import { appendAuditBatch } from "../audit/audit.service.js";
import { requireCase } from "../cases/case.service.js";
import type { SlaBreachPredicted } from "../events/event.types.js";
import { AUDIT_ACTIONS } from "../events/event-audit.js";
import { recordEvents } from "../events/event-recorder.js";
import { isWaitingStatus } from "../queues/queue.js";
import type { QueueEntry } from "../queues/queue.service.js";
import { loadQueue } from "../queues/queue.service.js";
import type { QueueSettings } from "../queues/queue-settings.js";
import { loadQueueSettings } from "../queues/queue-settings.service.js";
import { listSlaClocksOfCases } from "../sla/sla.repository.js";
import type { StoredSlaClock } from "../sla/sla-clocks.js";
import {
  DEFAULT_AHT_MINUTES,
  type FirstResponsePrediction,
  predictFirstResponses,
  type TeamHandling,
  type WaitingCase,
} from "./breach-prediction.js";
import {
  findPredictionEventIds,
  listTeamsWithWaitingCases,
  measureTeamHandling,
} from "./prediction.repository.js";

/** How far back "recent handling times" look. */
export const HANDLING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** A team's predictions with the queue and handling they were made from. */
export interface TeamPredictions {
  team: string;
  handling: TeamHandling;
  predictions: FirstResponsePrediction[];
  /** The clock each prediction was measured against, by case. */
  clocks: Map<string, StoredSlaClock>;
}

/**
 * Predicts the first response of every case of the team that waits for one (in the queue, not
 * assigned, no first response yet), in queue order: the queue, the team's agents, their recent
 * handling time and the running first-response clocks, read now.
 */
export async function predictTeam(
  db: Kysely<DB>,
  team: string,
  now: number,
  context: { agents?: AgentAvailability[]; settings?: QueueSettings } = {},
): Promise<TeamPredictions> {
  const settings = context.settings ?? (await loadQueueSettings(db));
  const agents =
    context.agents ?? (await loadAgentAvailability(db, { teamId: team, now, settings }));
  const [queue, handling] = await Promise.all([
    loadQueue(db, { team, now, settings, agents }),
    measureTeamHandling(db, team, now - HANDLING_WINDOW_MS),
  ]);
  const awaiting = queue.filter((entry) => entry.case.firstResponseAt === null);
  const clocks = new Map<string, StoredSlaClock>();
  for (const clock of await listSlaClocksOfCases(
    db,
    awaiting.map((entry) => entry.case.id),
    { runningOnly: true },
  )) {
    // Running (a paused clock waits on the customer, not on the queue).
    if (clock.clock === "firstResponse" && clock.state !== "paused") {
      clocks.set(clock.caseId, clock);
    }
  }
  const waiting = awaiting.map((entry) => toWaitingCase(entry, clocks.get(entry.case.id)));
  return {
    team,
    handling,
    predictions: predictFirstResponses(waiting, agents, handling, now),
    clocks,
  };
}

function toWaitingCase(entry: QueueEntry, clock: StoredSlaClock | undefined): WaitingCase {
  return {
    caseId: entry.case.id,
    channel: entry.case.channel,
    requiredSkills: entry.case.requiredSkills,
    firstResponse: clock
      ? { policy: clock.policyId, startedAt: clock.startedAt, dueAt: clock.dueAt }
      : null,
  };
}

/** The id of a prediction's event: one per clock start, whichever process records it. */
export function predictionEventId(clock: StoredSlaClock): string {
  return `predict:${clock.caseId}:${clock.clock}:${clock.startedAt}`;
}

export interface PredictionRunReport {
  teams: number;
  predicted: number;
  /** `sla.breach_predicted` events recorded by this run. */
  fired: number;
}

/**
 * Records `sla.breach_predicted` for every waiting case predicted to miss its first response
 * that is not due yet (a miss already past is the SLA timer's breach) and has no prediction
 * event for this clock start. Ids are deterministic, so two processes or a retry record it once.
 */
export async function fireBreachPredictions(
  db: Kysely<DB>,
  now: number,
): Promise<PredictionRunReport> {
  const teams = await listTeamsWithWaitingCases(db);
  const report: PredictionRunReport = { teams: teams.length, predicted: 0, fired: 0 };
  const settings = await loadQueueSettings(db);
  for (const team of teams) {
    const { predictions, clocks } = await predictTeam(db, team, now, { settings });
    const events: SlaBreachPredicted[] = [];
    for (const prediction of predictions) {
      const clock = clocks.get(prediction.caseId);
      if (!prediction.breach || clock === undefined || clock.dueAt <= now) continue;
      report.predicted += 1;
      events.push({
        id: predictionEventId(clock),
        type: "sla.breach_predicted",
        at: toIso(now),
        case: clock.caseId,
        clock: "firstResponse",
        policy: clock.policyId,
        dueAt: toIso(clock.dueAt),
        // A case nobody can take has no predicted time: it is predicted never to be answered.
        predictedAt: prediction.predictedAt === null ? null : toIso(prediction.predictedAt),
        reason: prediction.reason,
      });
    }
    if (events.length === 0) continue;
    await db.transaction().execute(async (trx) => {
      // The recorder drops events whose id is in the log: a prediction already flagged.
      const recorded = await recordEvents(
        trx,
        events.map((event) => ({ event, atMs: now })),
        { createMissing: false },
      );
      const recordedIds = new Set(recorded.recordedIds);
      report.fired += recordedIds.size;
      await appendAuditBatch(
        trx,
        events
          .filter((event) => recordedIds.has(event.id as string))
          .map((event) => ({
            actor: SYSTEM_ACTORS.scheduler,
            action: AUDIT_ACTIONS["sla.breach_predicted"],
            targetKind: "case",
            targetId: event.case,
            after: event,
            at: now,
          })),
      );
    });
  }
  return report;
}

/** What the case page shows: the prediction for a case waiting for its first response. */
export interface CasePrediction {
  caseId: string;
  team: string;
  /** Null when the case does not wait for a first response (answered, assigned, finished). */
  prediction: (FirstResponsePrediction & { policy: string | null }) | null;
  handling: TeamHandling;
  /** When a `sla.breach_predicted` was recorded for the running clock, if it was. */
  flaggedAt: number | null;
  /** Why there is no prediction, when there is none. */
  note: string | null;
}

export async function getCasePrediction(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: number,
): Promise<CasePrediction> {
  const item = await requireCase(db, caseId, requirePermission(actor, "case:read"));
  const base = { caseId, team: item.teamId };
  if (item.firstResponseAt !== null) {
    return {
      ...base,
      prediction: null,
      handling: { ahtMinutes: DEFAULT_AHT_MINUTES, sampleCases: 0 },
      flaggedAt: null,
      note: "the case has had its first response",
    };
  }
  const { predictions, clocks, handling } = await predictTeam(db, item.teamId, now);
  const prediction = predictions.find((candidate) => candidate.caseId === caseId);
  const clock = clocks.get(caseId);
  const flagged = clock
    ? await findPredictionEventIds(db, [predictionEventId(clock)])
    : new Map<string, number>();
  return {
    ...base,
    prediction: prediction ? { ...prediction, policy: clock?.policyId ?? null } : null,
    handling,
    flaggedAt: clock ? (flagged.get(predictionEventId(clock)) ?? null) : null,
    note: prediction
      ? null
      : !isWaitingStatus(item.status)
        ? `the case is ${item.status}, not waiting in the queue`
        : "the case is with an agent already",
  };
}

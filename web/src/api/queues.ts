/**
 * Fetch helpers for the queues (issue 5): every team's queue summary, a team's waiting cases in
 * priority-score order with each score term by term, one case's score, and the breach
 * predictions of waiting cases (docs/queues.md).
 */
import type { Static } from "typebox";
import type {
  CasePredictionResponse,
  PredictionResponse,
  TeamPredictionsResponse,
} from "../../../src/modules/prediction/prediction.schemas.ts";
import type {
  CaseScoreResponse,
  QueueEntryResponse,
  QueueResponse,
  QueueSummaryListResponse,
} from "../../../src/modules/queues/queue.schemas.ts";
import { pathSegment, requestJson } from "./client.ts";

export type QueueSummary = Static<typeof QueueSummaryListResponse>["items"][number];
export type TeamQueue = Static<typeof QueueResponse>;
export type QueueEntry = Static<typeof QueueEntryResponse>;
export type CaseScore = Static<typeof CaseScoreResponse>;
export type ScoreTerm = CaseScore["terms"][number];
export type Prediction = Static<typeof PredictionResponse>;
export type CasePrediction = Static<typeof CasePredictionResponse>;
export type TeamPredictions = Static<typeof TeamPredictionsResponse>;

export function listQueues(signal?: AbortSignal): Promise<{ items: QueueSummary[] }> {
  return requestJson("/api/v1/queues", { signal });
}

export interface QueueQuery {
  /** One named queue of the team, as routing set it. */
  queue?: string;
  includeAssigned?: boolean;
  limit?: number;
}

/** The team's waiting cases, best first (`position` 1 is the case to take next). */
export function getTeamQueue(
  team: string,
  query: QueueQuery,
  signal?: AbortSignal,
): Promise<TeamQueue> {
  const { includeAssigned, ...rest } = query;
  return requestJson(`/api/v1/queues/${pathSegment(team)}`, {
    query: { ...rest, includeAssigned: includeAssigned === true ? "true" : undefined },
    signal,
  });
}

export function getTeamPredictions(team: string, signal?: AbortSignal): Promise<TeamPredictions> {
  return requestJson(`/api/v1/queues/${pathSegment(team)}/predictions`, { signal });
}

export function getCaseScore(caseId: string, signal?: AbortSignal): Promise<CaseScore> {
  return requestJson(`/api/v1/cases/${pathSegment(caseId)}/score`, { signal });
}

export function getCasePrediction(caseId: string, signal?: AbortSignal): Promise<CasePrediction> {
  return requestJson(`/api/v1/cases/${pathSegment(caseId)}/prediction`, { signal });
}

import Type, { type Static } from "typebox";
import { NullableInstant, PageLimit, ResourceId, toIsoOrNull } from "../../http/common.schemas.js";
import { CaseResponse, toCaseResponse } from "../cases/case.schemas.js";
import type { ScoreTermExplanation } from "./priority-score.js";
import type { CaseScore, QueueEntry, QueuePage, QueueSummary } from "./queue.service.js";
import { QUEUE_MODES, SCORE_TERMS } from "./queue-settings.js";

export const ScoreTermResponse = Type.Object({
  term: Type.Enum([...SCORE_TERMS]),
  input: Type.String({ description: 'What the term was read from, e.g. "gold"' }),
  value: Type.Number({ minimum: 0, maximum: 1 }),
  weight: Type.Number({ minimum: 0 }),
  points: Type.Number({
    description: "The term's part of the score: 100 × weight × value / Σ weights",
  }),
});

const ScoreFields = {
  score: Type.Number({ minimum: 0, maximum: 100, description: "0–100; docs/queues.md" }),
  terms: Type.Array(ScoreTermResponse),
};

export const QueueEntryResponse = Type.Object({
  position: Type.Integer({ minimum: 1, description: "1: the case to take next" }),
  ...ScoreFields,
  case: CaseResponse,
});

export const QueueResponse = Type.Object({
  team: Type.String(),
  total: Type.Integer({ description: "Cases in the queue that you may see (before `limit`)" }),
  items: Type.Array(QueueEntryResponse),
});

export const QueueSummaryListResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      team: Type.String(),
      name: Type.String(),
      mode: Type.Enum([...QUEUE_MODES]),
      waiting: Type.Integer({ description: "Cases waiting for an agent" }),
      assigned: Type.Integer({ description: "Open cases an agent has" }),
      oldestWaitingSince: NullableInstant,
      oldestWaitMinutes: Type.Union([Type.Number(), Type.Null()]),
      agentsAvailable: Type.Integer({ description: "Agents available and on shift now" }),
      agents: Type.Integer(),
    }),
  ),
});

export const CaseScoreResponse = Type.Object({
  caseId: Type.String(),
  waiting: Type.Boolean({ description: "Whether the case waits for an agent now" }),
  position: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: "Its place in its team's queue while it waits",
  }),
  ...ScoreFields,
});

export const TeamParams = Type.Object({ team: ResourceId });

export const QueueQuery = Type.Object({
  queue: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: "One named queue of the team" }),
  ),
  includeAssigned: Type.Optional(
    Type.Boolean({ description: "Also the cases in a waiting status that an agent has" }),
  ),
  limit: PageLimit,
});
export type QueueQuery = Static<typeof QueueQuery>;

function toTerms(terms: readonly ScoreTermExplanation[]) {
  return terms.map((term) => ({ ...term }));
}

export function toQueueEntryResponse(entry: QueueEntry) {
  return {
    position: entry.position,
    score: entry.score,
    terms: toTerms(entry.terms),
    case: toCaseResponse(entry.case, entry.sla),
  };
}

export function toQueueResponse(page: QueuePage): Static<typeof QueueResponse> {
  return { team: page.team, total: page.total, items: page.items.map(toQueueEntryResponse) };
}

export function toQueueSummaryResponse(summary: QueueSummary, now: number) {
  return {
    team: summary.teamId,
    name: summary.teamName,
    mode: summary.mode,
    waiting: summary.waiting,
    assigned: summary.assigned,
    oldestWaitingSince: toIsoOrNull(summary.oldestWaitingSince),
    oldestWaitMinutes:
      summary.oldestWaitingSince === null
        ? null
        : Math.round((Math.max(0, now - summary.oldestWaitingSince) / 60_000) * 10) / 10,
    agentsAvailable: summary.agentsAvailable,
    agents: summary.agents,
  };
}

export function toCaseScoreResponse(score: CaseScore): Static<typeof CaseScoreResponse> {
  return {
    caseId: score.caseId,
    waiting: score.waiting,
    position: score.position,
    score: score.score,
    terms: toTerms(score.terms),
  };
}

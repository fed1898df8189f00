import Type, { type Static } from "typebox";
import { Instant, toIso } from "../../http/common.schemas.js";
import { KPI_NAMES, SLICE_DIMENSIONS, type SliceDimension } from "../metrics/kpi.js";
import {
  RAG_STATUSES,
  type RagStatus,
  SCORECARD_SIDES,
  type Scorecard,
  type ScorecardResultRow,
  TARGET_DIRECTIONS,
} from "./scorecard.js";

const SliceValue = Type.String({ minLength: 1, maxLength: 200 });

const ScorecardFilterSchema = Type.Object(
  Object.fromEntries(
    SLICE_DIMENSIONS.map((dimension) => [dimension, Type.Optional(SliceValue)]),
  ) as Record<SliceDimension, ReturnType<typeof Type.Optional<typeof SliceValue>>>,
  {
    additionalProperties: false,
    description:
      "The team or journey the scorecard is about, e.g. {team: billing} or {categoryTop: orders}",
  },
);

const ScorecardMetricSchema = Type.Object(
  {
    metric: Type.Enum([...KPI_NAMES]),
    target: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        description:
          "In the KPI's unit (rates as fractions, CSAT and NPS in points); null: no target",
      }),
    ),
    direction: Type.Optional(
      Type.Enum([...TARGET_DIRECTIONS], {
        description: "higher: at or above the target is green; default: the way the KPI improves",
      }),
    ),
    amberWithin: Type.Optional(
      Type.Number({
        minimum: 0,
        description: "How far on the wrong side of the target is still amber (default 0: none)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const ScorecardBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2_000 }), Type.Null()])),
    by: Type.Optional(
      Type.Union([Type.Enum([...SLICE_DIMENSIONS]), Type.Null()], {
        description: "One row per value of this dimension; null: one row",
      }),
    ),
    filter: Type.Optional(ScorecardFilterSchema),
    metrics: Type.Array(ScorecardMetricSchema, { minItems: 1, maxItems: KPI_NAMES.length }),
  },
  { additionalProperties: false },
);
export type ScorecardBody = Static<typeof ScorecardBody>;

const ScorecardMetricResponse = Type.Object({
  metric: Type.Enum([...KPI_NAMES]),
  target: Type.Union([Type.Number(), Type.Null()]),
  direction: Type.Enum([...TARGET_DIRECTIONS]),
  amberWithin: Type.Number(),
});

export const ScorecardResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  by: Type.Union([Type.Enum([...SLICE_DIMENSIONS]), Type.Null()]),
  filter: Type.Record(Type.String(), Type.String()),
  metrics: Type.Array(ScorecardMetricResponse),
  createdBy: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
});

export const ScorecardListResponse = Type.Object({ items: Type.Array(ScorecardResponse) });

export function toScorecardResponse(scorecard: Scorecard): Static<typeof ScorecardResponse> {
  return {
    id: scorecard.id,
    name: scorecard.name,
    description: scorecard.description,
    by: scorecard.by,
    filter: scorecard.filter as Record<string, string>,
    metrics: scorecard.metrics,
    createdBy: scorecard.createdBy,
    createdAt: toIso(scorecard.createdAt),
    updatedAt: toIso(scorecard.updatedAt),
  };
}

const instantText = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: 64,
    description: `${description} (ISO-8601 with an offset or Z)`,
  });

export const ScorecardResultQuery = Type.Object(
  {
    from: Type.Optional(instantText("Start of the period, inclusive; default `to` − 7 days")),
    to: Type.Optional(instantText("End of the period, exclusive; default the start of this hour")),
    asOf: Type.Optional(instantText("Evaluation instant for unanswered cases; default now")),
  },
  { additionalProperties: false },
);
export type ScorecardResultQuery = Static<typeof ScorecardResultQuery>;

const nullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const ScorecardResultResponse = Type.Object({
  scorecard: Type.Object({ id: Type.String(), name: Type.String() }),
  from: Instant,
  to: Instant,
  by: Type.Union([Type.Enum([...SLICE_DIMENSIONS]), Type.Null()]),
  filter: Type.Record(Type.String(), Type.String()),
  rows: Type.Array(
    Type.Object({
      key: Type.String({ description: '"all" without `by`, else the slice value' }),
      cells: Type.Array(
        Type.Object({
          metric: Type.Enum([...KPI_NAMES]),
          side: Type.Enum([...SCORECARD_SIDES]),
          value: nullableNumber,
          target: nullableNumber,
          direction: Type.Enum([...TARGET_DIRECTIONS]),
          amberWithin: Type.Number(),
          status: Type.Enum([...RAG_STATUSES]),
        }),
        { description: "Operations KPIs first, then experience KPIs" },
      ),
    }),
  ),
  summary: Type.Object(
    Object.fromEntries(
      RAG_STATUSES.map((status) => [status, Type.Integer({ minimum: 0 })]),
    ) as Record<RagStatus, ReturnType<typeof Type.Integer>>,
  ),
});

export interface ScorecardResult {
  scorecard: Scorecard;
  from: number;
  to: number;
  rows: ScorecardResultRow[];
  summary: Record<RagStatus, number>;
}

export function toScorecardResultResponse(
  result: ScorecardResult,
): Static<typeof ScorecardResultResponse> {
  return {
    scorecard: { id: result.scorecard.id, name: result.scorecard.name },
    from: toIso(result.from),
    to: toIso(result.to),
    by: result.scorecard.by,
    filter: result.scorecard.filter as Record<string, string>,
    rows: result.rows.map((row) => ({ key: row.key, cells: row.cells })),
    summary: result.summary,
  };
}

import Type, { type Static, type TNull, type TNumber, type TOptional, type TUnion } from "typebox";
import { Cursor, Instant, NextCursor, PageLimit, toIso } from "../../http/common.schemas.js";
import {
  KPI_NAMES,
  type KpiName,
  type Series,
  SLICE_DIMENSIONS,
  type SliceDimension,
  TIME_BUCKETS,
} from "./kpi.js";
import type { HandoffFlows, KpiCasesPage, Scorecard, SeriesResult } from "./metrics.service.js";

const instantText = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: 64,
    description: `${description} (ISO-8601 with an offset or Z, e.g. 2026-03-02T00:00:00Z)`,
  });

const sliceValue = (dimension: SliceDimension) =>
  Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: `Only what counts in this ${dimension} (its value at the counted event)`,
    }),
  );

/** `team=…&channel=…`: exact slice filters, one per dimension. */
const SLICE_FILTERS = Object.fromEntries(
  SLICE_DIMENSIONS.map((dimension) => [dimension, sliceValue(dimension)]),
) as Record<SliceDimension, ReturnType<typeof sliceValue>>;

const PERIOD = {
  from: instantText("Start of the period, inclusive"),
  to: instantText("End of the period, exclusive"),
};

const AS_OF = {
  asOf: Type.Optional(
    instantText(
      "Evaluation instant for unanswered cases past their first-response due time; default now",
    ),
  ),
};

const BY = {
  by: Type.Optional(
    Type.Enum([...SLICE_DIMENSIONS], {
      description: "One row (or series) per value of this slice dimension",
    }),
  ),
};

export const ScorecardQuery = Type.Object(
  { ...PERIOD, ...BY, ...AS_OF, ...SLICE_FILTERS },
  { additionalProperties: false },
);
export type ScorecardQuery = Static<typeof ScorecardQuery>;

export const SeriesQueryString = Type.Object(
  {
    metrics: Type.String({
      minLength: 1,
      maxLength: 1000,
      description: `Comma-separated KPI names: ${KPI_NAMES.join(", ")}`,
    }),
    bucket: Type.Enum([...TIME_BUCKETS], {
      description: "UTC buckets; weeks start Monday 00:00 UTC",
    }),
    ...PERIOD,
    ...BY,
    ...AS_OF,
    ...SLICE_FILTERS,
  },
  { additionalProperties: false },
);
export type SeriesQueryString = Static<typeof SeriesQueryString>;

export const HandoffsQuery = Type.Object(
  { ...PERIOD, ...SLICE_FILTERS },
  { additionalProperties: false },
);
export type HandoffsQuery = Static<typeof HandoffsQuery>;

export const KpiCasesQuery = Type.Object(
  {
    metric: Type.Enum([...KPI_NAMES], { description: "The KPI whose cases to list" }),
    ...PERIOD,
    ...AS_OF,
    ...SLICE_FILTERS,
    limit: PageLimit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type KpiCasesQuery = Static<typeof KpiCasesQuery>;

type NullableNumber = TUnion<[TNumber, TNull]>;

const nullableNumber = (description?: string): NullableNumber =>
  Type.Union([Type.Number(), Type.Null()], description === undefined ? {} : { description });

const KPI_VALUE_PROPERTIES = Object.fromEntries(
  KPI_NAMES.map((name) => [name, nullableNumber()]),
) as unknown as Record<KpiName, NullableNumber>;

const ScorecardRowSchema = Type.Object({
  key: Type.String({ description: '"all" without `by`, else the slice value' }),
  ...KPI_VALUE_PROPERTIES,
});

export const ScorecardResponse = Type.Object({
  from: Instant,
  to: Instant,
  by: Type.Union([Type.Enum([...SLICE_DIMENSIONS]), Type.Null()]),
  asOf: Instant,
  rows: Type.Array(ScorecardRowSchema),
});

export const SeriesResponse = Type.Object({
  bucket: Type.Enum([...TIME_BUCKETS]),
  from: Instant,
  to: Instant,
  asOf: Instant,
  series: Type.Array(
    Type.Object({
      key: Type.String(),
      points: Type.Array(
        Type.Object({
          at: Instant,
          values: Type.Object(
            Object.fromEntries(
              KPI_NAMES.map((name) => [name, Type.Optional(nullableNumber())]),
            ) as unknown as Record<KpiName, TOptional<NullableNumber>>,
          ),
        }),
        { description: "Every bucket of the period, empty ones included; `at` is its start" },
      ),
    }),
  ),
});

export const CatalogueResponse = Type.Array(
  Type.Object({
    name: Type.Enum([...KPI_NAMES]),
    unit: Type.String(),
    definition: Type.String(),
    better: Type.Enum(["higher", "lower"]),
  }),
);

export const HandoffsResponse = Type.Object({
  from: Instant,
  to: Instant,
  flows: Type.Array(
    Type.Object({
      from: Type.String({ description: "The team that handed the cases off" }),
      to: Type.String({ description: "The team that received them" }),
      count: Type.Integer(),
    }),
    { description: "Most handoffs first" },
  ),
});

export const KpiCasesResponse = Type.Object({
  metric: Type.Enum([...KPI_NAMES]),
  from: Instant,
  to: Instant,
  items: Type.Array(
    Type.Object({
      caseId: Type.String(),
      at: Instant,
      team: Type.String({ description: "The team the case counts for at that instant" }),
      agent: Type.String({ description: 'The agent it counts for ("unassigned" for none)' }),
      value: nullableNumber(
        "The case's value: minutes, hours or score for those KPIs; 1 or 0 for a rate's numerator; null for counts",
      ),
    }),
    { description: "In the order of the counted instants" },
  ),
  nextCursor: NextCursor,
});

export function toScorecardResponse(scorecard: Scorecard) {
  return {
    from: toIso(scorecard.from),
    to: toIso(scorecard.to),
    by: scorecard.by ?? null,
    asOf: toIso(scorecard.asOf),
    rows: scorecard.rows,
  };
}

export function toSeriesResponse(result: SeriesResult) {
  return {
    bucket: result.bucket,
    from: toIso(result.from),
    to: toIso(result.to),
    asOf: toIso(result.asOf),
    series: result.series.map((series: Series) => ({
      key: series.key,
      points: series.points.map((point) => ({ at: toIso(point.at), values: point.values })),
    })),
  };
}

export function toHandoffsResponse(flows: HandoffFlows) {
  return { from: toIso(flows.from), to: toIso(flows.to), flows: flows.flows };
}

export function toKpiCasesResponse(page: KpiCasesPage) {
  return {
    metric: page.metric,
    from: toIso(page.from),
    to: toIso(page.to),
    items: page.items.map((item) => ({ ...item, at: toIso(item.at) })),
    nextCursor: page.nextCursor,
  };
}

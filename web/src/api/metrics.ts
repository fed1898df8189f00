/**
 * The metrics, scorecards and alerts API (issue C5), typed from the server's own response
 * schemas and KPI vocabulary (type-only imports, erased from the bundle).
 */
import type { Static } from "typebox";
import type {
  AlertListResponse,
  AlertResponse,
  BaselineResponse,
} from "../../../src/modules/alerts/alert.schemas.ts";
import type {
  KpiName,
  KpiValues,
  ScorecardRow,
  SliceDimension,
  TimeBucket,
} from "../../../src/modules/metrics/kpi.ts";
import type {
  HandoffsResponse,
  ScorecardResponse as MetricsScorecardResponse,
  SeriesResponse,
} from "../../../src/modules/metrics/metrics.schemas.ts";
import type {
  ScorecardBody,
  ScorecardListResponse,
  ScorecardResultResponse,
} from "../../../src/modules/scorecards/scorecard.schemas.ts";
import { type PageQuery, pathSegment, requestJson } from "./client.ts";

/** GET /metrics/scorecard: one row of every KPI per slice value ("all" without `by`). */
export type KpiScorecard = Omit<Static<typeof MetricsScorecardResponse>, "rows"> & {
  rows: ScorecardRow[];
};

export interface KpiSeriesPoint {
  /** The bucket's start (ISO-8601). */
  at: string;
  values: Partial<KpiValues>;
}

/** GET /metrics/series: every bucket of the period, empty ones included, per slice value. */
export type KpiSeries = Omit<Static<typeof SeriesResponse>, "series"> & {
  series: { key: string; points: KpiSeriesPoint[] }[];
};

export type HandoffFlows = Static<typeof HandoffsResponse>;
export type HandoffFlow = HandoffFlows["flows"][number];
export type Alert = Static<typeof AlertResponse>;
export type AlertPage = Static<typeof AlertListResponse>;
export type Baseline = Static<typeof BaselineResponse>;
export type BaselinePoint = Baseline["points"][number];
export type SavedScorecard = Static<typeof ScorecardListResponse>["items"][number];
export type ScorecardResult = Static<typeof ScorecardResultResponse>;
export type ScorecardCell = ScorecardResult["rows"][number]["cells"][number];
export type RagStatus = ScorecardCell["status"];

/** A period as ISO instants, and the slice the numbers are narrowed to. */
export interface MetricsQuery {
  from: string;
  to: string;
  filter?: Partial<Record<SliceDimension, string>>;
}

function periodQuery(query: MetricsQuery) {
  return { from: query.from, to: query.to, ...query.filter };
}

export function getKpiScorecard(
  query: MetricsQuery & { by?: SliceDimension },
  signal?: AbortSignal,
): Promise<KpiScorecard> {
  return requestJson("/api/v1/metrics/scorecard", {
    query: { ...periodQuery(query), by: query.by },
    signal,
  });
}

export function getKpiSeries(
  query: MetricsQuery & { metrics: readonly KpiName[]; bucket: TimeBucket; by?: SliceDimension },
  signal?: AbortSignal,
): Promise<KpiSeries> {
  return requestJson("/api/v1/metrics/series", {
    query: {
      ...periodQuery(query),
      metrics: query.metrics.join(","),
      bucket: query.bucket,
      by: query.by,
    },
    signal,
  });
}

export function getHandoffFlows(query: MetricsQuery, signal?: AbortSignal): Promise<HandoffFlows> {
  return requestJson("/api/v1/metrics/handoffs", { query: periodQuery(query), signal });
}

export interface BaselineQuery {
  metric: KpiName;
  dim: SliceDimension | "all";
  key?: string;
  from: string;
  to: string;
  bucket: "hour" | "day";
}

export function getBaseline(query: BaselineQuery, signal?: AbortSignal): Promise<Baseline> {
  return requestJson("/api/v1/alerts/baseline", { query: { ...query }, signal });
}

export interface AlertListQuery extends PageQuery {
  state?: "open" | "resolved";
  metric?: KpiName;
}

export function listAlerts(query: AlertListQuery, signal?: AbortSignal): Promise<AlertPage> {
  return requestJson("/api/v1/alerts", { query: { ...query }, signal });
}

export function acknowledgeAlert(id: string): Promise<Alert> {
  return requestJson(`/api/v1/alerts/${pathSegment(id)}/acknowledge`, {
    method: "POST",
    body: {},
  });
}

export function listSavedScorecards(
  signal?: AbortSignal,
): Promise<Static<typeof ScorecardListResponse>> {
  return requestJson("/api/v1/scorecards", { signal });
}

export function getScorecardResult(
  id: string,
  period: { from: string; to: string },
  signal?: AbortSignal,
): Promise<ScorecardResult> {
  return requestJson(`/api/v1/scorecards/${pathSegment(id)}/result`, {
    query: { ...period },
    signal,
  });
}

export function createScorecard(body: Static<typeof ScorecardBody>): Promise<SavedScorecard> {
  return requestJson("/api/v1/scorecards", { method: "POST", body });
}

export function deleteScorecard(id: string): Promise<void> {
  return requestJson(`/api/v1/scorecards/${pathSegment(id)}`, { method: "DELETE" });
}

import { useId, useMemo } from "react";
import { KPI_NAMES, type KpiName, type TimeBucket } from "../../../../src/modules/metrics/kpi.ts";
import type { Baseline, KpiSeries } from "../../api/metrics.ts";
import { CsvExportButton } from "../../components/csv-export-button.tsx";
import { labelledOptions } from "../../components/filter-controls.tsx";
import type { AsyncState } from "../../hooks/use-async.ts";
import type { CsvColumn } from "../../lib/csv-export.ts";
import {
  type BandPoint,
  baselineBand,
  CHART_COLORS,
  type ChartPoint,
  hasValues,
  lineChartOption,
  seriesPoints,
  trendChartOption,
} from "../../lib/metric-charts.ts";
import { KPI_LABELS } from "../../lib/metric-format.ts";
import { ChartPanel, panelState } from "./chart-panel.tsx";

const METRIC_OPTIONS = labelledOptions(KPI_NAMES, KPI_LABELS);

interface TrendRow {
  at: number;
  value: number | null;
  band: BandPoint | undefined;
}

const TREND_COLUMNS: readonly CsvColumn<TrendRow>[] = [
  { header: "bucketStart", value: (row) => new Date(row.at).toISOString() },
  { header: "value", value: (row) => row.value },
  { header: "expected", value: (row) => row.band?.expected },
  { header: "lower", value: (row) => row.band?.lower },
  { header: "upper", value: (row) => row.band?.upper },
];

const POINT_COLUMNS = (metric: KpiName): readonly CsvColumn<ChartPoint>[] => [
  { header: "bucketStart", value: (point) => new Date(point.at).toISOString() },
  { header: metric, value: (point) => point.value },
];

function MetricSelect({
  value,
  onChange,
}: {
  value: KpiName;
  onChange: (metric: KpiName) => void;
}) {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>KPI</label>
      <select
        id={id}
        name="metric"
        value={value}
        onChange={(event) => onChange(event.target.value as KpiName)}
      >
        {METRIC_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The picked KPI over the period, against its seasonal baseline where the alert rules keep one
 * (hour or day buckets): the band is the range the alerts treat as normal.
 */
export function TrendPanel({
  metric,
  bucket,
  series,
  baseline,
  onMetric,
  onRetry,
}: {
  metric: KpiName;
  bucket: TimeBucket;
  series: AsyncState<KpiSeries>;
  /** Null when the buckets have no baseline (weeks, months). */
  baseline: AsyncState<Baseline> | null;
  onMetric: (metric: KpiName) => void;
  onRetry: () => void;
}) {
  const data = series.status === "ready" ? series.data : undefined;
  const baselineData = baseline?.status === "ready" ? baseline.data : undefined;
  const points = useMemo(() => (data ? seriesPoints(data, metric) : []), [data, metric]);
  const band = useMemo(() => (baselineData ? baselineBand(baselineData) : []), [baselineData]);
  const option = useMemo(
    () => (hasValues(points) ? trendChartOption({ metric, bucket, points, band }) : null),
    [points, band, metric, bucket],
  );
  const rows = useMemo(() => {
    const bandAt = new Map(band.map((point) => [point.at, point]));
    return points.map((point) => ({ ...point, band: bandAt.get(point.at) }));
  }, [points, band]);
  return (
    <ChartPanel
      title={`${KPI_LABELS[metric]} against its baseline`}
      testId="trend-panel"
      state={panelState(series)}
      option={option}
      emptyText="No value in this period."
      onRetry={onRetry}
      tools={
        <>
          <MetricSelect value={metric} onChange={onMetric} />
          <CsvExportButton
            title={`${KPI_LABELS[metric]} trend`}
            columns={TREND_COLUMNS}
            rows={rows}
          />
        </>
      }
    />
  );
}

/** One KPI of the shared series as a line: first-response SLA attainment, backlog. */
export function SeriesLinePanel({
  title,
  testId,
  metric,
  bucket,
  series,
  fullRange = false,
  area = false,
  color,
  emptyText,
  onRetry,
}: {
  title: string;
  testId: string;
  metric: KpiName;
  bucket: TimeBucket;
  series: AsyncState<KpiSeries>;
  fullRange?: boolean;
  area?: boolean;
  color?: string;
  emptyText: string;
  onRetry: () => void;
}) {
  const data = series.status === "ready" ? series.data : undefined;
  const points = useMemo(() => (data ? seriesPoints(data, metric) : []), [data, metric]);
  const option = useMemo(
    () =>
      hasValues(points)
        ? lineChartOption({
            metric,
            bucket,
            points,
            fullRange,
            area,
            color: color ?? CHART_COLORS.actual,
          })
        : null,
    [points, metric, bucket, fullRange, area, color],
  );
  return (
    <ChartPanel
      title={title}
      testId={testId}
      state={panelState(series)}
      option={option}
      emptyText={emptyText}
      onRetry={onRetry}
      tools={<CsvExportButton title={title} columns={POINT_COLUMNS(metric)} rows={points} />}
    />
  );
}

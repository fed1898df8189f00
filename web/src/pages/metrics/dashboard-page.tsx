import { useCallback, useMemo } from "react";
import type { KpiName, SliceDimension } from "../../../../src/modules/metrics/kpi.ts";
import {
  getBaseline,
  getHandoffFlows,
  getKpiScorecard,
  getKpiSeries,
  type MetricsQuery,
} from "../../api/metrics.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { CHART_COLORS } from "../../lib/metric-charts.ts";
import {
  allowedBuckets,
  chooseBucket,
  previousPeriod,
  resolvePeriod,
  sliceQuery,
} from "../../lib/metric-period.ts";
import { AlertsPanel } from "./alerts-panel.tsx";
import { BreakdownPanel, useSliceLabel } from "./breakdown-panel.tsx";
import { DASHBOARD_FILTERS, DashboardFilterBar } from "./dashboard-filters.tsx";
import { HandoffPanel, SurveyPanel } from "./flow-panels.tsx";
import { KpiTiles } from "./kpi-tiles.tsx";
import { LiveIndicator } from "./live-indicator.tsx";
import { useMetricsLive, useReloadOn } from "./metrics-live.ts";
import { SeriesLinePanel, TrendPanel } from "./trend-panels.tsx";

const DEFAULT_TREND: KpiName = "casesOpened";
const DEFAULT_BREAKDOWN: SliceDimension = "team";

/** A load that runs again, keeping what it shows meanwhile, whenever the live version moves. */
function useLiveAsync<T>(load: (signal: AbortSignal) => Promise<T>, version: number) {
  const state = useAsync(load);
  useReloadOn(version, state.reload);
  return state;
}

/**
 * The live operations dashboard: KPI tiles for the period against the period before, the picked
 * KPI against its seasonal baseline, first-response SLA attainment, backlog, handoffs between
 * teams, CSAT and NPS by channel, every KPI by a dimension, and the open alerts. Everything
 * follows the period and slice in the URL and reloads as the live stream reports changes.
 */
export function DashboardPage() {
  usePageTitle("Metrics");
  const { filters, activeCount, setFilter, setFilters, clearFilters } =
    useUrlFilters(DASHBOARD_FILTERS);
  const live = useMetricsLive();
  const sliceLabel = useSliceLabel();

  // "Now" moves with the live reloads, so a period reaching into today grows hour by hour.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the data version is the clock's tick.
  const now = useMemo(() => Date.now(), [live.dataVersion]);
  const period = useMemo(
    () => resolvePeriod({ from: filters.from, to: filters.to }, now),
    [filters.from, filters.to, now],
  );
  const bucket = chooseBucket(filters.bucket, period);
  const dimension = filters.dim as SliceDimension | "";
  const slice = useMemo(() => sliceQuery(dimension, filters.key), [dimension, filters.key]);
  const metric = (filters.metric || DEFAULT_TREND) as KpiName;
  const by = (filters.by || DEFAULT_BREAKDOWN) as SliceDimension;

  // Keyed on the instants, not the period object: a live reload that leaves the period as it
  // was keeps the same queries, so panels refresh in place instead of starting over.
  const { from: periodFrom, to: periodTo } = period;
  const query = useMemo<MetricsQuery>(
    () => ({
      from: new Date(periodFrom).toISOString(),
      to: new Date(periodTo).toISOString(),
      filter: slice,
    }),
    [periodFrom, periodTo, slice],
  );
  const previousQuery = useMemo<MetricsQuery>(() => {
    const before = previousPeriod({ from: periodFrom, to: periodTo });
    return {
      from: new Date(before.from).toISOString(),
      to: new Date(before.to).toISOString(),
      filter: slice,
    };
  }, [periodFrom, periodTo, slice]);

  const version = live.dataVersion;
  const current = useLiveAsync(
    useCallback((signal: AbortSignal) => getKpiScorecard(query, signal), [query]),
    version,
  );
  const previous = useLiveAsync(
    useCallback((signal: AbortSignal) => getKpiScorecard(previousQuery, signal), [previousQuery]),
    version,
  );
  const series = useLiveAsync(
    useCallback(
      (signal: AbortSignal) =>
        getKpiSeries(
          {
            ...query,
            bucket,
            metrics: [...new Set<KpiName>([metric, "slaFirstResponseAttainment", "backlog"])],
          },
          signal,
        ),
      [query, bucket, metric],
    ),
    version,
  );
  const baselineBucket = bucket === "hour" || bucket === "day" ? bucket : null;
  const baseline = useLiveAsync(
    useCallback(
      (signal: AbortSignal) =>
        baselineBucket === null
          ? Promise.resolve(null)
          : getBaseline(
              {
                metric,
                dim: dimension === "" || filters.key === "" ? "all" : dimension,
                ...(dimension === "" || filters.key === "" ? {} : { key: filters.key }),
                from: query.from,
                to: query.to,
                bucket: baselineBucket,
              },
              signal,
            ),
      [metric, dimension, filters.key, query, baselineBucket],
    ),
    version,
  );
  const flows = useLiveAsync(
    useCallback((signal: AbortSignal) => getHandoffFlows(query, signal), [query]),
    version,
  );
  const byChannel = useLiveAsync(
    useCallback(
      (signal: AbortSignal) => getKpiScorecard({ ...query, by: "channel" }, signal),
      [query],
    ),
    version,
  );
  const breakdown = useLiveAsync(
    useCallback((signal: AbortSignal) => getKpiScorecard({ ...query, by }, signal), [query, by]),
    version,
  );
  // The values the slice picker offers: those counted in the period, for the picked dimension.
  const sliceKeys = useAsync(
    useCallback(
      (signal: AbortSignal) =>
        dimension === ""
          ? Promise.resolve([])
          : getKpiScorecard({ from: query.from, to: query.to, by: dimension }, signal).then(
              (answer) => answer.rows.map((row) => row.key).sort(),
            ),
      [dimension, query.from, query.to],
    ),
  );
  const sliceOptions = useMemo(
    () =>
      (sliceKeys.status === "ready" ? sliceKeys.data : []).map((key) => ({
        value: key,
        label: sliceLabel(dimension, key),
      })),
    [sliceKeys, dimension, sliceLabel],
  );

  const baselineState =
    baseline.status === "ready"
      ? baseline.data === null
        ? null
        : { ...baseline, data: baseline.data }
      : baseline;
  const sliceText =
    dimension === "" || filters.key === ""
      ? "the whole workspace"
      : sliceLabel(dimension, filters.key);

  return (
    <RequirePermission anyOf={["metrics:read"]} title="Metrics">
      <PageHeader
        title="Dashboard"
        subtitle={`Operations and customer experience for ${sliceText}, in UTC ${bucket}s.`}
        actions={<LiveIndicator status={live.status} />}
      />
      <DashboardFilterBar
        filters={filters}
        period={period}
        allowedBuckets={allowedBuckets(period)}
        sliceOptions={sliceOptions}
        activeCount={activeCount}
        now={now}
        setFilter={setFilter}
        setFilters={setFilters}
        clearFilters={clearFilters}
      />
      <KpiTiles
        current={current.status === "ready" ? current.data.rows[0] : undefined}
        previous={previous.status === "ready" ? previous.data.rows[0] : undefined}
        selected={metric}
        onSelect={(picked) => setFilter("metric", picked === DEFAULT_TREND ? "" : picked)}
      />
      <TrendPanel
        metric={metric}
        bucket={bucket}
        series={series}
        baseline={baselineState}
        onMetric={(picked) => setFilter("metric", picked === DEFAULT_TREND ? "" : picked)}
        onRetry={series.reload}
      />
      <div className="chart-grid">
        <SeriesLinePanel
          title="First-response SLA attainment"
          testId="sla-panel"
          metric="slaFirstResponseAttainment"
          bucket={bucket}
          series={series}
          fullRange
          color={CHART_COLORS.good}
          emptyText="No case with a first-response target in this period."
          onRetry={series.reload}
        />
        <SeriesLinePanel
          title="Backlog at the end of each bucket"
          testId="backlog-panel"
          metric="backlog"
          bucket={bucket}
          series={series}
          area
          color={CHART_COLORS.warning}
          emptyText="No backlog in this period."
          onRetry={series.reload}
        />
        <HandoffPanel flows={flows} onRetry={flows.reload} />
        <SurveyPanel byChannel={byChannel} onRetry={byChannel.reload} />
      </div>
      <AlertsPanel title="Open alerts" state="open" limit={20} live={live} testId="open-alerts" />
      <BreakdownPanel
        by={by}
        scorecard={breakdown}
        onBy={(value) => setFilter("by", value)}
        onRetry={breakdown.reload}
      />
    </RequirePermission>
  );
}

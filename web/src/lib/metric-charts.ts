/**
 * API answers → ECharts options for the dashboards. Pure: the chart component only renders what
 * these return, so what a chart shows is unit-tested here. Times are UTC bucket starts (the
 * server buckets in UTC), and charts are drawn in UTC to match.
 */
import type { BarSeriesOption, LineSeriesOption, SankeySeriesOption } from "echarts/charts";
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { KpiName, ScorecardRow, TimeBucket } from "../../../src/modules/metrics/kpi.ts";
import type { Baseline, HandoffFlow, KpiSeries } from "../api/metrics.ts";
import { formatKpiAxisValue, formatKpiRange, formatKpiValue, KPI_LABELS } from "./metric-format.ts";

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | SankeySeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>;

export const CHART_COLORS = {
  actual: "#2f5bd3",
  expected: "#667085",
  band: "rgba(47, 91, 211, 0.12)",
  good: "#067647",
  warning: "#b54708",
  bad: "#c4320a",
  secondary: "#7a5af8",
} as const;

/** One value of a KPI at the start of a bucket (epoch ms); null: undefined in that bucket. */
export interface ChartPoint {
  at: number;
  value: number | null;
}

/** The expected range of one bucket; nulls where the baseline has too little history. */
export interface BandPoint {
  at: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
}

/** `&`, `<`, `>`, quotes escaped: tooltips are HTML, and names come from other people's input. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * The start of a bucket as a person reads it, in UTC (en-GB: "Tue, 3 Mar 2026, 09:00 UTC" for hours,
 * "Tue, 3 Mar 2026" for days, "Week of 2 Mar 2026", "Mar 2026").
 */
export function formatBucketStart(at: number, bucket: TimeBucket, locale?: string): string {
  const date = new Date(at);
  const day = (options: Intl.DateTimeFormatOptions) =>
    date.toLocaleDateString(locale, { timeZone: "UTC", ...options });
  switch (bucket) {
    case "hour":
      return `${day({ weekday: "short", day: "numeric", month: "short", year: "numeric" })}, ${date.toISOString().slice(11, 16)} UTC`;
    case "day":
      return day({ weekday: "short", day: "numeric", month: "short", year: "numeric" });
    case "week":
      return `Week of ${day({ day: "numeric", month: "short", year: "numeric" })}`;
    case "month":
      return day({ month: "short", year: "numeric" });
  }
}

/** One KPI's points from a series answer (the series of `key`, else the first). */
export function seriesPoints(series: KpiSeries, metric: KpiName, key?: string): ChartPoint[] {
  const chosen =
    (key === undefined ? undefined : series.series.find((entry) => entry.key === key)) ??
    series.series[0];
  if (chosen === undefined) return [];
  return chosen.points.map((point) => ({
    at: Date.parse(point.at),
    value: point.values[metric] ?? null,
  }));
}

export function baselineBand(baseline: Baseline): BandPoint[] {
  return baseline.points.map((point) => ({
    at: Date.parse(point.at),
    expected: point.expected,
    lower: point.lower,
    upper: point.upper,
  }));
}

/** Whether there is anything to draw: at least one bucket with a value. */
export function hasValues(points: readonly ChartPoint[]): boolean {
  return points.some((point) => point.value !== null);
}

interface AxisTooltipItem {
  seriesId?: string;
  seriesName?: string;
  marker?: unknown;
  axisValue?: unknown;
  value?: unknown;
}

function tooltipItems(params: unknown): AxisTooltipItem[] {
  return (Array.isArray(params) ? params : [params]) as AxisTooltipItem[];
}

function pointValue(item: AxisTooltipItem | undefined): number | null {
  const value = Array.isArray(item?.value) ? item.value[1] : null;
  return typeof value === "number" ? value : null;
}

function symbolSizeFor(points: readonly ChartPoint[]): number {
  return points.length <= 60 ? 4 : 2;
}

/** The value axis of one KPI: percentages for rates, the KPI's own unit otherwise. */
function valueAxis(metric: KpiName) {
  return {
    type: "value" as const,
    scale: metric === "nps",
    axisLabel: { formatter: (value: number) => formatKpiAxisValue(metric, value) },
    splitLine: { lineStyle: { color: "#eef0f3" } },
  };
}

const TIME_AXIS = {
  type: "time" as const,
  axisLine: { lineStyle: { color: "#cfd4dc" } },
  axisLabel: { color: "#667085", hideOverlap: true },
};

const GRID = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

/**
 * A KPI over time with its seasonal baseline: the expected range as a shaded band (an invisible
 * line at the lower limit with the band's height stacked on it), the expected value dashed, and
 * the metric as a line. Buckets without a value leave a gap.
 */
export function trendChartOption(input: {
  metric: KpiName;
  bucket: TimeBucket;
  points: readonly ChartPoint[];
  band?: readonly BandPoint[];
}): ChartOption {
  const { metric, bucket, points } = input;
  const band = input.band ?? [];
  const bandAt = new Map(band.map((point) => [point.at, point]));
  const label = KPI_LABELS[metric];
  const withBand = band.some((point) => point.lower !== null && point.upper !== null);
  const series: LineSeriesOption[] = [];
  if (withBand) {
    series.push(
      {
        id: "band-lower",
        name: "Expected range",
        type: "line",
        stack: "band",
        symbol: "none",
        lineStyle: { opacity: 0 },
        data: band.map((point) => [point.at, point.upper === null ? null : point.lower]),
        silent: true,
      },
      {
        id: "band",
        name: "Expected range",
        type: "line",
        stack: "band",
        symbol: "none",
        lineStyle: { opacity: 0 },
        areaStyle: { color: CHART_COLORS.band },
        data: band.map((point) => [
          point.at,
          point.lower === null || point.upper === null ? null : point.upper - point.lower,
        ]),
        silent: true,
      },
    );
  }
  // A static threshold limits one side only: drawn as a dotted line where the band is open.
  for (const side of ["upper", "lower"] as const) {
    const other = side === "upper" ? "lower" : "upper";
    if (!band.some((point) => point[side] !== null && point[other] === null)) continue;
    series.push({
      id: `${side}-limit`,
      name: side === "upper" ? "Upper limit" : "Lower limit",
      type: "line",
      symbol: "none",
      lineStyle: { type: "dotted", width: 1.5, color: CHART_COLORS.bad },
      itemStyle: { color: CHART_COLORS.bad },
      data: band.map((point) => [point.at, point[other] === null ? point[side] : null]),
    });
  }
  if (band.some((point) => point.expected !== null)) {
    series.push({
      id: "expected",
      name: "Expected",
      type: "line",
      symbol: "none",
      lineStyle: { type: "dashed", width: 1, color: CHART_COLORS.expected },
      itemStyle: { color: CHART_COLORS.expected },
      data: band.map((point) => [point.at, point.expected]),
    });
  }
  series.push({
    id: "actual",
    name: label,
    type: "line",
    // Always marked, small when dense: a bucket between two empty ones would not show otherwise.
    symbolSize: symbolSizeFor(points),
    lineStyle: { width: 2, color: CHART_COLORS.actual },
    itemStyle: { color: CHART_COLORS.actual },
    data: points.map((point) => [point.at, point.value]),
  });

  return {
    useUTC: true,
    aria: { enabled: true },
    animation: false,
    grid: GRID,
    legend: {
      top: 0,
      left: 0,
      data: [...new Set(series.map((entry) => String(entry.name)))].reverse(),
    },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const items = tooltipItems(params);
        const at = Number(items[0]?.axisValue);
        const actual = pointValue(items.find((item) => item.seriesId === "actual"));
        const range = bandAt.get(at);
        const lines = [
          `<strong>${escapeHtml(formatBucketStart(at, bucket))}</strong>`,
          `${escapeHtml(label)}: <strong>${escapeHtml(formatKpiValue(metric, actual))}</strong>`,
        ];
        if (range?.expected !== null && range?.expected !== undefined) {
          lines.push(`Expected: ${escapeHtml(formatKpiValue(metric, range.expected))}`);
        }
        if (range !== undefined && (range.lower !== null || range.upper !== null)) {
          lines.push(`Range: ${escapeHtml(formatKpiRange(metric, range.lower, range.upper))}`);
        }
        return lines.join("<br>");
      },
    },
    xAxis: TIME_AXIS,
    yAxis: valueAxis(metric),
    series,
  };
}

/** One KPI over time as a single line (SLA attainment, backlog), optionally filled below. */
export function lineChartOption(input: {
  metric: KpiName;
  bucket: TimeBucket;
  points: readonly ChartPoint[];
  color?: string;
  area?: boolean;
  /** Fixes the axis to 0–100 % for rates. */
  fullRange?: boolean;
}): ChartOption {
  const { metric, bucket, points } = input;
  const color = input.color ?? CHART_COLORS.actual;
  const label = KPI_LABELS[metric];
  return {
    useUTC: true,
    aria: { enabled: true },
    animation: false,
    grid: { ...GRID, top: 16 },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const items = tooltipItems(params);
        const at = Number(items[0]?.axisValue);
        const value = pointValue(items[0]);
        return `<strong>${escapeHtml(formatBucketStart(at, bucket))}</strong><br>${escapeHtml(label)}: <strong>${escapeHtml(formatKpiValue(metric, value))}</strong>`;
      },
    },
    xAxis: TIME_AXIS,
    yAxis: input.fullRange ? { ...valueAxis(metric), min: 0, max: 1 } : valueAxis(metric),
    series: [
      {
        id: metric,
        name: label,
        type: "line",
        symbolSize: symbolSizeFor(points),
        lineStyle: { width: 2, color },
        itemStyle: { color },
        ...(input.area ? { areaStyle: { color, opacity: 0.12 } } : {}),
        data: points.map((point) => [point.at, point.value]),
      },
    ],
  };
}

/**
 * Team-to-team handoffs as a Sankey: the teams handing off on the left, the teams receiving on
 * the right. A team appears on both sides as two nodes, so handoffs back and forth between two
 * teams (which would be a cycle, and a Sankey must not have one) draw as two flows.
 */
export function handoffSankeyOption(
  flows: readonly HandoffFlow[],
  teamName: (teamId: string) => string,
): ChartOption {
  const drawn = flows.filter((flow) => flow.from !== flow.to && flow.count > 0);
  const sources = [...new Set(drawn.map((flow) => flow.from))];
  const targets = [...new Set(drawn.map((flow) => flow.to))];
  const nodeLabel = (node: string) => teamName(node.slice(node.indexOf(":") + 1));
  return {
    aria: { enabled: true },
    animation: false,
    tooltip: {
      trigger: "item",
      formatter: (params: unknown) => {
        const item = params as {
          dataType?: string;
          data?: { source?: string; target?: string; name?: string; value?: number };
          value?: number;
        };
        if (item.dataType === "edge" && item.data?.source && item.data.target) {
          return `${escapeHtml(nodeLabel(item.data.source))} → ${escapeHtml(nodeLabel(item.data.target))}: <strong>${item.data.value ?? 0}</strong> handoffs`;
        }
        return `${escapeHtml(nodeLabel(item.data?.name ?? ""))}: <strong>${item.value ?? 0}</strong> handoffs`;
      },
    },
    series: [
      {
        type: "sankey",
        left: 8,
        right: 140,
        top: 8,
        bottom: 8,
        nodeGap: 10,
        nodeWidth: 14,
        layoutIterations: 32,
        emphasis: { focus: "adjacency" },
        lineStyle: { color: "gradient", opacity: 0.35 },
        label: {
          formatter: (params: { name: string }) => nodeLabel(params.name),
          color: "#1a1d23",
        },
        data: [
          ...sources.map((team) => ({ name: `from:${team}`, depth: 0 })),
          ...targets.map((team) => ({ name: `to:${team}`, depth: 1 })),
        ],
        links: drawn.map((flow) => ({
          source: `from:${flow.from}`,
          target: `to:${flow.to}`,
          value: flow.count,
        })),
      },
    ],
  };
}

/**
 * CSAT and NPS side by side per channel, on one axis of points (CSAT 0–100, NPS −100–100);
 * channels without answers show no bar.
 */
export function surveyByChannelOption(rows: readonly ScorecardRow[]): ChartOption {
  const channels = rows.map((row) => row.key);
  const bar = (metric: "csat" | "nps", color: string): BarSeriesOption => ({
    id: metric,
    name: KPI_LABELS[metric],
    type: "bar",
    barMaxWidth: 28,
    itemStyle: { color },
    label: {
      show: true,
      position: "top",
      formatter: (params: { value?: unknown }) =>
        typeof params.value === "number" ? formatKpiValue(metric, params.value) : "",
      fontSize: 10,
    },
    data: rows.map((row) => row[metric]),
  });
  return {
    aria: { enabled: true },
    animation: false,
    grid: { ...GRID, top: 36 },
    legend: { top: 0, left: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const items = tooltipItems(params) as (AxisTooltipItem & { name?: string })[];
        const channel = items[0]?.name ?? "";
        const row = rows.find((candidate) => candidate.key === channel);
        return [
          `<strong>${escapeHtml(channel)}</strong>`,
          `CSAT: ${escapeHtml(formatKpiValue("csat", row?.csat))}`,
          `NPS: ${escapeHtml(formatKpiValue("nps", row?.nps))}`,
        ].join("<br>");
      },
    },
    xAxis: { type: "category", data: channels, axisLabel: { color: "#667085" } },
    yAxis: {
      type: "value",
      min: -100,
      max: 100,
      splitLine: { lineStyle: { color: "#eef0f3" } },
    },
    series: [bar("csat", CHART_COLORS.actual), bar("nps", CHART_COLORS.secondary)],
  };
}

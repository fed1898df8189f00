import { describe, expect, it } from "vitest";
import { KPI_NAMES, type ScorecardRow } from "../../../src/modules/metrics/kpi.ts";
import type { Baseline, KpiSeries } from "../api/metrics.ts";
import {
  baselineBand,
  escapeHtml,
  formatBucketStart,
  handoffSankeyOption,
  hasValues,
  lineChartOption,
  seriesPoints,
  surveyByChannelOption,
  trendChartOption,
} from "./metric-charts.ts";

const H = 3_600_000;
const T0 = Date.parse("2026-03-03T09:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

const SERIES: KpiSeries = {
  bucket: "hour",
  from: iso(T0),
  to: iso(T0 + 3 * H),
  asOf: iso(T0 + 3 * H),
  series: [
    {
      key: "all",
      points: [
        { at: iso(T0), values: { casesOpened: 12, csat: 80 } },
        { at: iso(T0 + H), values: { casesOpened: 40, csat: null } },
        { at: iso(T0 + 2 * H), values: { casesOpened: 9 } },
      ],
    },
  ],
};

const BASELINE: Baseline = {
  metric: "casesOpened",
  dim: "all",
  key: "all",
  bucket: "hour",
  rule: "volume-spike",
  points: [
    { at: iso(T0), expected: 10, lower: 4, upper: 16, value: 12 },
    { at: iso(T0 + H), expected: 11, lower: 5, upper: 17, value: 40 },
    { at: iso(T0 + 2 * H), expected: null, lower: null, upper: null, value: 9 },
  ],
};

function row(key: string, values: Partial<ScorecardRow>): ScorecardRow {
  const empty = Object.fromEntries(KPI_NAMES.map((name) => [name, null]));
  return { ...empty, ...values, key } as ScorecardRow;
}

describe("series and baseline points", () => {
  it("takes one KPI's value per bucket, null where the bucket has none", () => {
    expect(seriesPoints(SERIES, "casesOpened")).toEqual([
      { at: T0, value: 12 },
      { at: T0 + H, value: 40 },
      { at: T0 + 2 * H, value: 9 },
    ]);
    expect(seriesPoints(SERIES, "csat").map((point) => point.value)).toEqual([80, null, null]);
    expect(hasValues(seriesPoints(SERIES, "csat"))).toBe(true);
    expect(hasValues(seriesPoints(SERIES, "nps"))).toBe(false);
    expect(seriesPoints({ ...SERIES, series: [] }, "csat")).toEqual([]);
  });

  it("reads the baseline band as epoch instants", () => {
    expect(baselineBand(BASELINE)[1]).toEqual({ at: T0 + H, expected: 11, lower: 5, upper: 17 });
  });
});

describe("trendChartOption", () => {
  const option = trendChartOption({
    metric: "casesOpened",
    bucket: "hour",
    points: seriesPoints(SERIES, "casesOpened"),
    band: baselineBand(BASELINE),
  });
  const series = option.series as { id: string; data: unknown[]; stack?: string }[];

  it("draws the band as the lower limit plus the band's height, stacked", () => {
    expect(series.map((entry) => entry.id)).toEqual(["band-lower", "band", "expected", "actual"]);
    expect(series[0]?.stack).toBe("band");
    expect(series[1]?.stack).toBe("band");
    expect(series[0]?.data).toEqual([
      [T0, 4],
      [T0 + H, 5],
      [T0 + 2 * H, null],
    ]);
    expect(series[1]?.data).toEqual([
      [T0, 12],
      [T0 + H, 12],
      [T0 + 2 * H, null],
    ]);
    expect(series[3]?.data).toEqual([
      [T0, 12],
      [T0 + H, 40],
      [T0 + 2 * H, 9],
    ]);
    expect(option.useUTC).toBe(true);
    expect((option.legend as { data: string[] }).data).toEqual([
      "Cases opened",
      "Expected",
      "Expected range",
    ]);
  });

  it("explains a bucket in the tooltip with its value, expected value and range", () => {
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter;
    const text = formatter([
      { seriesId: "band-lower", axisValue: T0 + H, value: [T0 + H, 5] },
      { seriesId: "actual", axisValue: T0 + H, value: [T0 + H, 40] },
    ]);
    expect(text).toContain("10:00 UTC");
    expect(text).toContain("Cases opened: <strong>40</strong>");
    expect(text).toContain("Expected: 11");
    expect(text).toContain("Range: 5 – 17");
  });

  it("draws a one-sided threshold as a limit line, not a band", () => {
    const threshold = trendChartOption({
      metric: "casesOpened",
      bucket: "hour",
      points: seriesPoints(SERIES, "casesOpened"),
      band: [T0, T0 + H].map((at) => ({ at, expected: null, lower: null, upper: 25 })),
    });
    const drawn = threshold.series as { id: string; data: unknown[] }[];
    expect(drawn.map((entry) => entry.id)).toEqual(["upper-limit", "actual"]);
    expect(drawn[0]?.data).toEqual([
      [T0, 25],
      [T0 + H, 25],
    ]);
    const formatter = (threshold.tooltip as { formatter: (params: unknown) => string }).formatter;
    expect(formatter([{ seriesId: "actual", axisValue: T0, value: [T0, 12] }])).toContain(
      "Range: ≤ 25",
    );
  });

  it("draws the metric alone when there is no baseline", () => {
    const alone = trendChartOption({
      metric: "csat",
      bucket: "day",
      points: seriesPoints(SERIES, "csat"),
    });
    expect((alone.series as { id: string }[]).map((entry) => entry.id)).toEqual(["actual"]);
  });
});

describe("lineChartOption", () => {
  it("fixes rates to 0–100 % when asked and fills below the line", () => {
    const option = lineChartOption({
      metric: "slaFirstResponseAttainment",
      bucket: "day",
      points: [{ at: T0, value: 0.9 }],
      area: true,
      fullRange: true,
    });
    expect(option.yAxis).toMatchObject({ min: 0, max: 1 });
    const axis = option.yAxis as { axisLabel: { formatter: (value: number) => string } };
    expect(axis.axisLabel.formatter(0.5)).toBe("50%");
    expect((option.series as { areaStyle?: unknown }[])[0]?.areaStyle).toBeDefined();
  });
});

describe("handoffSankeyOption", () => {
  const names: Record<string, string> = { billing: "Billing", tech: "Technical <L2>" };
  const option = handoffSankeyOption(
    [
      { from: "billing", to: "tech", count: 12 },
      { from: "tech", to: "billing", count: 3 },
      { from: "tech", to: "tech", count: 2 },
    ],
    (team) => names[team] ?? team,
  );
  const sankey = (option.series as { data: unknown[]; links: unknown[] }[])[0];

  it("puts senders left and receivers right, so flows back and forth make no cycle", () => {
    expect(sankey?.data).toEqual([
      { name: "from:billing", depth: 0 },
      { name: "from:tech", depth: 0 },
      { name: "to:tech", depth: 1 },
      { name: "to:billing", depth: 1 },
    ]);
    expect(sankey?.links).toEqual([
      { source: "from:billing", target: "to:tech", value: 12 },
      { source: "from:tech", target: "to:billing", value: 3 },
    ]);
  });

  it("labels nodes with team names and escapes them in tooltips", () => {
    const label = (sankey as unknown as { label: { formatter: (p: { name: string }) => string } })
      .label;
    expect(label.formatter({ name: "to:tech" })).toBe("Technical <L2>");
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter;
    expect(
      formatter({
        dataType: "edge",
        data: { source: "from:billing", target: "to:tech", value: 12 },
      }),
    ).toBe("Billing → Technical &lt;L2&gt;: <strong>12</strong> handoffs");
  });
});

describe("surveyByChannelOption", () => {
  it("puts CSAT and NPS side by side per channel on one axis of points", () => {
    const option = surveyByChannelOption([
      row("chat", { csat: 82.5, nps: 31 }),
      row("email", { csat: 70, nps: null }),
    ]);
    expect(option.xAxis).toMatchObject({ data: ["chat", "email"] });
    expect(option.yAxis).toMatchObject({ min: -100, max: 100 });
    expect((option.series as { id: string; data: unknown[] }[]).map((s) => [s.id, s.data])).toEqual(
      [
        ["csat", [82.5, 70]],
        ["nps", [31, null]],
      ],
    );
  });
});

describe("formatting helpers", () => {
  it("writes bucket starts in UTC at the bucket's grain", () => {
    expect(formatBucketStart(T0, "hour", "en-GB")).toBe("Tue, 3 Mar 2026, 09:00 UTC");
    expect(formatBucketStart(T0, "day", "en-GB")).toBe("Tue, 3 Mar 2026");
    expect(formatBucketStart(Date.parse("2026-03-02T00:00:00Z"), "week", "en-GB")).toBe(
      "Week of 2 Mar 2026",
    );
    expect(formatBucketStart(Date.parse("2026-03-01T00:00:00Z"), "month", "en-GB")).toBe(
      "Mar 2026",
    );
  });

  it("escapes HTML", () => {
    expect(escapeHtml(`<b a="1">'&'</b>`)).toBe(
      "&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;",
    );
  });
});

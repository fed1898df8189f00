import type { EChartsType } from "echarts/core";
import { useEffect, useRef, useState } from "react";
import type { ChartOption } from "../../lib/metric-charts.ts";

type EChartsSetup = typeof import("./echarts-setup.ts");
let loading: Promise<EChartsSetup> | undefined;

/** ECharts is loaded the first time a chart is shown, so pages without charts do not carry it. */
function loadECharts(): Promise<EChartsSetup> {
  loading ??= import("./echarts-setup.ts");
  return loading;
}

/**
 * One ECharts chart, drawn as SVG into a div that follows its container's width. The option is
 * applied whole each time it changes (no merging with the previous one), so a chart always shows
 * exactly what its option says.
 */
export function EChart({
  option,
  label,
  height = 260,
  testId,
}: {
  option: ChartOption;
  /** What the chart shows, for screen readers (the aria component adds a description). */
  label: string;
  height?: number;
  testId?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    let disposed = false;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    loadECharts().then(
      ({ init }) => {
        if (disposed) return;
        const created = init(element, undefined, { renderer: "svg" });
        instance = created;
        chart.current = created;
        created.setOption(latest.current, { notMerge: true });
        observer = new ResizeObserver(() => created.resize());
        observer.observe(element);
      },
      // The chart code could not be fetched (the server was updated or went away meanwhile).
      () => {
        if (!disposed) setFailed(true);
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  if (failed) {
    return (
      <div className="chart-empty" style={{ height }} role="alert">
        The chart could not be loaded; reload the page.
      </div>
    );
  }
  return (
    <div
      ref={container}
      className="chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}

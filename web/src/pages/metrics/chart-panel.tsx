import type { ReactNode } from "react";
import { EChart } from "../../components/charts/echart.tsx";
import { ErrorState } from "../../components/state-views.tsx";
import type { AsyncState } from "../../hooks/use-async.ts";
import type { ChartOption } from "../../lib/metric-charts.ts";

const CHART_HEIGHT = 260;

/**
 * A dashboard panel around one chart: its title and tools (pickers, CSV export), then the chart,
 * a loading or error state, or a plain "nothing to draw" when the period has no data for it.
 * The panel's owner memoises `option` on its data (null: nothing to draw), so the chart is
 * redrawn only when what it shows changes.
 */
export function ChartPanel({
  title,
  testId,
  state,
  option,
  emptyText,
  tools,
  onRetry,
  height = CHART_HEIGHT,
}: {
  title: string;
  testId: string;
  /** The data's loading state; the chart shows once it is ready. */
  state: AsyncState<unknown>["status"] | { error: Error };
  option: ChartOption | null;
  emptyText: string;
  tools?: ReactNode;
  onRetry?: () => void;
  height?: number;
}) {
  let body: ReactNode;
  let shown: string;
  if (typeof state === "object") {
    shown = "error";
    body = <ErrorState error={state.error} {...(onRetry ? { onRetry } : {})} />;
  } else if (state !== "ready") {
    shown = "loading";
    body = (
      <div className="chart-empty" style={{ height }} role="status">
        <span className="spinner" aria-hidden="true" />
        Loading…
      </div>
    );
  } else if (option === null) {
    shown = "empty";
    body = (
      <div className="chart-empty" style={{ height }} data-testid="chart-no-data">
        {emptyText}
      </div>
    );
  } else {
    shown = "chart";
    body = <EChart option={option} label={title} height={height} testId="chart" />;
  }
  return (
    <section className="panel chart-panel" data-testid={testId} data-state={shown}>
      <div className="panel-heading">
        <h2 className="panel-title">{title}</h2>
        {tools === undefined ? null : <div className="panel-tools">{tools}</div>}
      </div>
      {body}
    </section>
  );
}

/** A panel's state from an async load: its status, or the error to show. */
export function panelState<T>(
  load: AsyncState<T>,
): AsyncState<unknown>["status"] | { error: Error } {
  return load.status === "error" ? { error: load.error } : load.status;
}

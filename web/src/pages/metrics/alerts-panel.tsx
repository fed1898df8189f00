import { useCallback } from "react";
import { listAlerts } from "../../api/metrics.ts";
import { CsvExportButton } from "../../components/csv-export-button.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { formatCountOf } from "../../lib/format-number.ts";
import { ALERT_COLUMNS, AlertsTable } from "./alerts-table.tsx";
import { type MetricsLive, useReloadOn } from "./metrics-live.ts";

/**
 * Open or resolved alerts, newest first, reloaded as soon as the live stream reports an alert
 * raised or resolved (no page reload needed).
 */
export function AlertsPanel({
  title,
  state,
  limit,
  live,
  testId,
  onMore,
}: {
  title: string;
  state: "open" | "resolved";
  limit: number;
  live: MetricsLive;
  testId: string;
  /** Offered when more alerts exist than shown. */
  onMore?: () => void;
}) {
  const load = useCallback(
    (signal: AbortSignal) => listAlerts({ state, limit }, signal),
    [state, limit],
  );
  const alerts = useAsync(load);
  useReloadOn(live.alertsVersion, alerts.reload);
  const items = alerts.status === "ready" ? alerts.data.items : [];
  return (
    <section className="panel" data-testid={testId}>
      <div className="panel-heading">
        <h2 className="panel-title">
          {title}
          {alerts.status === "ready" ? (
            <span className="muted" data-testid="alert-count">
              {" "}
              · {formatCountOf(items.length, "alert")}
              {alerts.data.nextCursor === null ? "" : "+"}
            </span>
          ) : null}
        </h2>
        <div className="panel-tools">
          <CsvExportButton title={title} columns={ALERT_COLUMNS} rows={items} />
        </div>
      </div>
      {alerts.status === "loading" ? <LoadingState label="Loading alerts…" /> : null}
      {alerts.status === "error" ? (
        <ErrorState error={alerts.error} onRetry={alerts.reload} />
      ) : null}
      {alerts.status === "ready" && items.length === 0 ? (
        <EmptyState>
          <span data-testid="alerts-empty">
            {state === "open"
              ? "No open alerts: every watched metric is within its range."
              : "No resolved alerts."}
          </span>
        </EmptyState>
      ) : null}
      {items.length === 0 ? null : (
        <AlertsTable alerts={items} arrived={live.arrived} onChanged={alerts.reload} />
      )}
      {alerts.status === "ready" && alerts.data.nextCursor !== null && onMore !== undefined ? (
        <div className="list-footer">
          <button type="button" className="button" onClick={onMore}>
            Show more
          </button>
        </div>
      ) : null}
    </section>
  );
}

import { useCallback, useState } from "react";
import { Link } from "react-router-dom";
import type { SliceDimension } from "../../../../src/modules/metrics/kpi.ts";
import { requestJson } from "../../api/client.ts";
import { type Alert, acknowledgeAlert } from "../../api/metrics.ts";
import { DateTime } from "../../components/date-time.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import { ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { hasPermission } from "../../lib/access.ts";
import type { CsvColumn } from "../../lib/csv-export.ts";
import {
  DIMENSION_LABELS,
  formatKpiRange,
  formatKpiValue,
  KPI_LABELS,
} from "../../lib/metric-format.ts";
import { toError } from "../../lib/to-error.ts";
import { useSliceLabel } from "./breakdown-panel.tsx";

export const ALERT_COLUMNS: readonly CsvColumn<Alert>[] = [
  { header: "id", value: (alert) => alert.id },
  { header: "state", value: (alert) => alert.state },
  { header: "severity", value: (alert) => alert.severity },
  { header: "rule", value: (alert) => alert.rule },
  { header: "metric", value: (alert) => alert.metric },
  { header: "dim", value: (alert) => alert.dim },
  { header: "key", value: (alert) => alert.key },
  { header: "bucket", value: (alert) => alert.bucket },
  { header: "bucketStart", value: (alert) => alert.bucketStart },
  { header: "direction", value: (alert) => alert.direction },
  { header: "value", value: (alert) => alert.value },
  { header: "expected", value: (alert) => alert.expected },
  { header: "lower", value: (alert) => alert.lower },
  { header: "upper", value: (alert) => alert.upper },
  { header: "raisedAt", value: (alert) => alert.raisedAt },
  { header: "resolvedAt", value: (alert) => alert.resolvedAt },
  { header: "resolveReason", value: (alert) => alert.resolveReason },
  { header: "acknowledgedAt", value: (alert) => alert.acknowledgedAt },
  { header: "acknowledgedBy", value: (alert) => alert.acknowledgedBy },
];

const DIRECTION_ARROWS = { up: "↑", down: "↓" } as const;

interface KpiCase {
  caseId: string;
  at: string;
}

/** The cases behind an alert's value (its `link` to the metrics cases route), first page. */
function AlertCases({ link }: { link: string }) {
  const load = useCallback(
    (signal: AbortSignal) =>
      requestJson<{ items: KpiCase[]; nextCursor: string | null }>(link, { signal }),
    [link],
  );
  const cases = useAsync(load);
  if (cases.status === "loading") return <LoadingState label="Loading the cases…" />;
  if (cases.status === "error") return <ErrorState error={cases.error} onRetry={cases.reload} />;
  if (cases.data.items.length === 0) return <span className="muted">No cases behind it.</span>;
  return (
    <span className="chips" data-testid="alert-cases">
      {cases.data.items.map((item) => (
        <Link
          key={item.caseId}
          className="chip mono"
          to={`/cases/${encodeURIComponent(item.caseId)}`}
        >
          {item.caseId}
        </Link>
      ))}
      {cases.data.nextCursor === null ? null : <span className="muted">and more…</span>}
    </span>
  );
}

function sliceText(alert: Alert, sliceLabel: (dim: SliceDimension | "", key: string) => string) {
  if (alert.dim === "all") return "Whole workspace";
  return `${DIMENSION_LABELS[alert.dim]}: ${sliceLabel(alert.dim, alert.key)}`;
}

/**
 * Alerts as a table: severity, KPI and slice, the bucket that went out of range with its value
 * against the expected range, and what happened since. Rows that arrived live are highlighted
 * for a moment.
 */
export function AlertsTable({
  alerts,
  arrived,
  onChanged,
}: {
  alerts: readonly Alert[];
  /** Ids of alerts that arrived over the live stream since the page opened. */
  arrived: ReadonlySet<string>;
  /** After an acknowledgement, to reload the list. */
  onChanged: () => void;
}) {
  const user = useSessionUser();
  const sliceLabel = useSliceLabel();
  const mayAcknowledge = hasPermission(user.permissions, "metrics:write");
  const [opened, setOpened] = useState<string | null>(null);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);

  const acknowledge = (id: string) => {
    setAcknowledging(id);
    setFailure(null);
    acknowledgeAlert(id).then(
      () => {
        setAcknowledging(null);
        onChanged();
      },
      (error: unknown) => {
        setAcknowledging(null);
        setFailure(toError(error));
      },
    );
  };

  return (
    <>
      {failure === null ? null : <ErrorState error={failure} />}
      <div className="table-wrap">
        <table className="data-table" data-testid="alerts-table">
          <thead>
            <tr>
              <th>Severity</th>
              <th>KPI</th>
              <th>Slice</th>
              <th>Bucket</th>
              <th className="num">Value</th>
              <th className="num">Expected</th>
              <th>Raised</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {alerts.map((alert) => (
              <AlertRow
                key={alert.id}
                alert={alert}
                slice={sliceText(alert, sliceLabel)}
                isNew={arrived.has(alert.id)}
                isOpened={opened === alert.id}
                onToggleCases={() => setOpened(opened === alert.id ? null : alert.id)}
                acknowledging={acknowledging === alert.id}
                onAcknowledge={mayAcknowledge ? () => acknowledge(alert.id) : undefined}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AlertRow({
  alert,
  slice,
  isNew,
  isOpened,
  onToggleCases,
  acknowledging,
  onAcknowledge,
}: {
  alert: Alert;
  slice: string;
  isNew: boolean;
  isOpened: boolean;
  onToggleCases: () => void;
  acknowledging: boolean;
  onAcknowledge: (() => void) | undefined;
}) {
  const range = formatKpiRange(alert.metric, alert.lower, alert.upper);
  return (
    <>
      <tr
        className={isNew ? "alert-row-new" : undefined}
        data-testid="alert-row"
        data-alert-id={alert.id}
        data-state={alert.state}
      >
        <td className={`severity-${alert.severity}`}>{alert.severity}</td>
        <td>
          {KPI_LABELS[alert.metric]} {DIRECTION_ARROWS[alert.direction]}
        </td>
        <td>{slice}</td>
        <td className="nowrap">
          <DateTime iso={alert.bucketStart} /> <span className="muted">({alert.bucket})</span>
        </td>
        <td className="num nowrap">
          <strong>{formatKpiValue(alert.metric, alert.value)}</strong>
        </td>
        <td className="num nowrap" title={`Range ${range}`}>
          {formatKpiValue(alert.metric, alert.expected)}
          <span className="scorecard-target">{range}</span>
        </td>
        <td className="nowrap">
          <DateTime iso={alert.raisedAt} />
        </td>
        <td className="nowrap">
          {alert.state === "open" ? (
            <span className="badge status-open">open</span>
          ) : (
            <span className="badge status-resolved" title={alert.resolveReason ?? undefined}>
              resolved
            </span>
          )}
          {alert.acknowledgedAt === null ? null : (
            <span className="scorecard-target">acknowledged</span>
          )}
        </td>
        <td className="nowrap">
          <span className="row-actions">
            <button type="button" className="button button-small" onClick={onToggleCases}>
              {isOpened ? "Hide cases" : "Cases"}
            </button>
            {onAcknowledge !== undefined &&
            alert.state === "open" &&
            alert.acknowledgedAt === null ? (
              <button
                type="button"
                className="button button-small"
                onClick={onAcknowledge}
                disabled={acknowledging}
              >
                {acknowledging ? "Acknowledging…" : "Acknowledge"}
              </button>
            ) : null}
          </span>
        </td>
      </tr>
      {isOpened ? (
        <tr>
          <td colSpan={9}>
            <AlertCases link={alert.link} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

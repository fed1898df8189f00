import { useCallback, useMemo, useState } from "react";
import {
  deleteScorecard,
  getScorecardResult,
  listSavedScorecards,
  type SavedScorecard,
  type ScorecardCell,
  type ScorecardResult,
} from "../../api/metrics.ts";
import { CsvExportButton } from "../../components/csv-export-button.tsx";
import { useTeamOptions } from "../../components/directory-provider.tsx";
import { DateFilter, FilterBar } from "../../components/filter-controls.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { hasPermission } from "../../lib/access.ts";
import type { CsvColumn } from "../../lib/csv-export.ts";
import { DIMENSION_LABELS, formatKpiValue, KPI_LABELS } from "../../lib/metric-format.ts";
import { recentDays, resolvePeriod } from "../../lib/metric-period.ts";
import type { FilterSchema } from "../../lib/query-filters.ts";
import { toError } from "../../lib/to-error.ts";
import { useSliceLabel } from "./breakdown-panel.tsx";
import { LiveIndicator } from "./live-indicator.tsx";
import { useMetricsLive, useReloadOn } from "./metrics-live.ts";
import { ScorecardForm } from "./scorecard-form.tsx";

const PERIOD_FILTERS = {
  from: { kind: "text" },
  to: { kind: "text" },
} as const satisfies FilterSchema;

const DEFAULT_DAYS = 7;
const RAG_LABELS = { green: "On target", amber: "Near", red: "Off target", none: "No target" };

type ResultRow = ScorecardResult["rows"][number];

function RagCell({ cell }: { cell: ScorecardCell }) {
  const target =
    cell.target === null
      ? "no target"
      : `${cell.direction === "higher" ? "≥" : "≤"} ${formatKpiValue(cell.metric, cell.target)}`;
  return (
    <td className="num nowrap" data-testid="scorecard-cell" data-status={cell.status}>
      <span className={`rag rag-${cell.status}`} title={RAG_LABELS[cell.status]}>
        {formatKpiValue(cell.metric, cell.value)}
      </span>
      <span className="scorecard-target">{target}</span>
    </td>
  );
}

function resultColumns(result: ScorecardResult): CsvColumn<ResultRow>[] {
  const metrics = result.rows[0]?.cells ?? [];
  return [
    { header: result.by ?? "slice", value: (row) => row.key },
    ...metrics.flatMap((cell, index): CsvColumn<ResultRow>[] => [
      { header: cell.metric, value: (row) => row.cells[index]?.value },
      { header: `${cell.metric}Target`, value: (row) => row.cells[index]?.target },
      { header: `${cell.metric}Status`, value: (row) => row.cells[index]?.status },
    ]),
  ];
}

/** One saved scorecard for the period: operations and experience KPIs side by side, red/amber/green. */
function ScorecardPanel({
  scorecard,
  period,
  version,
  mayChange,
  onDeleted,
}: {
  scorecard: SavedScorecard;
  period: { from: string; to: string };
  version: number;
  mayChange: boolean;
  onDeleted: () => void;
}) {
  const sliceLabel = useSliceLabel();
  const load = useCallback(
    (signal: AbortSignal) => getScorecardResult(scorecard.id, period, signal),
    [scorecard.id, period],
  );
  const result = useAsync(load);
  useReloadOn(version, result.reload);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const about = Object.entries(scorecard.filter)
    .map(([dimension, key]) => {
      const label = DIMENSION_LABELS[dimension as keyof typeof DIMENSION_LABELS] ?? dimension;
      return `${label}: ${sliceLabel(dimension as keyof typeof DIMENSION_LABELS, key)}`;
    })
    .join(", ");

  const remove = () => {
    if (!window.confirm(`Delete the scorecard “${scorecard.name}”?`)) return;
    setDeleting(true);
    deleteScorecard(scorecard.id).then(onDeleted, (error: unknown) => {
      setDeleting(false);
      setFailure(toError(error));
    });
  };

  const data = result.status === "ready" ? result.data : null;
  const cells = data?.rows[0]?.cells ?? [];
  return (
    <section className="panel" data-testid="scorecard-panel" data-scorecard={scorecard.id}>
      <div className="panel-heading">
        <div>
          <h2 className="panel-title">{scorecard.name}</h2>
          <p className="panel-note muted">
            {about === "" ? "Whole workspace" : about}
            {scorecard.by === null
              ? ""
              : ` · one row per ${DIMENSION_LABELS[scorecard.by].toLowerCase()}`}
            {scorecard.description === null ? "" : ` · ${scorecard.description}`}
          </p>
        </div>
        <div className="panel-tools">
          {data === null ? null : (
            <span className="muted" data-testid="scorecard-summary">
              {data.summary.green} green · {data.summary.amber} amber · {data.summary.red} red
            </span>
          )}
          <CsvExportButton
            title={`Scorecard ${scorecard.name}`}
            columns={data === null ? [] : resultColumns(data)}
            rows={data?.rows ?? []}
          />
          {mayChange ? (
            <button
              type="button"
              className="button button-small button-danger"
              onClick={remove}
              disabled={deleting}
            >
              Delete
            </button>
          ) : null}
        </div>
      </div>
      {failure === null ? null : <ErrorState error={failure} />}
      {result.status === "loading" ? <LoadingState /> : null}
      {result.status === "error" ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : null}
      {data !== null && data.rows.length === 0 ? (
        <EmptyState>Nothing counted for this scorecard in the period.</EmptyState>
      ) : null}
      {data === null || data.rows.length === 0 ? null : (
        <div className="table-wrap">
          <table className="data-table" data-testid="scorecard-table">
            <thead>
              <tr>
                <th>{data.by === null ? "" : DIMENSION_LABELS[data.by]}</th>
                {cells.map((cell) => (
                  <th key={cell.metric} className="num">
                    <span className="scorecard-side">{cell.side}</span>
                    <br />
                    {KPI_LABELS[cell.metric]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.key}>
                  <td className="nowrap">
                    {data.by === null ? "All" : sliceLabel(data.by, row.key)}
                  </td>
                  {row.cells.map((cell) => (
                    <RagCell key={cell.metric} cell={cell} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Saved scorecards: each team's or journey's KPIs against their targets, for a period. */
export function ScorecardsPage() {
  usePageTitle("Scorecards");
  const user = useSessionUser();
  const teamOptions = useTeamOptions();
  const live = useMetricsLive();
  const mayChange = hasPermission(user.permissions, "metrics:write");
  const { filters, activeCount, setFilter, setFilters, clearFilters } =
    useUrlFilters(PERIOD_FILTERS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the data version is the clock's tick.
  const now = useMemo(() => Date.now(), [live.dataVersion]);
  const defaults = recentDays(now, DEFAULT_DAYS);
  const resolved = resolvePeriod(
    { from: filters.from || defaults.from, to: filters.to || defaults.to },
    now,
  );
  // Keyed on the instants: a live reload within the same hour keeps the query, so the
  // scorecards refresh in place.
  const fromIso = new Date(resolved.from).toISOString();
  const toIso = new Date(resolved.to).toISOString();
  const periodQuery = useMemo(() => ({ from: fromIso, to: toIso }), [fromIso, toIso]);
  const period = { days: resolved.days, query: periodQuery };
  const saved = useAsync(useCallback((signal: AbortSignal) => listSavedScorecards(signal), []));
  const [creating, setCreating] = useState(false);

  return (
    <RequirePermission anyOf={["metrics:read"]} title="Scorecards">
      <PageHeader
        title="Scorecards"
        subtitle="Operations and customer-experience KPIs side by side, each against its target: green on target, amber near it, red off it."
        actions={
          <>
            <LiveIndicator status={live.status} />
            {mayChange && !creating ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => setCreating(true)}
              >
                New scorecard
              </button>
            ) : null}
          </>
        }
      />
      <FilterBar activeCount={activeCount} onClear={clearFilters}>
        <DateFilter name="from" label="From (UTC)" value={period.days.from} onChange={setFilter} />
        <DateFilter name="to" label="To (UTC)" value={period.days.to} onChange={setFilter} />
        <div className="filter filter-presets">
          <span className="filter-label">Last</span>
          <span className="row-actions">
            {[7, 30, 90].map((days) => (
              <button
                key={days}
                type="button"
                className="button button-small"
                onClick={() => setFilters(recentDays(now, days))}
              >
                {days} days
              </button>
            ))}
          </span>
        </div>
      </FilterBar>
      {creating ? (
        <ScorecardForm
          teamOptions={teamOptions}
          onCancel={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            saved.reload();
          }}
        />
      ) : null}
      {saved.status === "loading" ? <LoadingState label="Loading scorecards…" /> : null}
      {saved.status === "error" ? <ErrorState error={saved.error} onRetry={saved.reload} /> : null}
      {saved.status === "ready" && saved.data.items.length === 0 ? (
        <EmptyState>
          No scorecard saved yet.{mayChange ? " Make one with “New scorecard”." : ""}
        </EmptyState>
      ) : null}
      {saved.status === "ready"
        ? saved.data.items.map((scorecard) => (
            <ScorecardPanel
              key={scorecard.id}
              scorecard={scorecard}
              period={period.query}
              version={live.dataVersion}
              mayChange={mayChange}
              onDeleted={saved.reload}
            />
          ))
        : null}
    </RequirePermission>
  );
}

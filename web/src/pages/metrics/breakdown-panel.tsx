import { useMemo } from "react";
import {
  KPI_NAMES,
  type ScorecardRow,
  SLICE_DIMENSIONS,
  type SliceDimension,
} from "../../../../src/modules/metrics/kpi.ts";
import type { KpiScorecard } from "../../api/metrics.ts";
import { CsvExportButton } from "../../components/csv-export-button.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { labelledOptions, SelectFilter } from "../../components/filter-controls.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import type { AsyncState } from "../../hooks/use-async.ts";
import type { CsvColumn } from "../../lib/csv-export.ts";
import { DIMENSION_LABELS, formatKpiValue, KPI_LABELS } from "../../lib/metric-format.ts";

const DIMENSION_OPTIONS = labelledOptions(
  SLICE_DIMENSIONS.filter((dimension) => dimension !== "team"),
  DIMENSION_LABELS,
);

/** The name a slice value is shown with: team and agent names from the directory. */
export function useSliceLabel(): (dimension: SliceDimension | "", key: string) => string {
  const directory = useDirectory();
  return (dimension, key) => {
    if (dimension === "team") return directory.teamName(key);
    if (dimension === "agent") return directory.agentName(key);
    return key;
  };
}

/** Every KPI per value of one dimension over the period, busiest first. */
export function BreakdownPanel({
  by,
  scorecard,
  onBy,
  onRetry,
}: {
  by: SliceDimension;
  scorecard: AsyncState<KpiScorecard>;
  onBy: (dimension: string) => void;
  onRetry: () => void;
}) {
  const sliceLabel = useSliceLabel();
  const data = scorecard.status === "ready" ? scorecard.data.rows : undefined;
  const rows = useMemo(
    () => [...(data ?? [])].sort((a, b) => (b.casesOpened ?? 0) - (a.casesOpened ?? 0)),
    [data],
  );
  const columns = useMemo<CsvColumn<ScorecardRow>[]>(
    () => [
      { header: by, value: (row) => row.key },
      ...KPI_NAMES.map((name) => ({ header: name, value: (row: ScorecardRow) => row[name] })),
    ],
    [by],
  );
  const title = `KPIs by ${DIMENSION_LABELS[by].toLowerCase()}`;
  return (
    <section className="panel" data-testid="breakdown-panel">
      <div className="panel-heading">
        <h2 className="panel-title">{title}</h2>
        <div className="panel-tools chart-panel">
          <SelectFilter
            name="by"
            label="By"
            value={by === "team" ? "" : by}
            allLabel={DIMENSION_LABELS.team}
            options={DIMENSION_OPTIONS}
            onChange={(_name, value) => onBy(value)}
          />
          <CsvExportButton title={title} columns={columns} rows={rows} />
        </div>
      </div>
      {scorecard.status === "loading" ? <LoadingState /> : null}
      {scorecard.status === "error" ? (
        <ErrorState error={scorecard.error} onRetry={onRetry} />
      ) : null}
      {scorecard.status === "ready" && rows.length === 0 ? (
        <EmptyState>Nothing counted in this period.</EmptyState>
      ) : null}
      {rows.length === 0 ? null : (
        <div className="table-wrap">
          <table className="data-table" data-testid="breakdown-table">
            <thead>
              <tr>
                <th>{DIMENSION_LABELS[by]}</th>
                {KPI_NAMES.map((name) => (
                  <th key={name} className="num">
                    {KPI_LABELS[name]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-testid="breakdown-row">
                  <td className="nowrap">{sliceLabel(by, row.key)}</td>
                  {KPI_NAMES.map((name) => (
                    <td key={name} className="num nowrap">
                      {formatKpiValue(name, row[name])}
                    </td>
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

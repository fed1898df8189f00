import type { KpiName, ScorecardRow } from "../../../../src/modules/metrics/kpi.ts";
import { formatKpiValue, KPI_LABELS, kpiChange, kpiDefinition } from "../../lib/metric-format.ts";

/** The KPIs with a tile, operations first, then the customers' view, then cost. */
export const TILE_METRICS: readonly KpiName[] = [
  "casesOpened",
  "casesResolved",
  "backlog",
  "firstResponseMedianMinutes",
  "slaFirstResponseAttainment",
  "resolutionMedianHours",
  "fcrRate",
  "reopenRate",
  "recontactRate",
  "escalationRate",
  "ahtMinutes",
  "csat",
  "nps",
  "ces",
  "costPerCase",
];

/**
 * One tile per KPI: its value for the period and how it moved since the period before, coloured
 * by whether that is good. Picking a tile draws that KPI in the trend chart.
 */
export function KpiTiles({
  current,
  previous,
  selected,
  onSelect,
}: {
  current: ScorecardRow | undefined;
  previous: ScorecardRow | undefined;
  selected: KpiName;
  onSelect: (metric: KpiName) => void;
}) {
  return (
    <div className="kpi-tiles" data-testid="kpi-tiles">
      {TILE_METRICS.map((metric) => {
        const value = current?.[metric] ?? null;
        const change = kpiChange(metric, value, previous?.[metric]);
        return (
          <button
            key={metric}
            type="button"
            className={`kpi-tile${metric === selected ? " is-selected" : ""}`}
            data-testid="kpi-tile"
            data-metric={metric}
            aria-pressed={metric === selected}
            title={kpiDefinition(metric).definition}
            onClick={() => onSelect(metric)}
          >
            <span className="kpi-tile-label">{KPI_LABELS[metric]}</span>
            <span className="kpi-tile-value" data-testid="kpi-value">
              {formatKpiValue(metric, value)}
            </span>
            <span className={`kpi-tile-change${change ? ` change-${change.tone}` : ""}`}>
              {change === null ? "—" : change.text} vs previous period
            </span>
          </button>
        );
      })}
    </div>
  );
}

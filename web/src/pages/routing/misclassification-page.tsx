import { useCallback } from "react";
import { getMisclassification, type Misclassification } from "../../api/routing.ts";
import { DateTime } from "../../components/date-time.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import {
  DateFilter,
  FilterBar,
  TeamFilter,
  TextFilter,
} from "../../components/filter-controls.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { formatCount, formatPercent } from "../../lib/format-number.ts";
import type { FilterSchema } from "../../lib/query-filters.ts";
import { periodToInstants, recentPeriod } from "../../lib/report-period.ts";

const FILTERS = {
  from: { kind: "text" },
  to: { kind: "text" },
  team: { kind: "text" },
  minCases: { kind: "text" },
} as const satisfies FilterSchema;

const PRESET_DAYS = [7, 30, 90] as const;

type CategoryRow = Misclassification["byCategory"][number];
type RuleRow = Misclassification["byRule"][number];

/** The counts both tables share, after the row's own name. */
function CountCells({ row }: { row: CategoryRow | RuleRow }) {
  return (
    <>
      <td className="num">{formatCount(row.cases)}</td>
      <td className="num">{formatCount(row.transferred)}</td>
      <td className="num" data-testid="transfer-rate">
        <strong>{formatPercent(row.transferRate)}</strong>
      </td>
      <td className="num">{formatCount(row.transfers)}</td>
      <td className="num">{formatCount(row.recategorised)}</td>
      <td className="num">{formatPercent(row.recategorisationRate)}</td>
    </>
  );
}

const COUNT_HEADERS = (
  <>
    <th className="num">Cases</th>
    <th className="num">Transferred</th>
    <th className="num">Transfer rate</th>
    <th className="num">Handoffs</th>
    <th className="num">Re-categorised</th>
    <th className="num">Re-categorisation rate</th>
  </>
);

function CategoryTable({ rows }: { rows: readonly CategoryRow[] }) {
  const directory = useDirectory();
  return (
    <div className="table-wrap">
      <table className="data-table report-table" data-testid="misclassification-by-category">
        <thead>
          <tr>
            <th>Category as opened</th>
            {COUNT_HEADERS}
            <th>Handed to</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.category} data-testid="misclassification-category-row">
              <td className="mono">{row.category}</td>
              <CountCells row={row} />
              <td>
                {row.topDestinations.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  row.topDestinations
                    .map(
                      (destination) =>
                        `${directory.teamName(destination.team)} (${destination.transfers})`,
                    )
                    .join(", ")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RuleTable({ rows }: { rows: readonly RuleRow[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table report-table" data-testid="misclassification-by-rule">
        <thead>
          <tr>
            <th>Rule that set the team</th>
            {COUNT_HEADERS}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.rule ?? ""} data-testid="misclassification-rule-row">
              <td>
                {row.rule === null ? (
                  <span className="muted">No rule: fallback or intake team</span>
                ) : (
                  <>
                    {row.name ?? <span className="muted">(no longer in the rules)</span>}{" "}
                    <span className="mono muted">{row.rule}</span>
                  </>
                )}
              </td>
              <CountCells row={row} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ report }: { report: Misclassification }) {
  const { totals } = report;
  return (
    <>
      <p className="report-period" data-testid="misclassification-period">
        Cases opened from <DateTime iso={report.from} /> to <DateTime iso={report.to} />:{" "}
        <strong>{formatCount(totals.cases)}</strong> cases, {formatCount(totals.transferred)}{" "}
        transferred ({formatCount(totals.transfers)} handoffs), {formatCount(totals.recategorised)}{" "}
        re-categorised.
      </p>
      <section className="panel">
        <h2 className="panel-title">By category, highest transfer rate first</h2>
        {report.byCategory.length === 0 ? (
          <p className="muted">No category has enough cases in this period.</p>
        ) : (
          <CategoryTable rows={report.byCategory} />
        )}
      </section>
      <section className="panel">
        <h2 className="panel-title">By routing rule, highest transfer rate first</h2>
        {report.byRule.length === 0 ? (
          <p className="muted">No rule has enough cases in this period.</p>
        ) : (
          <RuleTable rows={report.byRule} />
        )}
      </section>
    </>
  );
}

/**
 * How often cases end up elsewhere than routing sent them: handoffs to other teams and
 * re-categorisations, per category as opened and per rule that set the team.
 */
export function MisclassificationPage() {
  usePageTitle("Misclassification");
  const { filters, activeCount, setFilter, setFilters, clearFilters } = useUrlFilters(FILTERS);
  const load = useCallback(
    (signal: AbortSignal) => {
      const minCases = Number(filters.minCases);
      return getMisclassification(
        {
          ...periodToInstants(filters),
          ...(filters.team === "" ? {} : { team: filters.team }),
          ...(filters.minCases === "" || !Number.isFinite(minCases) ? {} : { minCases }),
        },
        signal,
      );
    },
    [filters],
  );
  const report = useAsync(load);
  const pickRecent = (days: number) => setFilters(recentPeriod(new Date(), days));

  return (
    <RequirePermission anyOf={["metrics:read"]} title="Misclassification">
      <PageHeader
        title="Misclassification"
        subtitle="Cases handed to another team or re-categorised after routing placed them: a high transfer rate points at a rule or category that sends cases to the wrong place."
      />
      <FilterBar activeCount={activeCount} onClear={clearFilters}>
        <DateFilter name="from" label="Opened from" value={filters.from} onChange={setFilter} />
        <DateFilter name="to" label="Opened to" value={filters.to} onChange={setFilter} />
        <div className="filter filter-presets">
          <span className="filter-label">Last</span>
          <span className="row-actions">
            {PRESET_DAYS.map((days) => (
              <button
                key={days}
                type="button"
                className="button button-small"
                onClick={() => pickRecent(days)}
              >
                {days} days
              </button>
            ))}
          </span>
        </div>
        <TeamFilter value={filters.team} onChange={setFilter} />
        <TextFilter
          name="minCases"
          label="At least cases"
          value={filters.minCases}
          placeholder="5"
          onChange={setFilter}
        />
      </FilterBar>
      {report.status === "loading" ? <LoadingState label="Loading the report…" /> : null}
      {report.status === "error" ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : null}
      {report.status === "ready" && report.data.totals.cases === 0 ? (
        <EmptyState>No cases were opened in this period.</EmptyState>
      ) : null}
      {report.status === "ready" && report.data.totals.cases > 0 ? (
        <Report report={report.data} />
      ) : null}
    </RequirePermission>
  );
}

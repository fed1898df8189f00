import {
  KPI_NAMES,
  SLICE_DIMENSIONS,
  type SliceDimension,
  TIME_BUCKETS,
  type TimeBucket,
} from "../../../../src/modules/metrics/kpi.ts";
import {
  DateFilter,
  FilterBar,
  labelledOptions,
  SelectFilter,
  type SelectOption,
} from "../../components/filter-controls.tsx";
import { DIMENSION_LABELS } from "../../lib/metric-format.ts";
import { autoBucket, type MetricPeriod, recentDays } from "../../lib/metric-period.ts";
import type { FilterSchema, FilterValues } from "../../lib/query-filters.ts";

/**
 * The dashboard's state in the URL: the period (UTC days), the bucket ("" automatic), the slice
 * everything is narrowed to (`dim` = `key`), the dimension of the breakdown table and the KPI of
 * the trend chart.
 */
export const DASHBOARD_FILTERS = {
  from: { kind: "text" },
  to: { kind: "text" },
  bucket: { kind: "choice", options: TIME_BUCKETS },
  dim: { kind: "choice", options: SLICE_DIMENSIONS },
  key: { kind: "text" },
  by: { kind: "choice", options: SLICE_DIMENSIONS },
  metric: { kind: "choice", options: KPI_NAMES },
} as const satisfies FilterSchema;

export type DashboardFilters = FilterValues<typeof DASHBOARD_FILTERS>;

const PRESET_DAYS = [7, 30, 90] as const;

const BUCKET_LABELS: Readonly<Record<TimeBucket, string>> = {
  hour: "Hours",
  day: "Days",
  week: "Weeks",
  month: "Months",
};

const DIMENSION_OPTIONS = labelledOptions(SLICE_DIMENSIONS, DIMENSION_LABELS);

export function DashboardFilterBar({
  filters,
  period,
  allowedBuckets,
  sliceOptions,
  activeCount,
  now,
  setFilter,
  setFilters,
  clearFilters,
}: {
  filters: DashboardFilters;
  period: MetricPeriod;
  allowedBuckets: readonly TimeBucket[];
  /** The values of the picked slice dimension in the period (empty until one is picked). */
  sliceOptions: readonly SelectOption[];
  activeCount: number;
  now: number;
  setFilter: (name: keyof DashboardFilters & string, value: string) => void;
  setFilters: (values: Partial<DashboardFilters>) => void;
  clearFilters: () => void;
}) {
  const automatic = autoBucket(period);
  return (
    <FilterBar activeCount={activeCount} onClear={clearFilters}>
      <DateFilter
        name="from"
        label="From (UTC)"
        value={filters.from === "" ? period.days.from : filters.from}
        onChange={setFilter}
      />
      <DateFilter
        name="to"
        label="To (UTC)"
        value={filters.to === "" ? period.days.to : filters.to}
        onChange={setFilter}
      />
      <div className="filter filter-presets">
        <span className="filter-label">Last</span>
        <span className="row-actions">
          {PRESET_DAYS.map((days) => (
            <button
              key={days}
              type="button"
              className="button button-small"
              onClick={() => setFilters({ ...recentDays(now, days), bucket: "" })}
            >
              {days} days
            </button>
          ))}
        </span>
      </div>
      <SelectFilter
        name="bucket"
        label="Buckets"
        value={allowedBuckets.includes(filters.bucket as TimeBucket) ? filters.bucket : ""}
        allLabel={`Auto (${BUCKET_LABELS[automatic].toLowerCase()})`}
        options={allowedBuckets.map((bucket) => ({ value: bucket, label: BUCKET_LABELS[bucket] }))}
        onChange={setFilter}
      />
      <SelectFilter
        name="dim"
        label="Slice"
        value={filters.dim}
        allLabel="Whole workspace"
        options={DIMENSION_OPTIONS}
        onChange={(_name, value) => setFilters({ dim: value, key: "" })}
      />
      {filters.dim === "" ? null : (
        <SelectFilter
          name="key"
          label={DIMENSION_LABELS[filters.dim as SliceDimension]}
          value={filters.key}
          allLabel="Pick one…"
          wide
          options={sliceOptions}
          onChange={setFilter}
        />
      )}
    </FilterBar>
  );
}

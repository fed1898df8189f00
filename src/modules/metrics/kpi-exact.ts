import { quantileOfSorted } from "../routing-reports/percentiles.js";
import { type CaseFacts, type Contribution, contributionsOf, dimsOf } from "./case-facts.js";
import type {
  KpiName,
  KpiQuery,
  KpiValues,
  ScorecardRow,
  Series,
  SeriesQuery,
  SliceDimension,
} from "./kpi.js";
import { bucketIndexOf, seriesBuckets } from "./kpi-buckets.js";

/**
 * The exact KPI engine: PRODUCT.md's definitions evaluated over cases' facts (docs/metrics.md).
 * Pure, the reference the roll-ups are checked against, and the path small queries take.
 */

/** The additive sums a period's KPIs are computed from (the roll-ups hold the same sums). */
export interface KpiSums {
  opened: number;
  escalated: number;
  /** Cases opened with a first-response target whose outcome is known (answered, or missed). */
  slaTarget: number;
  slaMet: number;
  resolved: number;
  reopened: number;
  recontacted: number;
  fcr: number;
  /** Cases in the backlog at the end of the period. */
  backlog: number;
  workedSeconds: number;
  /** Distinct cases with a `case.worked` in the period. */
  workedCases: number;
  /** Worked seconds by the team that prices them. */
  workedByTeam: ReadonlyMap<string, number>;
  csatN: number;
  csatGood: number;
  npsN: number;
  npsPromoters: number;
  npsDetractors: number;
  cesN: number;
  cesSum: number;
}

/** The percentiles a period's KPIs need, computed exactly or from a sketch. */
export interface KpiPercentiles {
  firstResponseMedianMinutes: number | null;
  firstResponseP90Minutes: number | null;
  resolutionMedianHours: number | null;
}

const ratio = (numerator: number, denominator: number) =>
  denominator > 0 ? numerator / denominator : null;

/**
 * The KPI values of some sums: rates are null without a denominator; `costPerCase` is null when
 * nothing was resolved or a team with worked seconds has no hourly cost.
 *
 * @example
 * // 4 resolved, 1 reopened, 3 CSAT answers of which 2 are 4 or 5:
 * // reopenRate 0.25, csat 66.67 (points)
 */
export function kpiValuesOf(
  sums: KpiSums,
  percentiles: KpiPercentiles,
  hourlyCosts: ReadonlyMap<string, number | null>,
): KpiValues {
  return {
    casesOpened: sums.opened,
    casesResolved: sums.resolved,
    firstResponseMedianMinutes: percentiles.firstResponseMedianMinutes,
    firstResponseP90Minutes: percentiles.firstResponseP90Minutes,
    resolutionMedianHours: percentiles.resolutionMedianHours,
    reopenRate: ratio(sums.reopened, sums.resolved),
    recontactRate: ratio(sums.recontacted, sums.resolved),
    fcrRate: ratio(sums.fcr, sums.resolved),
    escalationRate: ratio(sums.escalated, sums.opened),
    slaFirstResponseAttainment: ratio(sums.slaMet, sums.slaTarget),
    backlog: sums.backlog,
    ahtMinutes: sums.workedCases > 0 ? sums.workedSeconds / sums.workedCases / 60 : null,
    csat: sums.csatN > 0 ? (100 * sums.csatGood) / sums.csatN : null,
    nps: sums.npsN > 0 ? (100 * (sums.npsPromoters - sums.npsDetractors)) / sums.npsN : null,
    ces: sums.cesN > 0 ? sums.cesSum / sums.cesN : null,
    costPerCase: costPerCase(sums, hourlyCosts),
  };
}

function costPerCase(sums: KpiSums, hourlyCosts: ReadonlyMap<string, number | null>) {
  if (sums.resolved === 0) return null;
  let cost = 0;
  for (const [team, seconds] of sums.workedByTeam) {
    if (seconds === 0) continue;
    const hourly = hourlyCosts.get(team);
    if (hourly === null || hourly === undefined) return null;
    cost += (hourly * seconds) / 3600;
  }
  return cost / sums.resolved;
}

/** Sums and raw percentile values of one slice over one stretch of time. */
class ExactAccumulator implements KpiSums {
  opened = 0;
  escalated = 0;
  slaTarget = 0;
  slaMet = 0;
  resolved = 0;
  reopened = 0;
  recontacted = 0;
  fcr = 0;
  backlog = 0;
  workedSeconds = 0;
  workedByTeam = new Map<string, number>();
  csatN = 0;
  csatGood = 0;
  npsN = 0;
  npsPromoters = 0;
  npsDetractors = 0;
  cesN = 0;
  cesSum = 0;
  readonly frMinutes: number[] = [];
  readonly resolutionHours: number[] = [];
  readonly workedCaseIds = new Set<string>();
  /** Whether anything of the period (beyond a backlog carried in) landed here. */
  active = false;

  get workedCases(): number {
    return this.workedCaseIds.size;
  }

  add(contribution: Contribution, caseId: string): void {
    this.active = true;
    const { value } = contribution;
    switch (contribution.field) {
      case "opened":
        this.opened += value;
        break;
      case "frMinutes":
        this.frMinutes.push(value);
        break;
      case "escalated":
        this.escalated += value;
        break;
      case "slaTarget":
        this.slaTarget += value;
        break;
      case "slaMet":
        this.slaMet += value;
        break;
      case "resolved":
        this.resolved += value;
        break;
      case "resolutionHours":
        this.resolutionHours.push(value);
        break;
      case "reopened":
        this.reopened += value;
        break;
      case "recontacted":
        this.recontacted += value;
        break;
      case "fcr":
        this.fcr += value;
        break;
      case "backlogDelta":
        this.backlog += value;
        break;
      case "workedSeconds": {
        this.workedSeconds += value;
        this.workedCaseIds.add(caseId);
        const team = contribution.team ?? contribution.dims.team;
        this.workedByTeam.set(team, (this.workedByTeam.get(team) ?? 0) + value);
        break;
      }
      case "workFirst":
        // Distinct worked cases are counted by id here; workFirst serves the roll-ups.
        break;
      case "csat":
        this.csatN += 1;
        if (value >= 4) this.csatGood += 1;
        break;
      case "nps":
        this.npsN += 1;
        if (value >= 9) this.npsPromoters += 1;
        else if (value <= 6) this.npsDetractors += 1;
        break;
      case "ces":
        this.cesN += 1;
        this.cesSum += value;
        break;
      default: {
        const exhaustive: never = contribution.field;
        throw new Error(`kpi-exact: unhandled field ${String(exhaustive)}`);
      }
    }
  }

  /** A case opened here, unanswered, whose first-response due time passed before `asOf`. */
  addMissedUnanswered(): void {
    this.active = true;
    this.slaTarget += 1;
  }

  values(hourlyCosts: ReadonlyMap<string, number | null>): KpiValues {
    const frSorted = Float64Array.from(this.frMinutes).sort();
    const resolutionSorted = Float64Array.from(this.resolutionHours).sort();
    return kpiValuesOf(
      this,
      {
        firstResponseMedianMinutes: quantileOfSorted(frSorted, 0.5),
        firstResponseP90Minutes: quantileOfSorted(frSorted, 0.9),
        resolutionMedianHours: quantileOfSorted(resolutionSorted, 0.5),
      },
      hourlyCosts,
    );
  }
}

export interface ExactOptions {
  /** Every team's hourly cost (costPerCase); a team missing here has none. */
  hourlyCosts?: ReadonlyMap<string, number | null>;
  /** Only contributions whose slice values pass count (an actor's scope). */
  accept?: (dims: Readonly<Record<SliceDimension, string>>) => boolean;
}

const NO_COSTS: ReadonlyMap<string, number | null> = new Map();

/** A contribution counted by a query: its slice values match the filter and the scope. */
function matcher(query: KpiQuery, options: ExactOptions) {
  const filter = Object.entries(query.filter ?? {}) as [SliceDimension, string | undefined][];
  const accept = options.accept;
  return (dims: Record<SliceDimension, string>) =>
    filter.every(([dimension, value]) => value === undefined || dims[dimension] === value) &&
    (accept === undefined || accept(dims));
}

/** What a case adds at its opening when it is unanswered past its first-response due time. */
function missedUnanswered(facts: CaseFacts, asOf: number): Record<SliceDimension, string> | null {
  const due = facts.firstResponseDueAt;
  if (facts.firstResponseAt !== null || due === null || !(due < asOf)) return null;
  return dimsOf(facts, facts.openedTeam, null);
}

/**
 * Every KPI over [query.from, query.to) from the facts of the cases that can count in it: one
 * row per value of `query.by` that has anything in the period (sorted by key), or one row `all`
 * (an empty period gives counts 0, the backlog as it stands, and null elsewhere).
 *
 * @example
 * computeKpis(facts, { from: Date.parse("2026-03-01Z"), to: Date.parse("2026-03-08Z"), by: "team" }, now)
 * // [{ key: "billing", casesOpened: 12, … }, { key: "tech", casesOpened: 7, … }]
 */
export function computeKpis(
  facts: readonly CaseFacts[],
  query: KpiQuery,
  asOf: number,
  options: ExactOptions = {},
): ScorecardRow[] {
  const { from, to } = query;
  const matches = matcher(query, options);
  const rows = new Map<string, ExactAccumulator>();
  const rowOf = (dims: Record<SliceDimension, string>) => {
    const key = query.by === undefined ? "all" : dims[query.by];
    let row = rows.get(key);
    if (row === undefined) {
      row = new ExactAccumulator();
      rows.set(key, row);
    }
    return row;
  };
  for (const item of facts) {
    for (const contribution of contributionsOf(item)) {
      const { at, dims } = contribution;
      if (at >= to || !matches(dims)) continue;
      if (contribution.field === "backlogDelta") {
        rowOf(dims).backlog += contribution.value;
      } else if (at >= from) {
        rowOf(dims).add(contribution, item.caseId);
      }
    }
    if (item.openedAt >= from && item.openedAt < to) {
      const dims = missedUnanswered(item, asOf);
      if (dims !== null && matches(dims)) rowOf(dims).addMissedUnanswered();
    }
  }
  const costs = options.hourlyCosts ?? NO_COSTS;
  if (query.by === undefined) {
    const all = rows.get("all") ?? new ExactAccumulator();
    return [{ key: "all", ...all.values(costs) }];
  }
  return [...rows]
    .filter(([, row]) => row.active || row.backlog !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, row]) => ({ key, ...row.values(costs) }));
}

/**
 * The chosen KPIs per time bucket over [query.from, query.to): one series per value of
 * `query.by` with anything in the period (or one series `all`), every bucket present. Each
 * bucket's values are those of a scorecard over the bucket clipped to the period; its backlog
 * is the backlog at the bucket's end.
 */
export function computeKpiSeries(
  facts: readonly CaseFacts[],
  query: SeriesQuery,
  asOf: number,
  options: ExactOptions = {},
): Series[] {
  const buckets = seriesBuckets(query.from, query.to, query.bucket);
  const starts = buckets.map((bucket) => bucket.from);
  const matches = matcher(query, options);
  interface KeyedSeries {
    /** Backlog carried in from before the period. */
    carried: number;
    buckets: ExactAccumulator[];
  }
  const series = new Map<string, KeyedSeries>();
  const seriesOf = (dims: Record<SliceDimension, string>) => {
    const key = query.by === undefined ? "all" : dims[query.by];
    let found = series.get(key);
    if (found === undefined) {
      found = { carried: 0, buckets: buckets.map(() => new ExactAccumulator()) };
      series.set(key, found);
    }
    return found;
  };
  const bucketIndex = (at: number) => bucketIndexOf(starts, at);
  for (const item of facts) {
    for (const contribution of contributionsOf(item)) {
      const { at, dims } = contribution;
      if (at >= query.to || !matches(dims)) continue;
      const index = at < query.from ? -1 : bucketIndex(at);
      const target = seriesOf(dims);
      if (contribution.field === "backlogDelta") {
        if (index < 0) target.carried += contribution.value;
        else (target.buckets[index] as ExactAccumulator).backlog += contribution.value;
      } else if (index >= 0) {
        (target.buckets[index] as ExactAccumulator).add(contribution, item.caseId);
      }
    }
    if (item.openedAt >= query.from && item.openedAt < query.to) {
      const dims = missedUnanswered(item, asOf);
      if (dims !== null && matches(dims)) {
        const index = bucketIndex(item.openedAt);
        (seriesOf(dims).buckets[index] as ExactAccumulator).addMissedUnanswered();
      }
    }
  }
  if (query.by === undefined && !series.has("all")) {
    series.set("all", { carried: 0, buckets: buckets.map(() => new ExactAccumulator()) });
  }
  const costs = options.hourlyCosts ?? NO_COSTS;
  const metrics: readonly KpiName[] = query.metrics;
  const result: Series[] = [];
  for (const [key, keyed] of [...series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const anything =
      keyed.carried !== 0 || keyed.buckets.some((bucket) => bucket.active || bucket.backlog !== 0);
    if (query.by !== undefined && !anything) continue;
    let backlog = keyed.carried;
    const points = buckets.map((bucket, index) => {
      const accumulator = keyed.buckets[index] as ExactAccumulator;
      backlog += accumulator.backlog;
      accumulator.backlog = backlog;
      const all = accumulator.values(costs);
      const values: Partial<KpiValues> = {};
      for (const metric of metrics) values[metric] = all[metric];
      return { at: bucket.at, values };
    });
    result.push({ key, points });
  }
  return result;
}

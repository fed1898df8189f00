import type { CaseFacts, Contribution, RollupField } from "./case-facts.js";
import { SLICE_DIMENSIONS, type SliceDimension } from "./kpi.js";
import { bucketStart, ROLLUP_GRAINS, type RollupGrain } from "./period-plan.js";
import { isEmptyHistogramJson, LogHistogram } from "./sketch.js";

/**
 * What a case adds to the roll-ups, and the sums a roll-up row (or a whole period) holds. Pure.
 *
 * A case's `RollupEntry`s are H1's contributions (case-facts.ts, `contributionsOf`) plus two kinds
 * the roll-ups need beyond them:
 * - `workFirst` per slice value: the first `case.worked` of the case *for each value* of each
 *   dimension (a case worked by agent A and later by agent B is first worked by B at B's first
 *   work), so that "distinct cases worked in the period" is exact per slice as well (see
 *   rollup-query.ts). The contributions' own case-wide `workFirst` is replaced by these.
 * - `workedCase` per bucket: the first `case.worked` of the case for each slice value within each
 *   hour, day and month, so a roll-up row also knows how many distinct cases were worked in its
 *   bucket (series of aligned buckets read it directly).
 * - `slaUnanswered`: the case is unanswered now and has a first-response target; at query time
 *   those not yet due at `asOf` are taken back out (metric_sla_pending).
 */

/** The dimensions of roll-up rows: `all` first, then the slice dimensions. */
export const ROW_DIMENSIONS = ["all", ...SLICE_DIMENSIONS] as const;

/** The additive counters of a roll-up row, in column order (rollup.table.ts). */
export const COUNTER_COLUMNS = [
  "opened",
  "fr_n",
  "escalated",
  "sla_target",
  "sla_met",
  "sla_unanswered",
  "resolved",
  "res_n",
  "reopened",
  "recontacted",
  "fcr",
  "backlog_delta",
  "worked_seconds",
  "work_first",
  "worked_cases",
  "csat_n",
  "csat_good",
  "nps_n",
  "nps_promoters",
  "nps_detractors",
  "ces_n",
  "ces_sum",
] as const;
export type CounterColumn = (typeof COUNTER_COLUMNS)[number];

const COLUMN_INDEX = Object.fromEntries(COUNTER_COLUMNS.map((name, index) => [name, index])) as {
  [Column in CounterColumn]: number;
};
const C = COLUMN_INDEX;

export type RollupEntryField = RollupField | "slaUnanswered" | "workedCase";

export interface RollupEntry {
  at: number;
  /** Slice values in SLICE_DIMENSIONS order. */
  dims: readonly string[];
  field: RollupEntryField;
  value: number;
  /** workedSeconds: the team whose hourly cost prices them. */
  team?: string;
  /**
   * workFirst only: bit i set when this work is the case's first for the row dimension
   * ROW_DIMENSIONS[i] (bit 0: `all`).
   */
  mask?: number;
  /**
   * workedCase only: per grain (ROLLUP_GRAINS order), the row dimensions for which this work is
   * the case's first in its bucket of that grain.
   */
  grainMasks?: readonly [number, number, number];
}

/** The slice values of a contribution in SLICE_DIMENSIONS order. */
function dimValuesOf(dims: Record<SliceDimension, string>): string[] {
  return SLICE_DIMENSIONS.map((dimension) => dims[dimension]);
}

/** The key of a row dimension in an entry's slice values (`all` for the `all` row). */
export function keyOf(dims: readonly string[], rowDimension: number): string {
  return rowDimension === 0 ? "all" : (dims[rowDimension - 1] ?? "");
}

/** The worked instants of a case with their slice values, in time order. */
export interface WorkedInstant {
  at: number;
  dims: readonly string[];
}

/**
 * The roll-up entries of a case, from its facts and contributions (`contributionsOf(facts)`);
 * `perBucket: false` leaves out the `workedCase` entries, which only stored rows use.
 */
export function rollupEntriesOf(
  facts: CaseFacts,
  contributions: readonly Contribution[],
  options: { perBucket?: boolean } = {},
): RollupEntry[] {
  const entries: RollupEntry[] = [];
  let openingDims: readonly string[] | null = null;
  for (const contribution of contributions) {
    if (contribution.field === "workFirst") continue;
    const dims = dimValuesOf(contribution.dims);
    if (contribution.field === "opened") openingDims = dims;
    const entry: RollupEntry = {
      at: contribution.at,
      dims,
      field: contribution.field,
      value: contribution.value,
    };
    if (contribution.team !== undefined) entry.team = contribution.team;
    entries.push(entry);
  }
  const worked = workedInstantsOf(entries);
  entries.push(...firstWorkEntries(worked));
  // Only stored rows need them; a query over raw facts counts distinct cases otherwise.
  if (options.perBucket !== false) entries.push(...workedCaseEntries(worked));
  const pending = pendingFirstResponseOf(facts, openingDims);
  if (pending !== null) {
    entries.push({ at: facts.openedAt, dims: pending.dims, field: "slaUnanswered", value: 1 });
  }
  return entries;
}

/** The worked instants among a case's entries, in time order (stable for equal instants). */
export function workedInstantsOf(entries: readonly RollupEntry[]): WorkedInstant[] {
  return entries
    .filter((entry) => entry.field === "workedSeconds")
    .map((entry) => ({ at: entry.at, dims: entry.dims }))
    .sort((a, b) => a.at - b.at);
}

/** One workFirst entry per worked instant that is the first for some row dimension's key. */
function firstWorkEntries(worked: readonly WorkedInstant[]): RollupEntry[] {
  const seen = ROW_DIMENSIONS.map(() => new Set<string>());
  const entries: RollupEntry[] = [];
  for (const work of worked) {
    let mask = 0;
    for (let dimension = 0; dimension < ROW_DIMENSIONS.length; dimension++) {
      const key = keyOf(work.dims, dimension);
      const keys = seen[dimension];
      if (keys === undefined || keys.has(key)) continue;
      keys.add(key);
      mask |= 1 << dimension;
    }
    if (mask !== 0) {
      entries.push({ at: work.at, dims: work.dims, field: "workFirst", value: 1, mask });
    }
  }
  return entries;
}

/** One workedCase entry per worked instant that is the first of its bucket for some key. */
function workedCaseEntries(worked: readonly WorkedInstant[]): RollupEntry[] {
  // Instants come in time order, so each grain's bucket only moves forward: the keys seen are
  // those of the current bucket, forgotten when the bucket changes.
  const current = [Number.NaN, Number.NaN, Number.NaN];
  const seen = ROLLUP_GRAINS.map(() => ROW_DIMENSIONS.map(() => new Set<string>()));
  const entries: RollupEntry[] = [];
  for (const work of worked) {
    const masks: [number, number, number] = [0, 0, 0];
    for (let grain = 0; grain < ROLLUP_GRAINS.length; grain++) {
      const bucket = bucketStart(ROLLUP_GRAINS[grain] as RollupGrain, work.at);
      const keysByDimension = seen[grain] as Set<string>[];
      if (bucket !== current[grain]) {
        current[grain] = bucket;
        for (const keys of keysByDimension) keys.clear();
      }
      let mask = 0;
      for (let dimension = 0; dimension < ROW_DIMENSIONS.length; dimension++) {
        const keys = keysByDimension[dimension] as Set<string>;
        const key = keyOf(work.dims, dimension);
        if (keys.has(key)) continue;
        keys.add(key);
        mask |= 1 << dimension;
      }
      masks[grain] = mask;
    }
    if (masks[0] !== 0 || masks[1] !== 0 || masks[2] !== 0) {
      entries.push({
        at: work.at,
        dims: work.dims,
        field: "workedCase",
        value: 1,
        grainMasks: masks,
      });
    }
  }
  return entries;
}

/** A case unanswered now with a first-response target, with the slice values of its opening. */
export interface PendingFirstResponse {
  openedAt: number;
  dueAt: number;
  dims: readonly string[];
}

/**
 * The case's pending first response, or null when it was answered or has no target. The slice
 * values are those of its opening (opening team; agent `unassigned`, as nobody answered).
 */
export function pendingFirstResponseOf(
  facts: CaseFacts,
  openingDims: readonly string[] | null,
): PendingFirstResponse | null {
  if (facts.firstResponseAt !== null || facts.firstResponseDueAt === null) return null;
  return { openedAt: facts.openedAt, dueAt: facts.firstResponseDueAt, dims: openingDims ?? [] };
}

function bump(counters: Float64Array, index: number, amount: number): void {
  counters[index] = (counters[index] ?? 0) + amount;
}

/**
 * The sums of a roll-up row or of a whole period of rows: counters, worked seconds by team and
 * the two histograms. `add*` with sign −1 takes a case back out.
 */
export class RollupSums {
  readonly counters = new Float64Array(COUNTER_COLUMNS.length);
  // Made on first use: most hour rows of a slice value hold no survey, no work or no histogram,
  // and a rebuild keeps hundreds of thousands of rows in memory at once.
  private teams: Map<string, number> | null = null;
  private firstResponseHistogram: LogHistogram | null = null;
  private resolutionHistogram: LogHistogram | null = null;

  get workedByTeam(): Map<string, number> {
    this.teams ??= new Map();
    return this.teams;
  }

  get firstResponse(): LogHistogram {
    this.firstResponseHistogram ??= new LogHistogram();
    return this.firstResponseHistogram;
  }

  get resolution(): LogHistogram {
    this.resolutionHistogram ??= new LogHistogram();
    return this.resolutionHistogram;
  }

  get(column: CounterColumn): number {
    return this.counters[C[column]] ?? 0;
  }

  addEntry(entry: RollupEntry, sign: number): void {
    const counters = this.counters;
    const value = entry.value;
    switch (entry.field) {
      case "opened":
        bump(counters, C.opened, sign * value);
        return;
      case "frMinutes":
        bump(counters, C.fr_n, sign);
        this.firstResponse.add(value, sign);
        return;
      case "escalated":
        bump(counters, C.escalated, sign * value);
        return;
      case "slaTarget":
        bump(counters, C.sla_target, sign * value);
        return;
      case "slaMet":
        bump(counters, C.sla_met, sign * value);
        return;
      case "slaUnanswered":
        bump(counters, C.sla_unanswered, sign * value);
        return;
      case "resolved":
        bump(counters, C.resolved, sign * value);
        return;
      case "resolutionHours":
        bump(counters, C.res_n, sign);
        this.resolution.add(value, sign);
        return;
      case "reopened":
        bump(counters, C.reopened, sign * value);
        return;
      case "recontacted":
        bump(counters, C.recontacted, sign * value);
        return;
      case "fcr":
        bump(counters, C.fcr, sign * value);
        return;
      case "backlogDelta":
        bump(counters, C.backlog_delta, sign * value);
        return;
      case "workedSeconds": {
        bump(counters, C.worked_seconds, sign * value);
        const team = entry.team ?? "";
        const teams = this.workedByTeam;
        const next = (teams.get(team) ?? 0) + sign * value;
        if (next === 0) teams.delete(team);
        else teams.set(team, next);
        return;
      }
      case "workFirst":
        bump(counters, C.work_first, sign * value);
        return;
      case "workedCase":
        bump(counters, C.worked_cases, sign * value);
        return;
      case "csat":
        bump(counters, C.csat_n, sign);
        if (value >= 4) bump(counters, C.csat_good, sign);
        return;
      case "nps":
        bump(counters, C.nps_n, sign);
        if (value >= 9) bump(counters, C.nps_promoters, sign);
        else if (value <= 6) bump(counters, C.nps_detractors, sign);
        return;
      case "ces":
        bump(counters, C.ces_n, sign);
        bump(counters, C.ces_sum, sign * value);
        return;
    }
  }

  /** Adds a stored row (its counters in COUNTER_COLUMNS order and its JSON columns). */
  addStored(
    counters: ArrayLike<number> | null,
    workedByTeam: string | null,
    firstResponse: string | null,
    resolution: string | null,
  ): void {
    if (counters !== null) {
      for (let index = 0; index < COUNTER_COLUMNS.length; index++) {
        this.counters[index] = (this.counters[index] ?? 0) + Number(counters[index] ?? 0);
      }
    }
    if (workedByTeam !== null && workedByTeam !== "{}") {
      const parsed = JSON.parse(workedByTeam) as Record<string, number>;
      const teams = this.workedByTeam;
      for (const team in parsed) {
        const next = (teams.get(team) ?? 0) + (parsed[team] ?? 0);
        if (next === 0) teams.delete(team);
        else teams.set(team, next);
      }
    }
    if (!isEmptyHistogramJson(firstResponse)) this.firstResponse.mergeJson(firstResponse);
    if (!isEmptyHistogramJson(resolution)) this.resolution.mergeJson(resolution);
  }

  add(other: RollupSums): void {
    for (let index = 0; index < COUNTER_COLUMNS.length; index++) {
      this.counters[index] = (this.counters[index] ?? 0) + (other.counters[index] ?? 0);
    }
    if (other.teams !== null && other.teams.size > 0) {
      const teams = this.workedByTeam;
      for (const [team, seconds] of other.teams) {
        const next = (teams.get(team) ?? 0) + seconds;
        if (next === 0) teams.delete(team);
        else teams.set(team, next);
      }
    }
    if (other.firstResponseHistogram !== null && !other.firstResponseHistogram.isEmpty()) {
      this.firstResponse.merge(other.firstResponseHistogram);
    }
    if (other.resolutionHistogram !== null && !other.resolutionHistogram.isEmpty()) {
      this.resolution.merge(other.resolutionHistogram);
    }
  }

  /** True when the row holds nothing (it is then deleted rather than kept as zeros). */
  isEmpty(): boolean {
    for (const value of this.counters) if (value !== 0) return false;
    return (
      (this.teams === null || this.teams.size === 0) &&
      (this.firstResponseHistogram === null || this.firstResponseHistogram.isEmpty()) &&
      (this.resolutionHistogram === null || this.resolutionHistogram.isEmpty())
    );
  }

  hasWorkedByTeam(): boolean {
    return this.teams !== null && this.teams.size > 0;
  }

  hasFirstResponse(): boolean {
    return this.firstResponseHistogram !== null && !this.firstResponseHistogram.isEmpty();
  }

  hasResolution(): boolean {
    return this.resolutionHistogram !== null && !this.resolutionHistogram.isEmpty();
  }

  workedByTeamJson(): string {
    return this.teams === null ? "{}" : JSON.stringify(Object.fromEntries(this.teams));
  }

  /** A stored `worked_by_team` with these sums' seconds added (teams at zero dropped). */
  workedByTeamAddedTo(stored: string | null): string {
    if (!this.hasWorkedByTeam()) return stored ?? "{}";
    const merged =
      stored === null || stored === "{}" ? {} : (JSON.parse(stored) as Record<string, number>);
    for (const [team, seconds] of this.teams ?? []) {
      const next = (merged[team] ?? 0) + seconds;
      if (next === 0) delete merged[team];
      else merged[team] = next;
    }
    return JSON.stringify(merged);
  }

  firstResponseJson(): string {
    return this.firstResponseHistogram === null ? "[]" : this.firstResponseHistogram.toJson();
  }

  resolutionJson(): string {
    return this.resolutionHistogram === null ? "[]" : this.resolutionHistogram.toJson();
  }
}

import type { Kysely } from "kysely";
import { requirePermission, type Scope, scopeCovers } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { parseInstant } from "../events/event-validation.js";
import { type CaseFacts, contributionsOf, slaFirstResponseOutcome } from "./case-facts.js";
import {
  isKpiName,
  KPI_CATALOGUE,
  type KpiDefinition,
  type KpiName,
  type KpiQuery,
  type ScorecardRow,
  type Series,
  type SeriesQuery,
  SLICE_DIMENSIONS,
  type SliceDimension,
  type TimeBucket,
  UNASSIGNED,
} from "./kpi.js";
import { countSeriesBuckets } from "./kpi-buckets.js";
import { computeKpiSeries, computeKpis, type ExactOptions } from "./kpi-exact.js";
import { findTeamHourlyCosts, listFactsForPeriod } from "./metric-facts.repository.js";
import {
  computeScorecardFromRollups,
  computeSeriesFromRollups,
  rollupSliceOf,
} from "./rollup-planner.js";

/**
 * The metrics use cases: scorecards, series, the KPI catalogue, handoff flows and the cases
 * behind a KPI value. Every query is checked (period, limits) and answered over the cases' facts
 * by the exact engine (kpi-exact.ts). The roll-up planner answers large periods from
 * metric_rollups behind `answerScorecard` / `answerSeries`, with the same results.
 */

const DAY_MS = 86_400_000;
export const DEFAULT_METRICS_MAX_PERIOD_DAYS = 400;
/** The most buckets a series may have. */
export const MAX_SERIES_BUCKETS = 2_000;

export interface MetricsOptions {
  /** Who asks: reads count only what lies in their `metrics:read` scope. Absent: the system. */
  actor?: Actor;
  /** The longest period, in days (config `metricsMaxPeriodDays`). */
  maxPeriodDays?: number;
  /** The clock, for the default `asOf`. */
  now?: number;
  /**
   * How a parameter is named in errors: `querystring.` for the API (the default), `--` for the
   * command line.
   */
  fieldPrefix?: string;
}

export interface Scorecard {
  from: number;
  to: number;
  by: SliceDimension | undefined;
  asOf: number;
  rows: ScorecardRow[];
}

export interface SeriesResult {
  bucket: TimeBucket;
  from: number;
  to: number;
  asOf: number;
  series: Series[];
}

// ───────────────────────────── query parsing ─────────────────────────────

/** A metrics query as the API and the CLI receive it: instants as ISO-8601 text. */
export interface RawKpiQuery {
  from: string;
  to: string;
  asOf?: string | undefined;
  by?: SliceDimension | undefined;
  filter?: Partial<Record<SliceDimension, string | undefined>>;
}

function field(options: MetricsOptions, name: string): string {
  return `${options.fieldPrefix ?? "querystring."}${name}`;
}

function parseInstantParameter(value: string, name: string, options: MetricsOptions): number {
  const ms = parseInstant(value);
  if (ms === null) {
    const named = field(options, name);
    throw new AppError("request.invalid", {
      message: `${named} must be an ISO-8601 date-time with an offset or Z (e.g. 2026-03-02T00:00:00Z), got "${value}"`,
      field: named,
    });
  }
  return ms;
}

/** The slice filters of a query string: every dimension given a value. */
export function sliceFilterOf(
  query: Partial<Record<SliceDimension, string | undefined>>,
): Partial<Record<SliceDimension, string>> {
  const filter: Partial<Record<SliceDimension, string>> = {};
  for (const dimension of SLICE_DIMENSIONS) {
    const value = query[dimension];
    if (value !== undefined) filter[dimension] = value;
  }
  return filter;
}

/**
 * A query from text: ISO-8601 instants, `from` not after `to`, a period no longer than the
 * maximum. Errors name the parameter (`querystring.from`; `--from` on the command line).
 */
export function parseKpiQuery(raw: RawKpiQuery, options: MetricsOptions = {}): KpiQuery {
  const from = parseInstantParameter(raw.from, "from", options);
  const to = parseInstantParameter(raw.to, "to", options);
  const query: KpiQuery = { from, to, filter: sliceFilterOf(raw.filter ?? {}) };
  if (raw.by !== undefined) query.by = raw.by;
  if (raw.asOf !== undefined) query.asOf = parseInstantParameter(raw.asOf, "asOf", options);
  checkPeriod(query, options);
  return query;
}

/** The KPI names of a comma-separated list; an unknown name answers 400 naming the parameter. */
export function parseKpiNames(text: string, options: MetricsOptions = {}): KpiName[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const named = field(options, "metrics");
  if (names.length === 0) {
    throw new AppError("request.invalid", { message: `${named} names no KPI`, field: named });
  }
  for (const name of names) {
    if (!isKpiName(name)) {
      throw new AppError("request.invalid", {
        message: `${named}: unknown KPI "${name}" (known: ${KPI_CATALOGUE.map((kpi) => kpi.name).join(", ")})`,
        field: named,
      });
    }
  }
  return [...new Set(names)] as KpiName[];
}

/** Checks a period: `from` not after `to`, no longer than the maximum. */
export function checkPeriod(query: KpiQuery, options: MetricsOptions = {}): void {
  for (const [name, value] of [
    ["from", query.from],
    ["to", query.to],
  ] as const) {
    if (!Number.isFinite(value)) {
      const named = field(options, name);
      throw new AppError("request.invalid", {
        message: `${named} is not an instant`,
        field: named,
      });
    }
  }
  if (query.from > query.to) {
    const named = field(options, "from");
    throw new AppError("request.invalid", {
      message: `${named} is after ${field(options, "to")}`,
      field: named,
    });
  }
  const maxDays = options.maxPeriodDays ?? DEFAULT_METRICS_MAX_PERIOD_DAYS;
  if (query.to - query.from > maxDays * DAY_MS) {
    const named = field(options, "to");
    throw new AppError("metrics.period_too_long", {
      message: `the period spans more than ${maxDays} days (${field(options, "from")} to ${named})`,
      field: named,
    });
  }
}

function checkSeries(query: SeriesQuery, options: MetricsOptions): void {
  checkPeriod(query, options);
  const buckets = countSeriesBuckets(query.from, query.to, query.bucket);
  if (buckets > MAX_SERIES_BUCKETS) {
    const named = field(options, "bucket");
    throw new AppError("metrics.period_too_long", {
      message: `the series would have ${buckets} ${query.bucket} buckets; at most ${MAX_SERIES_BUCKETS}`,
      field: named,
    });
  }
  if (query.metrics.length === 0 || !query.metrics.every(isKpiName)) {
    const named = field(options, "metrics");
    throw new AppError("request.invalid", { message: `${named} names no KPI`, field: named });
  }
}

// ───────────────────────────── scope ─────────────────────────────

/** The actor's `metrics:read` scope as a test on slice values; undefined when it covers all. */
function acceptOf(options: MetricsOptions): ExactOptions["accept"] {
  if (options.actor === undefined) return undefined;
  const scope: Scope = requirePermission(options.actor, "metrics:read");
  if (scope.all) return undefined;
  return (dims) => scopeCovers(scope, { teamId: dims.team, region: dims.region });
}

// ───────────────────────────── scorecards and series ─────────────────────────────

/**
 * Every KPI over the period, one row per value of `query.by` (or one row `all`).
 *
 * @example
 * await computeScorecard(db, { from: Date.parse("2026-03-01Z"), to: Date.parse("2026-04-01Z"), by: "channel" })
 * // { from, to, by: "channel", asOf, rows: [{ key: "chat", casesOpened: 412, … }, …] }
 */
export async function computeScorecard(
  db: Kysely<DB>,
  query: KpiQuery,
  options: MetricsOptions = {},
): Promise<Scorecard> {
  checkPeriod(query, options);
  const accept = acceptOf(options);
  const asOf = query.asOf ?? options.now ?? Date.now();
  const rows = await answerScorecard(db, query, asOf, accept);
  return { from: query.from, to: query.to, by: query.by, asOf, rows };
}

/** The chosen KPIs per time bucket, one series per value of `query.by` (or one `all`). */
export async function computeSeries(
  db: Kysely<DB>,
  query: SeriesQuery,
  options: MetricsOptions = {},
): Promise<SeriesResult> {
  checkSeries(query, options);
  const accept = acceptOf(options);
  const asOf = query.asOf ?? options.now ?? Date.now();
  const series = await answerSeries(db, query, asOf, accept);
  return { bucket: query.bucket, from: query.from, to: query.to, asOf, series };
}

/**
 * Where a scorecard is computed. The exact path reads the facts of the cases that can count in
 * the period; the roll-up planner (rollup-planner.ts) takes over for periods of a day or more
 * when the roll-ups can answer the query: no scope narrowing the actor's view, at most one slice
 * filter (and `by` on that same dimension). Both give the same values (rollup-planner.test.ts).
 */
async function answerScorecard(
  db: Kysely<DB>,
  query: KpiQuery,
  asOf: number,
  accept: ExactOptions["accept"],
): Promise<ScorecardRow[]> {
  if (usesRollups(query, accept)) return computeScorecardFromRollups(db, query, asOf);
  return computeScorecardExact(db, query, asOf, accept);
}

async function answerSeries(
  db: Kysely<DB>,
  query: SeriesQuery,
  asOf: number,
  accept: ExactOptions["accept"],
): Promise<Series[]> {
  if (usesRollups(query, accept)) return computeSeriesFromRollups(db, query, asOf);
  return computeSeriesExact(db, query, asOf, accept);
}

/** Periods at least this long are read from the roll-ups when they can answer. */
const ROLLUP_MIN_PERIOD_MS = DAY_MS;

function usesRollups(query: KpiQuery, accept: ExactOptions["accept"]): boolean {
  return (
    accept === undefined &&
    query.to - query.from >= ROLLUP_MIN_PERIOD_MS &&
    rollupSliceOf(query) !== null
  );
}

/** The scorecard by the exact engine over the period's facts. */
export async function computeScorecardExact(
  db: Kysely<DB>,
  query: KpiQuery,
  asOf: number,
  accept?: ExactOptions["accept"],
): Promise<ScorecardRow[]> {
  const [facts, hourlyCosts] = await Promise.all([
    listFactsForPeriod(db, periodOf(query)),
    findTeamHourlyCosts(db),
  ]);
  return computeKpis(facts, query, asOf, { hourlyCosts, ...(accept ? { accept } : {}) });
}

/** The series by the exact engine over the period's facts. */
export async function computeSeriesExact(
  db: Kysely<DB>,
  query: SeriesQuery,
  asOf: number,
  accept?: ExactOptions["accept"],
): Promise<Series[]> {
  const [facts, hourlyCosts] = await Promise.all([
    listFactsForPeriod(db, periodOf(query)),
    findTeamHourlyCosts(db),
  ]);
  return computeKpiSeries(facts, query, asOf, { hourlyCosts, ...(accept ? { accept } : {}) });
}

function periodOf(query: KpiQuery) {
  return {
    from: query.from,
    to: query.to,
    ...(query.filter === undefined ? {} : { filter: query.filter }),
  };
}

/** The KPI catalogue: names, units, definitions and which way is better. */
export function kpiCatalogue(actor?: Actor): readonly KpiDefinition[] {
  if (actor !== undefined) requirePermission(actor, "metrics:read");
  return KPI_CATALOGUE;
}

// ───────────────────────────── handoff flows ─────────────────────────────

export interface HandoffFlows {
  from: number;
  to: number;
  flows: { from: string; to: string; count: number }[];
}

/**
 * Team-to-team handoffs in the period, most first (the Sankey of the dashboards). A `team`
 * filter keeps the handoffs from or to that team; the other filters are the cases' slices.
 */
export async function listHandoffFlows(
  db: Kysely<DB>,
  query: KpiQuery,
  options: MetricsOptions = {},
): Promise<HandoffFlows> {
  checkPeriod(query, options);
  const accept = acceptOf(options);
  const { team, agent: _agent, ...caseFilter } = query.filter ?? {};
  const facts = await listFactsForPeriod(db, {
    from: query.from,
    to: query.to,
    filter: caseFilter,
  });
  const counts = new Map<string, { from: string; to: string; count: number }>();
  for (const item of facts) {
    for (const handoff of item.handoffs) {
      if (handoff.at < query.from || handoff.at >= query.to) continue;
      if (team !== undefined && handoff.from !== team && handoff.to !== team) continue;
      if (accept !== undefined) {
        const base = { ...contributionDims(item), agent: UNASSIGNED };
        if (!accept({ ...base, team: handoff.from }) && !accept({ ...base, team: handoff.to })) {
          continue;
        }
      }
      const key = `${handoff.from}\u0000${handoff.to}`;
      const flow = counts.get(key) ?? { from: handoff.from, to: handoff.to, count: 0 };
      flow.count += 1;
      counts.set(key, flow);
    }
  }
  const flows = [...counts.values()].sort(
    (a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
  return { from: query.from, to: query.to, flows };
}

function contributionDims(item: CaseFacts): Record<SliceDimension, string> {
  return {
    team: item.openedTeam,
    channel: item.channel,
    category: item.category,
    categoryTop: item.categoryTop,
    region: item.region,
    tier: item.tier,
    segment: item.segment,
    agent: UNASSIGNED,
  };
}

// ───────────────────────────── the cases behind a KPI ─────────────────────────────

export interface KpiCase {
  caseId: string;
  /** The counted instant: opening, first resolution, work, answer; for backlog, when it entered. */
  at: number;
  team: string;
  agent: string;
  /** minutes, hours or score; 1/0 for a rate's numerator; null for counts. */
  value: number | null;
}

export interface KpiCasesPage {
  metric: KpiName;
  from: number;
  to: number;
  items: KpiCase[];
  nextCursor: string | null;
}

/**
 * The cases behind a KPI value over the period and slice: for casesOpened, escalationRate and the
 * first-response KPIs the cases opened (with a first response, for those); for the resolution
 * KPIs, reopen, recontact, FCR and cost per case the cases first resolved; for SLA attainment the
 * cases with a known outcome (value 1 met, 0 missed); for AHT the cases worked (value: minutes
 * worked in the period); for csat, nps and ces the answers (value: the score); for backlog the
 * cases in the backlog at the end. In the order of the counted instants, then case id.
 */
export async function listKpiCases(
  db: Kysely<DB>,
  query: KpiQuery & { metric: KpiName; limit: number; cursor?: string | undefined },
  options: MetricsOptions = {},
): Promise<KpiCasesPage> {
  checkPeriod(query, options);
  const accept = acceptOf(options);
  const asOf = query.asOf ?? options.now ?? Date.now();
  const facts = await listFactsForPeriod(db, periodOf(query));
  const filter = Object.entries(query.filter ?? {}) as [SliceDimension, string | undefined][];
  const matches = (dims: Record<SliceDimension, string>) =>
    filter.every(([dimension, value]) => value === undefined || dims[dimension] === value) &&
    (accept === undefined || accept(dims));
  const items: KpiCase[] = [];
  for (const item of facts) items.push(...casesBehind(item, query, asOf, matches));
  items.sort((a, b) => a.at - b.at || compareText(a.caseId, b.caseId));
  // A case may count several times at one instant (two answers): the ordinal tells them apart.
  const keyed = items.map((item) => ({ item, ordinal: 0 }));
  for (const [index, entry] of keyed.entries()) {
    const before = keyed[index - 1];
    if (before && before.item.at === entry.item.at && before.item.caseId === entry.item.caseId) {
      entry.ordinal = before.ordinal + 1;
    }
  }
  let start = 0;
  if (query.cursor !== undefined) {
    const [at, caseId, ordinal] = decodeCursor(query.cursor, ["number", "string", "number"]);
    const after = keyed.findIndex(
      ({ item, ordinal: itemOrdinal }) =>
        item.at > at ||
        (item.at === at &&
          (compareText(item.caseId, caseId) > 0 ||
            (item.caseId === caseId && itemOrdinal > ordinal))),
    );
    start = after === -1 ? keyed.length : after;
  }
  const page = keyed.slice(start, start + query.limit);
  const last = page.at(-1);
  const nextCursor =
    last !== undefined && start + page.length < keyed.length
      ? encodeCursor([last.item.at, last.item.caseId, last.ordinal])
      : null;
  return {
    metric: query.metric,
    from: query.from,
    to: query.to,
    items: page.map(({ item }) => item),
    nextCursor,
  };
}

function casesBehind(
  item: CaseFacts,
  query: KpiQuery & { metric: KpiName },
  asOf: number,
  matches: (dims: Record<SliceDimension, string>) => boolean,
): KpiCase[] {
  const inPeriod = (at: number) => at >= query.from && at < query.to;
  const entry = (at: number, dims: Record<SliceDimension, string>, value: number | null) => ({
    caseId: item.caseId,
    at,
    team: dims.team,
    agent: dims.agent,
    value,
  });
  const contributions = contributionsOf(item).filter(
    (contribution) => matches(contribution.dims) && contribution.at < query.to,
  );
  const first = (fieldName: string) =>
    contributions.find((c) => c.field === fieldName && inPeriod(c.at));
  switch (query.metric) {
    case "casesOpened": {
      const opened = first("opened");
      return opened ? [entry(opened.at, opened.dims, null)] : [];
    }
    case "escalationRate": {
      const opened = first("opened");
      return opened ? [entry(opened.at, opened.dims, item.escalated ? 1 : 0)] : [];
    }
    case "firstResponseMedianMinutes":
    case "firstResponseP90Minutes": {
      const response = first("frMinutes");
      return response ? [entry(response.at, response.dims, response.value)] : [];
    }
    case "slaFirstResponseAttainment": {
      const opened = first("opened");
      if (!opened) return [];
      const outcome = slaFirstResponseOutcome(item, asOf);
      if (outcome !== "met" && outcome !== "missed") return [];
      return [entry(opened.at, opened.dims, outcome === "met" ? 1 : 0)];
    }
    case "casesResolved":
    case "costPerCase": {
      const resolved = first("resolved");
      return resolved ? [entry(resolved.at, resolved.dims, null)] : [];
    }
    case "resolutionMedianHours": {
      const hours = first("resolutionHours");
      return hours ? [entry(hours.at, hours.dims, hours.value)] : [];
    }
    case "reopenRate":
    case "recontactRate":
    case "fcrRate": {
      const resolved = first("resolved");
      if (!resolved) return [];
      const numerator =
        query.metric === "reopenRate"
          ? "reopened"
          : query.metric === "recontactRate"
            ? "recontacted"
            : "fcr";
      const counted = contributions.some((c) => c.field === numerator && inPeriod(c.at));
      return [entry(resolved.at, resolved.dims, counted ? 1 : 0)];
    }
    case "backlog": {
      // In the backlog at the end of the period: a spell begun before `to` and not ended by then.
      const spell = item.backlog.find(
        (candidate) =>
          candidate.from < query.to && (candidate.until === null || candidate.until >= query.to),
      );
      if (spell === undefined) return [];
      const dims = contributions.find(
        (c) => c.field === "backlogDelta" && c.value === 1 && c.at === spell.from,
      )?.dims;
      return dims ? [entry(spell.from, dims, null)] : [];
    }
    case "ahtMinutes": {
      // One entry per slice the case was worked in (a case worked by two agents counts for both).
      const bySlice = new Map<
        string,
        { at: number; dims: Record<SliceDimension, string>; seconds: number }
      >();
      for (const c of contributions) {
        if (c.field !== "workedSeconds" || !inPeriod(c.at)) continue;
        const key = `${c.dims.team}\u0000${c.dims.agent}`;
        const found = bySlice.get(key);
        if (found) found.seconds += c.value;
        else bySlice.set(key, { at: c.at, dims: c.dims, seconds: c.value });
      }
      return [...bySlice.values()].map((slice) => entry(slice.at, slice.dims, slice.seconds / 60));
    }
    case "csat":
    case "nps":
    case "ces":
      return contributions
        .filter((c) => c.field === query.metric && inPeriod(c.at))
        .map((c) => entry(c.at, c.dims, c.value));
    default: {
      const exhaustive: never = query.metric;
      throw new Error(`listKpiCases: unhandled ${String(exhaustive)}`);
    }
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { type CaseFacts, contributionsOf } from "./case-facts.js";
import { deleteRowsOfCases } from "./metric-facts.repository.js";
import { bucketStart, DAY_MS, HOUR_MS, nextBucketStart, type RollupGrain } from "./period-plan.js";
import {
  clearRollups,
  deleteEmptyRollups,
  deleteRollups,
  findRollupData,
  incrementRollups,
  listFactsPageByOpening,
  lockRollups,
  type PendingRow,
  type RollupRowData,
  type RollupWrite,
  type StoredRollup,
  toRollupWrite,
  upsertPending,
  upsertRollups,
  upsertWorkSpans,
  type WorkSpan,
} from "./rollup.repository.js";
import {
  COUNTER_COLUMNS,
  keyOf,
  pendingFirstResponseOf,
  ROW_DIMENSIONS,
  type RollupEntry,
  RollupSums,
  rollupEntriesOf,
  workedInstantsOf,
} from "./rollup-sums.js";
import { addToStoredHistogram, isEmptyHistogramJson } from "./sketch.js";

/**
 * Keeping the metric roll-ups (rollup.table.ts) equal to the sums of every case's facts:
 * `applyFactChanges` in the transaction of each write that changes facts, `rebuildRollups` from
 * all facts at once. Each roll-up row of grain g, dimension d and bucket b holds the entries
 * (rollup-sums.ts) of all cases whose instant lies in b, for `all` and for each slice value.
 */

/** A case's facts before and after a write (null: none before, or none any more). */
export interface RollupFactChange {
  before: CaseFacts | null;
  after: CaseFacts | null;
}

/** The roll-up entries of some facts (`perBucket: false`: without the per-bucket ones). */
export function entriesOfFacts(
  facts: CaseFacts,
  options: { perBucket?: boolean } = {},
): RollupEntry[] {
  return rollupEntriesOf(facts, contributionsOf(facts), options);
}

/**
 * Takes `before`'s contributions out of the roll-ups and puts `after`'s in, for every change, in
 * the caller's transaction. Changes are summed per row first, so a batch of a thousand cases
 * reads and writes each touched row once; rows whose change nets to nothing are not touched, and
 * rows left empty are deleted. The worked spans and pending first responses follow `after`.
 */
export async function applyFactChanges(
  db: Kysely<DB>,
  changes: readonly RollupFactChange[],
  gathered?: GatheredRollups,
): Promise<void> {
  if (changes.length === 0) return;
  const deltas = gathered?.deltas ?? new RollupAccumulator();
  const spans: WorkSpan[] = [];
  const pending: PendingRow[] = [];
  const spanDeletes: string[] = [];
  const pendingDeletes: string[] = [];
  for (const { before, after } of changes) {
    const caseId = after?.caseId ?? before?.caseId;
    if (caseId === undefined) continue;
    const beforeEntries = before === null ? [] : entriesOfFacts(before);
    const afterEntries = after === null ? [] : entriesOfFacts(after);
    for (const [entry, sign] of changedEntries(beforeEntries, afterEntries)) {
      deltas.addEntry(entry, sign);
    }

    const beforeSpan = before === null ? null : workSpanOf(caseId, beforeEntries);
    const afterSpan = after === null ? null : workSpanOf(caseId, afterEntries);
    if (afterSpan !== null) {
      if (beforeSpan === null || !sameWorkSpan(beforeSpan, afterSpan)) spans.push(afterSpan);
    } else if (beforeSpan !== null) {
      spanDeletes.push(caseId);
    }
    const beforePending = before === null ? null : pendingRowOf(before, beforeEntries);
    const afterPending = after === null ? null : pendingRowOf(after, afterEntries);
    if (afterPending !== null) {
      if (beforePending === null || !samePending(beforePending, afterPending)) {
        pending.push(afterPending);
      }
    } else if (beforePending !== null) {
      pendingDeletes.push(caseId);
    }
  }

  if (gathered === undefined) await addToStoredRollups(db, deltas.rows());
  else await gathered.counted(changes.length);
  await deleteRowsOfCases(db, "metric_work_spans", spanDeletes);
  await upsertWorkSpans(db, spans);
  await deleteRowsOfCases(db, "metric_sla_pending", pendingDeletes);
  await upsertPending(db, pending);
}

/**
 * Fact changes gathered for many chunks of one refresh (RefreshRun): their roll-up deltas are
 * summed in memory and written together when the refresh ends, or sooner once this many cases
 * have been gathered. An import's cases share days and months, so each such row is rewritten
 * once per write instead of once per 1,000-case chunk; the bound keeps memory to the rows of
 * the buckets those cases touch. Measured on the 90-day demo (24,775 cases): 49.3 s writing
 * per chunk, 44.5 s gathering 5,000, 54.6 s and 15 % more peak memory gathering 25,000 (the
 * accumulator's hour rows outgrow what merging saves).
 */
export const CASES_PER_GATHERED_WRITE = 5_000;

export class GatheredRollups {
  readonly deltas = new RollupAccumulator();
  private cases = 0;

  constructor(private readonly db: Kysely<DB>) {}

  /** Notes that `cases` more changes were added to the deltas; writes them when enough are. */
  async counted(cases: number): Promise<void> {
    this.cases += cases;
    if (this.cases >= CASES_PER_GATHERED_WRITE) await this.finish();
  }

  /** Writes the deltas gathered so far. */
  async finish(): Promise<void> {
    this.cases = 0;
    await addToStoredRollups(this.db, this.deltas.rows());
  }
}

/**
 * The entries that differ between a case's facts before and after a write, with sign −1 for
 * before's and +1 for after's: identical entries cancel here, before they reach any row (a new
 * event usually changes a few entries of a case, not its twenty).
 */
function changedEntries(
  before: readonly RollupEntry[],
  after: readonly RollupEntry[],
): [RollupEntry, number][] {
  if (before.length === 0) return after.map((entry) => [entry, 1]);
  const unmatched = new Map<string, RollupEntry[]>();
  for (const entry of before) {
    const id = entryId(entry);
    const same = unmatched.get(id);
    if (same) same.push(entry);
    else unmatched.set(id, [entry]);
  }
  const changed: [RollupEntry, number][] = [];
  for (const entry of after) {
    const same = unmatched.get(entryId(entry));
    if (same !== undefined && same.length > 0) same.pop();
    else changed.push([entry, 1]);
  }
  for (const same of unmatched.values()) for (const entry of same) changed.push([entry, -1]);
  return changed;
}

function entryId(entry: RollupEntry): string {
  return `${entry.field}\u0000${entry.at}\u0000${entry.value}\u0000${entry.team ?? ""}\u0000${
    entry.mask ?? ""
  }\u0000${entry.grainMasks?.join(",") ?? ""}\u0000${entry.dims.join("\u0001")}`;
}

/**
 * Adds these row deltas to the stored rows: read, merged and written back under the roll-up lock;
 * deltas that net to nothing are skipped, rows left empty deleted.
 */
async function addToStoredRollups(db: Kysely<DB>, deltas: readonly StoredRollup[]): Promise<void> {
  const changed = deltas.filter((row) => !row.sums.isEmpty());
  if (changed.length === 0) return;
  await lockRollups(db);
  // Counters and worked seconds by team are added in the store, without reading the rows.
  const hasHistogram = (row: StoredRollup) =>
    row.sums.hasFirstResponse() || row.sums.hasResolution();
  const added = changed.filter((row) => !hasHistogram(row));
  await incrementRollups(
    db,
    added.map((row) => ({
      ...row,
      counters: row.sums.counters,
      workedByTeam: row.sums.workedByTeamJson(),
    })),
  );
  await deleteEmptyRollups(db, added);
  // Rows whose histograms change are read, merged and written whole.
  const withJson = changed.filter(hasHistogram);
  const stored = new Map<string, RollupRowData>();
  for (const row of await findRollupData(db, withJson)) stored.set(rowId(row), row);
  const writes: RollupWrite[] = [];
  const deletes: StoredRollup[] = [];
  for (const delta of withJson) {
    const existing = stored.get(rowId(delta));
    const sums = delta.sums;
    const counters = Float64Array.from(sums.counters);
    if (existing !== undefined) {
      for (let index = 0; index < counters.length; index++) {
        counters[index] = (counters[index] ?? 0) + (existing.counters[index] ?? 0);
      }
    }
    const write: RollupWrite = {
      grain: delta.grain,
      dim: delta.dim,
      key: delta.key,
      bucket: delta.bucket,
      counters,
      workedByTeam: sums.workedByTeamAddedTo(existing?.workedByTeam ?? null),
      firstResponse: sums.hasFirstResponse()
        ? addToStoredHistogram(existing?.firstResponse ?? null, sums.firstResponse)
        : (existing?.firstResponse ?? "[]"),
      resolution: sums.hasResolution()
        ? addToStoredHistogram(existing?.resolution ?? null, sums.resolution)
        : (existing?.resolution ?? "[]"),
    };
    if (!isEmptyWrite(write)) writes.push(write);
    else if (existing !== undefined) deletes.push(delta);
  }
  await upsertRollups(db, writes);
  await deleteRollups(db, deletes);
}

function isEmptyWrite(write: RollupWrite): boolean {
  for (let index = 0; index < write.counters.length; index++) {
    if (write.counters[index] !== 0) return false;
  }
  return (
    write.workedByTeam === "{}" &&
    isEmptyHistogramJson(write.firstResponse) &&
    isEmptyHistogramJson(write.resolution)
  );
}

/** Facts read per page by the rebuild. */
const REBUILD_PAGE = 5_000;

export interface RebuildReport {
  cases: number;
  rows: number;
}

/**
 * Rebuilds the roll-ups and their companions from every case's facts, in the caller's
 * transaction (or as autocommitted statements). The facts are read in order of opening; every
 * entry of a case lies at or after its opening, so once the reading has passed a bucket's end the
 * bucket is complete and is written and forgotten: memory holds only the buckets still open (the
 * weeks ahead of the reading), not the whole table.
 */
export async function rebuildRollups(
  db: Kysely<DB>,
  options: { onProgress?: (cases: number) => void } = {},
): Promise<RebuildReport> {
  await clearRollups(db);
  const accumulator = new RollupAccumulator();
  // Entries before what was already written (none, unless a case counts something before its
  // opening) are added to the stored rows at the end instead.
  const late = new RollupAccumulator();
  let flushedBefore = Number.NEGATIVE_INFINITY;
  let cases = 0;
  let rows = 0;
  let after: { openedAt: number; caseId: string } | null = null;
  const flush = async (frontier: number) => {
    const complete = accumulator.takeCompleteBefore(frontier);
    rows += complete.length;
    await upsertRollups(db, complete.map(toRollupWrite));
    flushedBefore = bucketStart("h", Math.min(frontier, Number.MAX_SAFE_INTEGER));
  };
  for (;;) {
    const page = await listFactsPageByOpening(db, after, REBUILD_PAGE);
    if (page.length === 0) break;
    const spans: WorkSpan[] = [];
    const pending: PendingRow[] = [];
    for (const facts of page) {
      const entries = entriesOfFacts(facts);
      for (const entry of entries) {
        (entry.at < flushedBefore ? late : accumulator).addEntry(entry, 1);
      }
      const span = workSpanOf(facts.caseId, entries);
      if (span !== null) spans.push(span);
      const pendingRow = pendingRowOf(facts, entries);
      if (pendingRow !== null) pending.push(pendingRow);
    }
    await upsertWorkSpans(db, spans);
    await upsertPending(db, pending);
    cases += page.length;
    const last = page[page.length - 1] as CaseFacts;
    after = { openedAt: last.openedAt, caseId: last.caseId };
    // Cases still to come open at or after `last.openedAt`: buckets ending by then are complete.
    await flush(last.openedAt);
    options.onProgress?.(cases);
  }
  await flush(Number.POSITIVE_INFINITY);
  await addToStoredRollups(db, late.rows());
  return { cases, rows };
}

/** A roll-up row's identity as one string. */
function rowId(row: { grain: string; dim: string; key: string; bucket: number }): string {
  return `${row.grain}\u0000${row.dim}\u0000${row.key}\u0000${row.bucket}`;
}

/** Rows of one bucket: per row dimension (ROW_DIMENSIONS order), key → row. */
type BucketRows = Map<string, StoredRollup>[];

interface BucketOwner {
  grain: RollupGrain;
  bucket: number;
}

const WORKED_CASES = COUNTER_COLUMNS.indexOf("worked_cases");

/**
 * Sums entries into roll-up rows (one per grain, row dimension, key and bucket). Entries go into
 * hour rows only; a day row is the sum of its hours and a month row the sum of its days, folded
 * when they are taken — a third of the work of adding every entry to three rows. The exception
 * is `worked_cases`, a distinct count that does not add up across buckets: the `workedCase`
 * entries carry it into each grain's rows directly, and folding leaves it out.
 */
export class RollupAccumulator {
  private readonly hours = new Map<number, BucketRows>();
  private readonly days = new Map<number, BucketRows>();
  private readonly months = new Map<number, BucketRows>();
  /** Month starts by day start: `bucketStart("m")` builds a Date, entries repeat days a lot. */
  private readonly monthOfDay = new Map<number, number>();

  addEntry(entry: RollupEntry, sign: number): void {
    const hour = bucketStart("h", entry.at);
    if (entry.field === "workedCase") {
      const [hourMask, dayMask, monthMask] = entry.grainMasks ?? [0, 0, 0];
      const day = bucketStart("d", entry.at);
      this.addToRows(this.bucketRows(this.hours, "h", hour), entry, sign, hourMask);
      this.addToRows(this.bucketRows(this.days, "d", day), entry, sign, dayMask);
      this.addToRows(this.bucketRows(this.months, "m", this.monthOf(day)), entry, sign, monthMask);
      return;
    }
    const mask = entry.field === "workFirst" ? (entry.mask ?? 0) : -1;
    this.addToRows(this.bucketRows(this.hours, "h", hour), entry, sign, mask);
  }

  /** Every row, days and months folded from their hours (the accumulator is used up). */
  rows(): StoredRollup[] {
    return this.takeCompleteBefore(Number.POSITIVE_INFINITY);
  }

  /**
   * Removes and returns the non-empty rows of buckets that end at or before `frontier`, in
   * primary-key order (inserted in order, they append to the table's b-tree pages). Hours taken
   * are folded into their days, days into their months, so a day or month is complete when it
   * is taken.
   */
  takeCompleteBefore(frontier: number): StoredRollup[] {
    const complete: StoredRollup[] = [];
    for (const [hour, rows] of this.hours) {
      if (hour + HOUR_MS > frontier) continue;
      this.hours.delete(hour);
      const day = bucketStart("d", hour);
      this.fold(rows, this.bucketRows(this.days, "d", day), complete);
    }
    for (const [day, rows] of this.days) {
      if (day + DAY_MS > frontier) continue;
      this.days.delete(day);
      this.fold(rows, this.bucketRows(this.months, "m", this.monthOf(day)), complete);
    }
    for (const [month, rows] of this.months) {
      if (nextBucketStart("m", month) > frontier) continue;
      this.months.delete(month);
      for (const keyed of rows) {
        for (const row of keyed.values()) if (!row.sums.isEmpty()) complete.push(row);
      }
    }
    return complete.sort(compareRowKeys);
  }

  /** Takes a bucket's rows: each goes out, and into the row of the same key one grain up. */
  private fold(rows: BucketRows, into: BucketRows, out: StoredRollup[]): void {
    const owner = this.owners.get(into) as BucketOwner;
    for (const [dimension, keyed] of rows.entries()) {
      const target = into[dimension] as Map<string, StoredRollup>;
      for (const row of keyed.values()) {
        if (row.sums.isEmpty()) continue;
        out.push(row);
        let parent = target.get(row.key);
        if (parent === undefined) {
          parent = { ...owner, dim: row.dim, key: row.key, sums: new RollupSums() };
          target.set(row.key, parent);
        }
        const workedCases = parent.sums.counters[WORKED_CASES] ?? 0;
        parent.sums.add(row.sums);
        parent.sums.counters[WORKED_CASES] = workedCases;
      }
    }
    this.owners.delete(rows);
  }

  /** The grain and bucket of each bucket's rows. */
  private readonly owners = new Map<BucketRows, BucketOwner>();

  private monthOf(day: number): number {
    let month = this.monthOfDay.get(day);
    if (month === undefined) {
      month = bucketStart("m", day);
      this.monthOfDay.set(day, month);
    }
    return month;
  }

  private bucketRows(
    buckets: Map<number, BucketRows>,
    grain: RollupGrain,
    bucket: number,
  ): BucketRows {
    let rows = buckets.get(bucket);
    if (rows === undefined) {
      rows = ROW_DIMENSIONS.map(() => new Map<string, StoredRollup>());
      buckets.set(bucket, rows);
      this.owners.set(rows, { grain, bucket });
    }
    return rows;
  }

  private addToRows(rows: BucketRows, entry: RollupEntry, sign: number, mask: number): void {
    if (mask === 0) return;
    const owner = this.owners.get(rows) as BucketOwner;
    for (let dimension = 0; dimension < ROW_DIMENSIONS.length; dimension++) {
      if ((mask & (1 << dimension)) === 0) continue;
      const keyed = rows[dimension] as Map<string, StoredRollup>;
      const key = keyOf(entry.dims, dimension);
      let row = keyed.get(key);
      if (row === undefined) {
        row = {
          grain: owner.grain,
          dim: ROW_DIMENSIONS[dimension] as string,
          key,
          bucket: owner.bucket,
          sums: new RollupSums(),
        };
        keyed.set(key, row);
      }
      row.sums.addEntry(entry, sign);
    }
  }
}

/** The order of the table's primary key: grain, dim, bucket, key. */
function compareRowKeys(a: StoredRollup, b: StoredRollup): number {
  if (a.grain !== b.grain) return a.grain < b.grain ? -1 : 1;
  if (a.dim !== b.dim) return a.dim < b.dim ? -1 : 1;
  if (a.bucket !== b.bucket) return a.bucket - b.bucket;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const MINUTE_MS = 60_000;

/**
 * The worked span of a case (its worked instants with their slice values) when it was worked at
 * two or more instants; null otherwise (a single instant can never straddle a period's start).
 */
export function workSpanOf(caseId: string, entries: readonly RollupEntry[]): WorkSpan | null {
  const worked = workedInstantsOf(entries);
  const first = worked[0];
  const last = worked[worked.length - 1];
  if (first === undefined || last === undefined || last.at <= first.at) return null;
  const dims: string[] = [];
  const dimsIndex = new Map<string, number>();
  const at: [number, number][] = [];
  for (const work of worked) {
    const id = JSON.stringify(work.dims);
    let index = dimsIndex.get(id);
    if (index === undefined) {
      index = dims.length;
      dims.push(id);
      dimsIndex.set(id, index);
    }
    at.push([work.at, index]);
  }
  const minutes = (last.at - first.at) / MINUTE_MS;
  return {
    caseId,
    spanClass: spanClassOf(minutes),
    firstAt: first.at,
    lastAt: last.at,
    worked: `{"dims":[${dims.join(",")}],"at":${JSON.stringify(at)}}`,
  };
}

/** ⌈log2(max(1, minutes))⌉: spans of class c are at most 2^c minutes long. */
export function spanClassOf(minutes: number): number {
  if (minutes <= 1) return 0;
  let spanClass = Math.ceil(Math.log2(minutes));
  while (2 ** spanClass < minutes) spanClass++;
  return spanClass;
}

function sameWorkSpan(a: WorkSpan, b: WorkSpan): boolean {
  return a.firstAt === b.firstAt && a.lastAt === b.lastAt && a.worked === b.worked;
}

function pendingRowOf(facts: CaseFacts, entries: readonly RollupEntry[]): PendingRow | null {
  const opening = entries.find((entry) => entry.field === "opened")?.dims ?? null;
  const pending = pendingFirstResponseOf(facts, opening);
  if (pending === null) return null;
  return {
    caseId: facts.caseId,
    openedAt: pending.openedAt,
    dueAt: pending.dueAt,
    dims: [...pending.dims],
  };
}

function samePending(a: PendingRow, b: PendingRow): boolean {
  return (
    a.openedAt === b.openedAt &&
    a.dueAt === b.dueAt &&
    JSON.stringify(a.dims) === JSON.stringify(b.dims)
  );
}

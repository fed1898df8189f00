import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { findCasesByIds } from "../cases/case.repository.js";
import { listEventsOfCases } from "../events/event.repository.js";
import { deriveFactChanges, writeFactChanges } from "./metric-facts.derivation.js";
import {
  claimBackfillMarker,
  clearBackfillMarker,
  listCaseIdsPage,
  lockCases,
} from "./metric-facts.repository.js";
import { rebuildRollups } from "./rollup.service.js";

/**
 * Building the metric facts and roll-ups of a whole store from its log: `throughline metrics
 * rebuild`, and the one-off backfill of a store that held cases before the metrics existed (its
 * migration left a `metrics-backfill` marker; the `metrics-backfill` job and the metrics
 * commands run it once).
 */

/** Cases derived per round trip: the size the derivations refresh a write's cases in. */
const CASES_PER_PAGE = 1_000;

export interface MetricsRebuildReport {
  /** Cases whose facts were derived. */
  cases: number;
  /** Of those, cases whose facts changed (all of them in a first build). */
  changed: number;
  /** Roll-up rows written. */
  rollupRows: number;
}

/**
 * Derives every case's facts again from its history and rebuilds the roll-ups from them, in one
 * transaction (the caller's, or its own): readers see the old numbers or the new ones.
 */
export async function rebuildMetrics(
  db: Kysely<DB>,
  options: { now?: number; onProgress?: (cases: number) => void } = {},
): Promise<MetricsRebuildReport> {
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => rebuildMetrics(trx, options));
  }
  const now = options.now ?? Date.now();
  let after: string | null = null;
  let cases = 0;
  let changed = 0;
  for (;;) {
    const ids = await listCaseIdsPage(db, { after, limit: CASES_PER_PAGE });
    const last = ids.at(-1);
    if (last === undefined) break;
    await lockCases(db, ids);
    const [rows, eventsByCase] = await Promise.all([
      findCasesByIds(db, ids),
      listEventsOfCases(db, ids),
    ]);
    const histories = rows.map((item) => ({ case: item, events: eventsByCase.get(item.id) ?? [] }));
    const changes = await deriveFactChanges(db, histories);
    await writeFactChanges(db, changes, now, { rollups: false });
    cases += histories.length;
    changed += changes.length;
    options.onProgress?.(cases);
    after = last;
  }
  const rollups = await rebuildRollups(db);
  // A rebuild does what the backfill of an upgraded store would.
  await clearBackfillMarker(db);
  return { cases, changed, rollupRows: rollups.rows };
}

/**
 * Runs the backfill when the store still needs it, once however many processes try: the marker
 * is claimed and removed in the rebuild's transaction. Returns the report, or undefined when
 * there was nothing to do.
 */
export async function runPendingMetricsBackfill(
  db: Kysely<DB>,
  now: number = Date.now(),
): Promise<MetricsRebuildReport | undefined> {
  // A cheap look first: nearly always there is no marker, and no transaction is needed.
  if (!(await claimBackfillMarker(db))) return undefined;
  return db.transaction().execute(async (trx) => {
    if (!(await claimBackfillMarker(trx))) return undefined;
    return rebuildMetrics(trx, { now });
  });
}

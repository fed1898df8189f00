import type { Kysely } from "kysely";
import { inChunks } from "../../db/batching.js";
import type { DB } from "../../db/schema.js";
import { listEventsOfCases, type StoredEvent } from "../events/event.repository.js";
import { refreshMetricFacts } from "../metrics/metric-facts.derivation.js";
import { lockRollups } from "../metrics/rollup.repository.js";
import { refreshSlaClocks } from "../sla/sla-derivation.js";
import type { Case } from "./case.js";
import { findCasesByIds } from "./case.repository.js";
import { deriveLinksAndTeamTimes } from "./case-links.derivation.js";

/**
 * State derived from a case's whole history rather than folded event by event: SLA clocks and
 * their due times, time spent in each team, recontact links. The recorder refreshes it for every
 * case a write touched, in the write's transaction, so it is never behind the log; a bulk import
 * refreshes each touched case once at its end instead of after every batch.
 */

export interface CaseHistory {
  case: Case;
  /** Every event of the case, in business-time order. */
  events: readonly StoredEvent[];
}

/** Work a derivation gathers across the chunks of one refresh, finished after the last. */
export interface GatheredWork {
  finish(): Promise<void>;
}

/**
 * One refresh of derived state, chunk after chunk. A derivation whose writes add up across cases
 * (the metric roll-ups) gathers them here and writes them together (at the end, or every few
 * thousand cases), so a bulk import rewrites each day's and month's rows far less often than
 * once per chunk.
 */
export class RefreshRun {
  private readonly gathered = new Map<string, GatheredWork>();

  /** The work gathered under `key` in this run, created on first use. */
  gather<T extends GatheredWork>(key: string, create: () => T): T {
    let work = this.gathered.get(key);
    if (work === undefined) {
      work = create();
      this.gathered.set(key, work);
    }
    return work as T;
  }

  async finish(): Promise<void> {
    for (const work of this.gathered.values()) await work.finish();
    this.gathered.clear();
  }
}

/** One kind of derived state: rebuilt from the histories of the cases a write touched. */
export type CaseDerivation = (
  db: Kysely<DB>,
  histories: readonly CaseHistory[],
  now: number,
  run: RefreshRun,
) => Promise<void>;

/** Cases whose derived state is refreshed together (bounds memory on a big import). */
const CASES_PER_REFRESH = 1_000;

// refreshMetricFacts reads the first-response due times refreshSlaClocks writes: it comes after.
const DERIVATIONS: CaseDerivation[] = [
  refreshSlaClocks,
  deriveLinksAndTeamTimes,
  refreshMetricFacts,
];

/**
 * Refreshes the derived state of these cases. `now` is the wall-clock instant clocks are
 * evaluated at (a breach already past is derived as such; its event is the scheduler's to fire).
 */
export async function refreshDerivedCaseState(
  db: Kysely<DB>,
  caseIds: Iterable<string>,
  now: number,
): Promise<void> {
  // In the order the write touched them: cases opened close together have their events close
  // together in the log, which keeps reading their histories local (ordering by customer made
  // the reads of a million-event import twice as slow).
  const ids = [...new Set(caseIds)];
  if (ids.length === 0 || DERIVATIONS.length === 0) return;
  // On PostgreSQL, refreshes run one at a time from here to their commit: each would hold the
  // roll-up lock from its first roll-up write on anyway, and one that waited for it holding the
  // clocks and links rows of its first chunk could wait on a holder that needs them.
  await lockRollups(db);
  const run = new RefreshRun();
  for (const chunk of inChunks(ids, CASES_PER_REFRESH)) {
    const [cases, eventsByCase] = await Promise.all([
      findCasesByIds(db, chunk),
      listEventsOfCases(db, chunk),
    ]);
    const histories = cases.map((item) => ({
      case: item,
      events: eventsByCase.get(item.id) ?? [],
    }));
    for (const derive of DERIVATIONS) await derive(db, histories, now, run);
  }
  await run.finish();
}

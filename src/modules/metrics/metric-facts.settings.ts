import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { findRecontacts } from "./case-facts-history.js";
import { type FactChange, writeFactChanges } from "./metric-facts.derivation.js";
import {
  type DueTimeWrite,
  findDueTimesOfFacts,
  findFactsOfCases,
  listCasesOfCustomers,
  listCustomerIdsPage,
  writeDueTimes,
} from "./metric-facts.repository.js";
import { lockRollups } from "./rollup.repository.js";
import { GatheredRollups } from "./rollup.service.js";

/**
 * Settings saves that change what a case's facts hold without any event of the case: the facts
 * follow in the save's transaction, like the SLA clocks and the recontact links do, instead of
 * waiting for the case's next write.
 */

/**
 * After an SLA calendar or policy save: the facts of the cases whose first-response clock the
 * recompute moved (or removed) take the new due time, and their SLA attainment and pending first
 * responses move in the roll-ups. The recompute hands over each page's moved clocks (`add`) and
 * calls `finish` after the last; roll-up deltas are gathered across pages and written once.
 *
 * A due time enters the roll-ups only through whether an answered case met it and through the
 * pending row of an unanswered one, so most moves change no roll-up row: those are written
 * straight into the facts and pending rows (a calendar edit moves a quarter of 100,000 open
 * cases in the SLA benchmark; this way that costs about 0.3 s). A case whose outcome flips, or
 * that gains or loses its target, goes the general way: its facts before and after through the
 * roll-ups.
 */
export class FactsDueTimeRefresh {
  private readonly gathered: GatheredRollups;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: number,
  ) {
    this.gathered = new GatheredRollups(db);
  }

  /** The first-response due times of some cases' clocks now (null: the case has none any more). */
  async add(dues: ReadonlyMap<string, number | null>): Promise<void> {
    if (dues.size === 0) return;
    const { db, now } = this;
    await lockRollups(db); // before any facts row: see lockRollups
    const stored = await findDueTimesOfFacts(db, [...dues.keys()]);
    const copied: DueTimeWrite[] = [];
    const pending: DueTimeWrite[] = [];
    const general = new Map<string, number | null>();
    for (const item of stored) {
      const dueAt = dues.get(item.caseId) ?? null;
      if (dueAt === item.dueAt) continue;
      if (item.dueAt === null || dueAt === null) general.set(item.caseId, dueAt);
      else if (item.firstResponseAt === null) pending.push({ caseId: item.caseId, dueAt });
      else if (item.firstResponseAt <= item.dueAt === item.firstResponseAt <= dueAt) {
        copied.push({ caseId: item.caseId, dueAt });
      } else general.set(item.caseId, dueAt);
    }
    await writeDueTimes(db, "metric_case_facts", [...copied, ...pending], now);
    await writeDueTimes(db, "metric_sla_pending", pending, now);
    if (general.size > 0) {
      const before = await findFactsOfCases(db, [...general.keys()]);
      const changes: FactChange[] = [...before.values()].map((facts) => ({
        before: facts,
        after: { ...facts, firstResponseDueAt: general.get(facts.caseId) ?? null },
      }));
      await writeFactChanges(db, changes, now, { gathered: this.gathered });
    }
  }

  async finish(): Promise<void> {
    await this.gathered.finish();
  }
}

/** Customers whose cases are looked at together by refreshRecontactFacts. */
const CUSTOMERS_PER_PAGE = 1_000;

/**
 * After the recontact window changed: every case's recontact is found again with the new window
 * and the facts that change follow, a page of customers at a time (a case's recontact is another
 * case of the same customer). Returns how many facts changed.
 */
export async function refreshRecontactFacts(
  db: Kysely<DB>,
  recontactWindowMs: number,
  now: number,
): Promise<number> {
  await lockRollups(db); // before any facts row: see lockRollups
  const gathered = new GatheredRollups(db);
  let after: string | null = null;
  let changed = 0;
  for (;;) {
    const customerIds = await listCustomerIdsPage(db, { after, limit: CUSTOMERS_PER_PAGE });
    const last = customerIds.at(-1);
    if (last === undefined) break;
    const cases = await listCasesOfCustomers(db, customerIds);
    const recontacts = findRecontacts(cases, recontactWindowMs);
    const moved = cases.flatMap((item) =>
      item.stored !== null && item.stored.recontactedBy !== (recontacts.get(item.id) ?? null)
        ? [item.id]
        : [],
    );
    if (moved.length > 0) {
      const stored = await findFactsOfCases(db, moved);
      const changes: FactChange[] = [...stored.values()].map((before) => ({
        before,
        after: { ...before, recontactedBy: recontacts.get(before.caseId) ?? null },
      }));
      await writeFactChanges(db, changes, now, { gathered });
      changed += changes.length;
    }
    after = last;
  }
  await gathered.finish();
  return changed;
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { findRecontacts } from "./case-facts-history.js";
import { type FactChange, writeFactChanges } from "./metric-facts.derivation.js";
import {
  findFactsOfCases,
  findFactsWithMovedDue,
  listCasesOfCustomers,
  listCustomerIdsPage,
} from "./metric-facts.repository.js";
import { lockRollups } from "./rollup.repository.js";
import { GatheredRollups } from "./rollup.service.js";

/**
 * Settings saves that change what a case's facts hold without any event of the case: the facts
 * follow in the save's transaction, like the SLA clocks and the recontact links do, instead of
 * waiting for the case's next write.
 */

/**
 * After an SLA calendar or policy save recomputed these cases' clocks: the facts whose
 * first-response due time moved take the new one, and their SLA attainment and pending first
 * responses move in the roll-ups. Returns how many facts changed.
 */
export async function refreshFactsDueTimes(
  db: Kysely<DB>,
  caseIds: readonly string[],
  now: number,
): Promise<number> {
  if (caseIds.length === 0) return 0;
  await lockRollups(db); // before any facts row: see lockRollups
  const moved = await findFactsWithMovedDue(db, caseIds);
  const changes: FactChange[] = moved.map(({ facts, dueAt }) => ({
    before: facts,
    after: { ...facts, firstResponseDueAt: dueAt },
  }));
  await writeFactChanges(db, changes, now);
  return changes.length;
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

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { CaseDerivation, CaseHistory } from "../cases/case-derivations.js";
import { loadCaseRules } from "../cases/case-rules.service.js";
import { findCustomersByIds } from "../customers/customer.repository.js";
import type { CaseFacts } from "./case-facts.js";
import { deriveCaseFacts, findRecontacts } from "./case-facts-history.js";
import {
  deleteRowsOfCases,
  findCaseIdsOfEvents,
  findFactsOfCases,
  findFirstResponseDues,
  listCasesOfCustomers,
  listCasesWithStaleCustomerFacts,
  markLogPurged,
  sameFacts,
  saveFacts,
} from "./metric-facts.repository.js";
import { lockRollups } from "./rollup.repository.js";
import { applyFactChanges, GatheredRollups } from "./rollup.service.js";

/** A case's facts before and after a write; null: the case had (or has) none. */
export interface FactChange {
  before: CaseFacts | null;
  after: CaseFacts | null;
}

/**
 * Keeps metric_case_facts in step with the log. Registered in case-derivations.ts after the SLA
 * clocks (it reads their first-response due times), so it runs in the write's transaction:
 * - the facts of every case the write touched are derived again from its history;
 * - the recontact of every other case of the same customers is looked at again, because a case
 *   opened (or a category corrected) now can make an older case a recontact or stop it being one;
 * - only rows that changed are written, and their changes are handed to the roll-ups.
 */
export const refreshMetricFacts: CaseDerivation = async (db, histories, now, run) => {
  if (histories.length === 0) return;
  const gathered = run.gather(GATHERED_ROLLUPS, () => new GatheredRollups(db));
  await writeFactChanges(db, await deriveFactChanges(db, histories), now, { gathered });
};

/** The key of the roll-up deltas a refresh gathers across its chunks. */
const GATHERED_ROLLUPS = "metric-rollups";

/** The changes a write makes to the facts of these cases and of their customers' other cases. */
export async function deriveFactChanges(
  db: Kysely<DB>,
  histories: readonly CaseHistory[],
): Promise<FactChange[]> {
  const caseIds = histories.map((history) => history.case.id);
  const customerIds = [...new Set(histories.map((history) => history.case.customerId))];
  await lockRollups(db); // before any facts row: see lockRollups
  const [rules, customers, dues, customerCases] = await Promise.all([
    loadCaseRules(db),
    findCustomersByIds(db, customerIds),
    findFirstResponseDues(db, caseIds),
    listCasesOfCustomers(db, customerIds),
  ]);
  const storedRecontacts = new Map(
    customerCases.flatMap((item) =>
      item.stored === null ? [] : [[item.id, item.stored.recontactedBy] as const],
    ),
  );
  // Only cases with a row have facts to read (a first write has none); the recorder holds the
  // touched cases' rows, so none of them gains facts behind this read's back.
  const stored = await findFactsOfCases(
    db,
    caseIds.filter((id) => storedRecontacts.has(id)),
    { lock: true },
  );
  const customerById = new Map(customers.map((customer) => [customer.id, customer]));
  const recontacts = findRecontacts(customerCases, rules.recontactWindowMs);

  const changes: FactChange[] = [];
  const touched = new Set(caseIds);
  for (const { case: item, events } of histories) {
    const after = deriveCaseFacts(events, {
      customer: customerById.get(item.customerId) ?? null,
      firstResponseDueAt: dues.get(item.id) ?? null,
      recontactedBy: recontacts.get(item.id) ?? null,
    });
    const before = stored.get(item.id) ?? null;
    if (before === null || !sameFacts(before, after)) changes.push({ before, after });
  }

  // The customers' other cases: only their recontact can have moved.
  const moved = [...storedRecontacts]
    .filter(([caseId, recontactedBy]) => {
      if (touched.has(caseId)) return false;
      return (recontacts.get(caseId) ?? null) !== recontactedBy;
    })
    .map(([caseId]) => caseId);
  if (moved.length > 0) {
    const others = await findFactsOfCases(db, moved, { lock: true });
    for (const before of others.values()) {
      const recontactedBy = recontacts.get(before.caseId) ?? null;
      if (recontactedBy === before.recontactedBy) continue;
      changes.push({ before, after: { ...before, recontactedBy } });
    }
  }
  return changes;
}

/**
 * The cases whose customer's tier, segment or region changed since their facts were derived get
 * those values anew (called by the recorder for the customers a write upserted).
 */
export async function refreshFactsOfCustomers(
  db: Kysely<DB>,
  customerIds: readonly string[],
  now: number,
): Promise<void> {
  if (customerIds.length === 0) return;
  const stale = await listCasesWithStaleCustomerFacts(db, customerIds);
  if (stale.length === 0) return;
  await lockRollups(db); // before any facts row: see lockRollups
  const [stored, customers] = await Promise.all([
    findFactsOfCases(db, stale, { lock: true }),
    findCustomersByIds(db, customerIds),
  ]);
  const customerById = new Map(customers.map((customer) => [customer.id, customer]));
  const changes: FactChange[] = [];
  for (const before of stored.values()) {
    const customer = customerById.get(before.customerId);
    if (customer === undefined) continue;
    const after = {
      ...before,
      tier: customer.tier,
      segment: customer.segment,
      region: customer.region,
    };
    if (!sameFacts(before, after)) changes.push({ before, after });
  }
  await writeFactChanges(db, changes, now);
}

/**
 * Writes changed facts and hands the changes to the roll-ups: at once, or to `gathered` (written
 * when the refresh ends), or not at all when `rollups` is false (a rebuild rebuilds them from all
 * facts afterwards).
 */
export async function writeFactChanges(
  db: Kysely<DB>,
  changes: readonly FactChange[],
  now: number,
  options: { rollups?: boolean; gathered?: GatheredRollups } = {},
): Promise<void> {
  if (changes.length === 0) return;
  await saveFacts(
    db,
    changes.flatMap((change) => (change.after === null ? [] : [change.after])),
    now,
  );
  if (options.rollups !== false) await applyFactChanges(db, changes, options.gathered);
}

/**
 * Takes purged cases out of the metrics: their contributions leave the roll-ups and their facts
 * rows go, in the purge's transaction (retention). The other cases of their customers keep the
 * recontact they had: it happened, even if the case that made it no longer exists.
 */
export async function forgetFactsOfCases(
  db: Kysely<DB>,
  caseIds: readonly string[],
): Promise<void> {
  if (caseIds.length === 0) return;
  await lockRollups(db); // before any facts row: see lockRollups
  const stored = await findFactsOfCases(db, caseIds, { lock: true });
  if (stored.size === 0) return;
  await applyFactChanges(
    db,
    [...stored.values()].map((before) => ({ before, after: null })),
  );
  await deleteRowsOfCases(db, "metric_case_facts", [...stored.keys()]);
}

/**
 * Before the `events` retention policy purges these events (by seq): the facts of their cases,
 * which stay, are marked so that the roll-up planner still finds them without their events.
 */
export async function markFactsOfPurgedEvents(
  db: Kysely<DB>,
  seqs: readonly number[],
): Promise<void> {
  if (seqs.length === 0) return;
  await markLogPurged(db, await findCaseIdsOfEvents(db, seqs));
}

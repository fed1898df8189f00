/**
 * Checks of the metrics' derived state for tests: that every case's stored facts are what
 * deriving them again from its history gives, and the roll-up rows in a comparable form.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../src/db/schema.js";
import { findCasesByIds } from "../../src/modules/cases/case.repository.js";
import { listEventsOfCases } from "../../src/modules/events/event.repository.js";
import { deriveFactChanges } from "../../src/modules/metrics/metric-facts.derivation.js";

/** The cases whose facts deriving every case again would change (none, when they are current). */
export async function staleFacts(db: Kysely<DB>): Promise<string[]> {
  const ids = (await db.selectFrom("cases").select("id").orderBy("id").execute()).map(
    (row) => row.id,
  );
  const [cases, events] = await Promise.all([findCasesByIds(db, ids), listEventsOfCases(db, ids)]);
  const histories = cases.map((item) => ({ case: item, events: events.get(item.id) ?? [] }));
  const changes = await db.transaction().execute((trx) => deriveFactChanges(trx, histories));
  return changes.map((change) => change.after?.caseId ?? change.before?.caseId ?? "?");
}

/** Every roll-up row in key order, its JSON columns parsed (their key order may differ). */
export async function dumpRollups(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("metric_rollups")
    .selectAll()
    .orderBy(["grain", "dim", "key", "bucket"])
    .execute();
  return rows.map((row) => ({
    ...row,
    bucket: Number(row.bucket),
    fr_hist: JSON.parse(row.fr_hist) as unknown,
    res_hist: JSON.parse(row.res_hist) as unknown,
    worked_by_team: JSON.parse(row.worked_by_team) as unknown,
  }));
}

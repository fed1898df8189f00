import { type Kysely, sql } from "kysely";

// SLA clocks indexed for the queries that read them, no wider. The timer looks for thresholds
// that have not fired and can still fire (crossed while the clock ran), oldest first: indexing
// exactly those by the threshold lets it read them in order and stop at its batch size, where the
// (state, due) indexes had it visit and sort every threshold ever crossed on each run, and grew
// with every clock ever stopped. Escalation reads only clocks with a fired threshold by
// `updated_at`. A recompute that moves due times (a calendar edit moves most of them) rewrote
// each moved clock's entries in all three indexes; now only in those that hold the clock.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("sla_clocks_state_due_idx").execute();
  await db.schema.dropIndex("sla_clocks_state_at_risk_idx").execute();
  await db.schema.dropIndex("sla_clocks_updated_idx").execute();
  // The predicates repeat, term for term, conditions of findDueSlaThresholds: SQLite uses a
  // partial index only for a query whose WHERE contains each term of the index's.
  await db.schema
    .createIndex("sla_clocks_breach_pending_idx")
    .on("sla_clocks")
    .column("due_at")
    .where(sql<boolean>`breached_fired_at is null and (stopped_at is null or stopped_at > due_at)`)
    .execute();
  await db.schema
    .createIndex("sla_clocks_at_risk_pending_idx")
    .on("sla_clocks")
    .column("at_risk_at")
    .where(
      sql<boolean>`at_risk_fired_at is null and (stopped_at is null or stopped_at > at_risk_at)`,
    )
    .execute();
  await db.schema
    .createIndex("sla_clocks_fired_updated_idx")
    .on("sla_clocks")
    .column("updated_at")
    .where(sql<boolean>`at_risk_fired_at is not null or breached_fired_at is not null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("sla_clocks_fired_updated_idx").execute();
  await db.schema.dropIndex("sla_clocks_at_risk_pending_idx").execute();
  await db.schema.dropIndex("sla_clocks_breach_pending_idx").execute();
  await db.schema
    .createIndex("sla_clocks_state_due_idx")
    .on("sla_clocks")
    .columns(["state", "due_at"])
    .execute();
  await db.schema
    .createIndex("sla_clocks_state_at_risk_idx")
    .on("sla_clocks")
    .columns(["state", "at_risk_at"])
    .execute();
  await db.schema
    .createIndex("sla_clocks_updated_idx")
    .on("sla_clocks")
    .column("updated_at")
    .execute();
}

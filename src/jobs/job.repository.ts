import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { withJobTables } from "./job.table.js";

/**
 * Takes the job's lease for `holder` until `expiresAt`: a new lease, an expired one, or one the
 * holder has already. Each statement is atomic on both stores, so of several processes trying at
 * once exactly one gets `true`.
 */
export async function acquireLease(
  db: Kysely<DB>,
  lease: { name: string; holder: string; now: number; expiresAt: number },
): Promise<boolean> {
  return withJobTables(db)
    .transaction()
    .execute(async (trx) => {
      const inserted = await trx
        .insertInto("job_leases")
        .values({ name: lease.name, holder: lease.holder, expires_at: lease.expiresAt })
        .onConflict((oc) => oc.column("name").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
      const updated = await trx
        .updateTable("job_leases")
        .set({ holder: lease.holder, expires_at: lease.expiresAt })
        .where("name", "=", lease.name)
        .where((eb) => eb.or([eb("expires_at", "<", lease.now), eb("holder", "=", lease.holder)]))
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    });
}

/** Extends a lease the holder still has; false when it has lost it. */
export async function renewLease(
  db: Kysely<DB>,
  lease: { name: string; holder: string; expiresAt: number },
): Promise<boolean> {
  const result = await withJobTables(db)
    .updateTable("job_leases")
    .set({ expires_at: lease.expiresAt })
    .where("name", "=", lease.name)
    .where("holder", "=", lease.holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Lets the lease go at once, if the holder still has it. */
export async function releaseLease(
  db: Kysely<DB>,
  lease: { name: string; holder: string },
): Promise<void> {
  await withJobTables(db)
    .updateTable("job_leases")
    .set({ expires_at: 0 })
    .where("name", "=", lease.name)
    .where("holder", "=", lease.holder)
    .execute();
}

export type SlotClaim = "claimed" | "taken_over" | "finished";

/**
 * Claims a job's slot for the lease holder: a slot nobody started is claimed; a slot left
 * `running` by a holder whose lease ran out (it crashed, or stalled) is taken over; a finished
 * slot is not run again. Call only while holding the job's lease.
 */
export async function claimSlot(
  db: Kysely<DB>,
  slot: { name: string; dueAt: number; holder: string; now: number },
): Promise<SlotClaim> {
  return withJobTables(db)
    .transaction()
    .execute(async (trx): Promise<SlotClaim> => {
      const inserted = await trx
        .insertInto("job_runs")
        .values({
          name: slot.name,
          due_at: slot.dueAt,
          holder: slot.holder,
          status: "running",
          attempts: 1,
          started_at: slot.now,
          finished_at: null,
          error: null,
        })
        .onConflict((oc) => oc.columns(["name", "due_at"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return "claimed";
      const takenOver = await trx
        .updateTable("job_runs")
        .set((eb) => ({
          holder: slot.holder,
          started_at: slot.now,
          attempts: eb("attempts", "+", 1),
        }))
        .where("name", "=", slot.name)
        .where("due_at", "=", slot.dueAt)
        .where("status", "=", "running")
        .where("holder", "<>", slot.holder)
        .executeTakeFirst();
      return Number(takenOver.numUpdatedRows) > 0 ? "taken_over" : "finished";
    });
}

export async function finishSlot(
  db: Kysely<DB>,
  slot: { name: string; dueAt: number; holder: string; now: number; error: string | null },
): Promise<void> {
  await withJobTables(db)
    .updateTable("job_runs")
    .set({
      status: slot.error === null ? "succeeded" : "failed",
      finished_at: slot.now,
      error: slot.error,
    })
    .where("name", "=", slot.name)
    .where("due_at", "=", slot.dueAt)
    .where("holder", "=", slot.holder)
    .execute();
}

export interface JobRun {
  name: string;
  dueAt: number;
  holder: string;
  status: string;
  attempts: number;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
}

/** A job's runs, oldest slot first. */
export async function listJobRuns(db: Kysely<DB>, name: string): Promise<JobRun[]> {
  const rows = await withJobTables(db)
    .selectFrom("job_runs")
    .selectAll()
    .where("name", "=", name)
    .orderBy("due_at")
    .execute();
  return rows.map((row) => ({
    name: row.name,
    dueAt: row.due_at,
    holder: row.holder,
    status: row.status,
    attempts: row.attempts,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
  }));
}

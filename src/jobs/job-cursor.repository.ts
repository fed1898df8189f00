import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { withJobCursorTables } from "./job-cursor.table.js";

/** The cursor's position, or undefined before the job first saved one. */
export async function readJobCursor(db: Kysely<DB>, name: string): Promise<number | undefined> {
  const row = await withJobCursorTables(db)
    .selectFrom("job_cursors")
    .select("position")
    .where("name", "=", name)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.position);
}

/**
 * Moves the cursor from `from` (undefined: it did not exist) to `to`, and says whether it did: a
 * cursor someone else moved in the meantime is left alone, so work done under a stale position is
 * rolled back with the transaction this runs in rather than done twice.
 */
export async function moveJobCursor(
  db: Kysely<DB>,
  move: { name: string; from: number | undefined; to: number; now: number },
): Promise<boolean> {
  const tables = withJobCursorTables(db);
  if (move.from === undefined) {
    const inserted = await tables
      .insertInto("job_cursors")
      .values({ name: move.name, position: move.to, updated_at: move.now })
      .onConflict((oc) => oc.column("name").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const updated = await tables
    .updateTable("job_cursors")
    .set({ position: move.to, updated_at: move.now })
    .where("name", "=", move.name)
    .where("position", "=", move.from)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

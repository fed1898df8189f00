import type { Kysely } from "kysely";
import { PostgresAdapter } from "kysely";

/**
 * The few places where SQLite and PostgreSQL differ. Everything else is portable Kysely.
 */

/** True when `db` talks to PostgreSQL; used by migrations, which must not import app code. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * How many rows fit in one multi-row INSERT: SQLite binds at most 32,766 parameters per
 * statement and PostgreSQL 65,535; we stay well below both.
 */
export function rowsPerInsert(columnsPerRow: number): number {
  return Math.max(1, Math.floor(30_000 / columnsPerRow));
}

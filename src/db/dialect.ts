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
 * How many rows go in one multi-row INSERT. Both stores allow far more parameters (SQLite
 * 32,766, PostgreSQL 65,535), but building and preparing a huge statement costs more than it
 * saves: measured on a 300,000-event append, ~1,000 parameters a statement was ~25% faster
 * than ~30,000 and no slower than smaller ones.
 */
export function rowsPerInsert(columnsPerRow: number): number {
  return Math.max(1, Math.floor(1_000 / columnsPerRow));
}

/**
 * Whether a database error is a unique or primary-key violation, by the driver's error code
 * (PostgreSQL SQLSTATE 23505; SQLite's extended result codes), never by message text.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    code === "SQLITE_CONSTRAINT_UNIQUE"
  );
}

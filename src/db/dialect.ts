import { type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";

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

/**
 * A JSON array of arrays as a FROM item `c` with one row per element, each read as `c.value ->> i`
 * (text; cast numbers). Passing a page of rows as one JSON parameter keeps a statement of
 * thousands of rows as cheap to build as a one-row statement: as bound parameters, Kysely
 * compiles a node per value and the clock rewrite spent more time building statements than
 * running them. SQLite's jsonb_each hands each row over in its binary form, so `->>` reads it
 * without parsing its text again (a quarter less time upserting 300,000 SLA clocks).
 */
export function jsonRows<Schema>(
  db: Kysely<Schema>,
  rows: readonly (readonly unknown[])[],
): RawBuilder<unknown> {
  const json = JSON.stringify(rows);
  return isPostgres(db as Kysely<unknown>)
    ? sql`jsonb_array_elements(${json}::jsonb) as c(value)`
    : sql`jsonb_each(${json}) as c`;
}

/**
 * The text of a top-level field of a JSON text column (`data` of events): `jsonText(db,
 * "events.data", "rule")`; SQL NULL when the field is missing or JSON null.
 */
export function jsonText<Schema>(
  db: Kysely<Schema>,
  column: string,
  key: string,
): RawBuilder<string | null> {
  return isPostgres(db as Kysely<unknown>)
    ? sql<string | null>`(${sql.ref(column)}::json ->> ${key})`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

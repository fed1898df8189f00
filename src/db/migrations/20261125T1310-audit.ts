import type { Kysely } from "kysely";
import { PostgresAdapter, sql } from "kysely";

// Migrations never import app code (Kysely's migration docs: the app moves on, migrations stay).

/** The `prev_hash` of the first entry: 64 zeros (a SHA-256 digest of nothing in particular). */
const GENESIS_HASH = "0".repeat(64);

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The audit trail: one hash-chained entry per write. Each entry's `hash` covers the previous
 * entry's hash and its own `seq, at, actor, action, target_kind, target_id, payload_hash`; the
 * before/after payload is covered only through `payload_hash`. That is what lets retention purge
 * a payload (set `before_data` and `after_data` to NULL, the one UPDATE the triggers allow)
 * without breaking the chain: a purged entry still verifies, it just has no payload to compare.
 *
 * `audit_head` is a single row holding the last entry's `seq` and `hash`. Every append updates it
 * first, in the appender's transaction, so its row lock serializes appenders across server
 * processes on PostgreSQL and the chain never forks; verification also compares it with the
 * chain's end, which detects entries removed from the tail. Appenders write `seq` themselves
 * (the head's seq + 1), so seqs have no gaps even where PostgreSQL's sequence would leave some.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);

  await db.schema
    .createTable("audit_log")
    .addColumn("seq", pg ? "bigserial" : "integer", (col) =>
      pg ? col.primaryKey() : col.primaryKey().autoIncrement(),
    )
    .addColumn("at", "bigint", (col) => col.notNull())
    .addColumn("actor", "text", (col) => col.notNull())
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("target_kind", "text", (col) => col.notNull())
    .addColumn("target_id", "text")
    .addColumn("before_data", "text")
    .addColumn("after_data", "text")
    .addColumn("payload_hash", "text", (col) => col.notNull())
    .addColumn("prev_hash", "text", (col) => col.notNull())
    .addColumn("hash", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
  // `seq` closes each filter index so a filtered list pages newest-first straight off the index.
  await db.schema
    .createIndex("audit_log_target")
    .on("audit_log")
    .columns(["target_kind", "target_id", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_log_actor")
    .on("audit_log")
    .columns(["actor", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_log_action")
    .on("audit_log")
    .columns(["action", "seq"])
    .execute();

  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (col) => col.primaryKey())
    .addColumn("seq", "bigint", (col) => col.notNull())
    .addColumn("hash", "text", (col) => col.notNull())
    .addCheckConstraint("audit_head_single_row", sql`id = 1`)
    .execute();
  await sql`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ${GENESIS_HASH})`.execute(db);

  const refused = "audit_log is append-only";
  const updateRefused =
    "audit_log is append-only: the only update allowed sets before_data and after_data to NULL";
  if (pg) {
    await sql`
      CREATE OR REPLACE FUNCTION audit_log_refuse() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION '%', ${sql.lit(refused)}; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION audit_log_update_guard() RETURNS trigger AS $$
      BEGIN
        IF NEW.before_data IS NULL AND NEW.after_data IS NULL
          AND (NEW.seq, NEW.at, NEW.actor, NEW.action, NEW.target_kind, NEW.target_id,
               NEW.payload_hash, NEW.prev_hash, NEW.hash)
            IS NOT DISTINCT FROM
              (OLD.seq, OLD.at, OLD.actor, OLD.action, OLD.target_kind, OLD.target_id,
               OLD.payload_hash, OLD.prev_hash, OLD.hash)
        THEN RETURN NEW; END IF;
        RAISE EXCEPTION '%', ${sql.lit(updateRefused)};
      END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_update_guard()`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()`.execute(db);
    // TRUNCATE skips row triggers; it needs its own.
    await sql`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()`.execute(db);
    await sql`
      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()`.execute(db);
    await sql`
      CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      WHEN NOT (
        NEW.before_data IS NULL AND NEW.after_data IS NULL
        AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor
        AND NEW.action IS OLD.action AND NEW.target_kind IS OLD.target_kind
        AND NEW.target_id IS OLD.target_id AND NEW.payload_hash IS OLD.payload_hash
        AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
      )
      BEGIN SELECT RAISE(ABORT, ${sql.lit(updateRefused)}); END`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, ${sql.lit(refused)}); END`.execute(db);
    await sql`
      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      BEGIN SELECT RAISE(ABORT, ${sql.lit(refused)}); END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_head").ifExists().execute();
  await db.schema.dropTable("audit_log").ifExists().execute();
  if (isPostgres(db)) {
    await sql`DROP FUNCTION IF EXISTS audit_log_update_guard()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS audit_log_refuse()`.execute(db);
  }
}

import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Config } from "../config.js";
import type { DB } from "./schema.js";
import { withStatementCache } from "./statement-cache.js";

export type DialectName = "sqlite" | "postgres";

export interface Store {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** A human description of where the data lives (a file path or a redacted URL). */
  readonly location: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (our epoch-millisecond timestamps and counters) as strings by default;
// every such value we store fits well inside Number.MAX_SAFE_INTEGER.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}

/** Opens the configured store. Does not migrate: call `migrateToLatest` for that. */
export function openStore(config: Config): Store {
  if (config.store.dialect === "postgres") {
    const pool = new pg.Pool({ connectionString: config.store.url, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: "postgres",
      location: redactUrl(config.store.url),
      close: () => db.destroy(),
    };
  }
  const file = config.store.file;
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
  // last transactions, which is the usual trade for an embedded server.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // A 64 MiB page cache keeps the event log's indexes in memory during bulk writes; SQLite's
  // 2 MiB default makes every index insert of a large import a trip to the OS.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("temp_store = MEMORY");
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: "sqlite", location: file, close: () => db.destroy() };
}

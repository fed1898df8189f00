import type { Database, Statement } from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/**
 * Kysely's SQLite driver prepares every statement it runs. Preparing costs as much as running a
 * small query, and an API write runs the same dozen statements each time, so statements are kept
 * by their SQL text. Kysely runs one statement at a time on its single connection, so a cached
 * statement is never used twice at once. The cache is bounded: multi-row inserts of varying
 * sizes make many distinct texts, and the least recently used are dropped.
 */
export function withStatementCache(database: Database, capacity = 256): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Re-inserting moves the entry to the back: Map keeps insertion order.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= capacity) {
          const oldest = statements.keys().next();
          if (!oldest.done) statements.delete(oldest.value);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

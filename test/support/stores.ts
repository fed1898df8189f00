import { randomBytes } from "node:crypto";
import pg from "pg";
import { buildTestConfig, type Config } from "../../src/config.js";
import { openStore, type Store } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";

/**
 * The stores every repository-level test runs against, as Kysely's own suite loops over its
 * DIALECTS: SQLite in memory always, PostgreSQL when TEST_DATABASE_URL is set. Each PostgreSQL
 * store lives in a schema of its own, so test files can run in parallel and leave nothing behind.
 */
export const STORE_KINDS: ("sqlite" | "postgres")[] = process.env.TEST_DATABASE_URL
  ? ["sqlite", "postgres"]
  : ["sqlite"];

export interface TestStore extends Store {
  config: Config;
  /** Closes the store and drops its PostgreSQL schema. */
  dispose(): Promise<void>;
}

export async function createTestStore(kind: "sqlite" | "postgres"): Promise<TestStore> {
  if (kind === "sqlite") {
    const config = buildTestConfig();
    const store = openStore(config);
    await migrateToLatest(store.db);
    return { ...store, config, dispose: () => store.close() };
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const config = buildTestConfig({ store: { dialect: "postgres", url: url.toString() } });
  const store = openStore(config);
  await migrateToLatest(store.db, { migrationTableSchema: schema });
  return {
    ...store,
    config,
    dispose: async () => {
      await store.close();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

import type { Command } from "commander";
import { type Config, loadConfig } from "../config.js";
import { openStore, type Store } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";

export interface StoreOptions {
  data?: string;
}

/** Adds PRODUCT.md's `--data DIR` to a command that uses the store. */
export function withDataOption(command: Command): Command {
  return command.option(
    "--data <dir>",
    "data directory of the embedded store (default: $THROUGHLINE_DATA_DIR, else ./data); DATABASE_URL selects PostgreSQL instead",
  );
}

export function configFromOptions(
  options: StoreOptions,
  extra: Parameters<typeof loadConfig>[0] = {},
): Config {
  return loadConfig({ ...(options.data === undefined ? {} : { dataDir: options.data }), ...extra });
}

/** Opens (creating and migrating when needed) the store, runs `work`, and always closes it. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(config);
  try {
    await migrateToLatest(store.db);
    return await work(store);
  } finally {
    await store.close();
  }
}

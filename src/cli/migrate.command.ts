import type { Command } from "commander";
import { openStore } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { printResult } from "./output.js";
import { configFromOptions, type StoreOptions, withDataOption } from "./store-options.js";

export function registerMigrateCommand(program: Command): void {
  withDataOption(
    program
      .command("migrate")
      .description("create the store if needed and bring its schema up to date")
      .option("--json", "print the result as JSON"),
  ).action(async (options: StoreOptions & { json?: boolean }) => {
    const store = openStore(configFromOptions(options));
    try {
      const report = await migrateToLatest(store.db);
      printResult(options.json === true, { ...report, store: store.location }, () =>
        report.applied.length === 0
          ? `store ${store.location} is up to date (${report.total} migrations)`
          : `applied ${report.applied.join(", ")} to ${store.location}`,
      );
    } finally {
      await store.close();
    }
  });
}

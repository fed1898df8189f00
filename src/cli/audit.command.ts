import type { Command } from "commander";
import { verifyAudit } from "../modules/audit/audit.service.js";
import { printResult } from "./output.js";
import { terminalProgress } from "./progress.js";
import {
  configFromOptions,
  type StoreOptions,
  withDataOption,
  withStore,
} from "./store-options.js";

interface VerifyCliOptions extends StoreOptions {
  json?: boolean;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command("audit").description("check the hash-chained audit trail");

  withDataOption(
    audit
      .command("verify")
      .description("walk the audit chain; exit code 1 when an entry is broken")
      .option("--json", 'print {"valid", "entries", "lastHash" | "brokenAt"} as JSON'),
  ).action(async (options: VerifyCliOptions) => {
    const progress = terminalProgress("verifying");
    const startedAt = performance.now();
    const result = await withStore(configFromOptions(options), (store) =>
      verifyAudit(store.db, progress.update),
    ).finally(progress.stop);
    const seconds = (performance.now() - startedAt) / 1000;
    printResult(options.json === true, { ...result, seconds: Number(seconds.toFixed(3)) }, () =>
      result.valid
        ? `audit chain valid: ${result.entries} entries in ${seconds.toFixed(1)} s (last hash ${result.lastHash})`
        : `audit chain broken at entry ${result.brokenAt.seq}: ${result.brokenAt.reason} (${result.entries} entries verified before it)`,
    );
    if (!result.valid) process.exitCode = 1;
  });
}

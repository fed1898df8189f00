import type { Command } from "commander";
import { SYSTEM_ACTORS } from "../access/actor.js";
import type { RetentionReport } from "../modules/retention/retention.js";
import { toRetentionReportResponse } from "../modules/retention/retention.schemas.js";
import { runRetention } from "../modules/retention/retention.service.js";
import { printResult } from "./output.js";
import {
  configFromOptions,
  type StoreOptions,
  withDataOption,
  withStore,
} from "./store-options.js";

interface RetentionRunCliOptions extends StoreOptions {
  dryRun?: boolean;
  json?: boolean;
}

function describeReport(report: RetentionReport): string {
  const lines = [
    report.dryRun
      ? "retention dry run: nothing was changed; a real run now would change:"
      : "retention run applied:",
  ];
  if (report.policies.length === 0) lines.push("  no retention policies are set");
  for (const policy of report.policies) {
    const counts = Object.entries(policy.changes)
      .filter(([, count]) => count > 0)
      .map(([name, count]) => `${name} ${count}`);
    lines.push(
      `  ${policy.kind}: ${policy.action} after ${policy.days} days (before ${new Date(policy.cutoff).toISOString()}): ${counts.length === 0 ? "nothing due" : counts.join(", ")}`,
    );
  }
  if (report.held.customers > 0 || report.held.cases > 0) {
    lines.push(
      `  kept by legal holds: ${report.held.customers} customer(s), ${report.held.cases} case(s)`,
    );
  }
  return lines.join("\n");
}

export function registerRetentionCommands(program: Command): void {
  const retention = program
    .command("retention")
    .description("apply the retention policies (anonymise or purge old records)");

  withDataOption(
    retention
      .command("run")
      .description("apply every retention policy now; legal holds are respected")
      .option("--dry-run", "report what would change, change nothing")
      .option("--json", "print the report as JSON"),
  ).action(async (options: RetentionRunCliOptions) => {
    const report = await withStore(configFromOptions(options), (store) =>
      runRetention(store.db, {
        now: new Date(),
        dryRun: options.dryRun === true,
        actor: SYSTEM_ACTORS.cli,
      }),
    );
    printResult(options.json === true, toRetentionReportResponse(report), () =>
      describeReport(report),
    );
  });
}

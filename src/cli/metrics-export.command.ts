import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { type Command, Option } from "commander";
import { SYSTEM_ACTORS } from "../access/actor.js";
import { EXPORT_FORMATS, type ExportFormat } from "../modules/exports/case-export.js";
import { openCaseExport } from "../modules/exports/case-export.service.js";
import {
  configFromOptions,
  type StoreOptions,
  withDataOption,
  withStore,
} from "./store-options.js";

interface MetricsExportCliOptions extends StoreOptions {
  from: string;
  to: string;
  format: ExportFormat;
  asOf?: string;
  output?: string;
}

/**
 * `throughline metrics export`: the one-row-per-case export (docs/exports.md) to standard output
 * or a file. Added to the `metrics` command group by whoever builds it (metrics.command.ts).
 */
export function registerMetricsExportCommand(metrics: Command): void {
  withDataOption(
    metrics
      .command("export")
      .description(
        "write one row per case opened or first resolved in the period, with every KPI input (docs/exports.md)",
      )
      .requiredOption("--from <iso>", "start of the period, ISO-8601 with offset (inclusive)")
      .requiredOption("--to <iso>", "end of the period, ISO-8601 with offset (exclusive)")
      .addOption(
        new Option("--format <format>", "file format").choices(EXPORT_FORMATS).default("csv"),
      )
      .option(
        "--as-of <iso>",
        "judge unanswered cases' first-response SLA outcome at this instant (default now)",
      )
      .option("--output <file>", "write to a file instead of standard output"),
  ).action(async (options: MetricsExportCliOptions) => {
    const config = configFromOptions(options);
    await withStore(config, async (store) => {
      // Parameters are checked (and a bad one reported) before the output file is created.
      const opened = openCaseExport(
        store.db,
        SYSTEM_ACTORS.cli,
        {
          from: options.from,
          to: options.to,
          format: options.format,
          ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
        },
        { maxPeriodDays: config.metricsMaxPeriodDays, now: Date.now(), fieldPrefix: "--" },
      );
      if (options.output === undefined) {
        // Not ended: standard output stays open for the CLI's own last words.
        for await (const chunk of opened.stream) {
          if (!process.stdout.write(chunk)) {
            await new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()));
          }
        }
        return;
      }
      await pipeline(opened.stream, fs.createWriteStream(options.output));
    });
  });
}

import fs from "node:fs";
import readline from "node:readline";
import type { Command } from "commander";
import { SYSTEM_ACTORS } from "../access/actor.js";
import { streamEventData } from "../modules/events/event.repository.js";
import { EVENT_TYPES } from "../modules/events/event.types.js";
import { importEvents } from "../modules/events/event-import.js";
import { parseInstant } from "../modules/events/event-validation.js";
import { CliUsageError } from "./cli-error.js";
import { printResult } from "./output.js";
import { terminalProgress } from "./progress.js";
import {
  configFromOptions,
  type StoreOptions,
  withDataOption,
  withStore,
} from "./store-options.js";

interface ImportCliOptions extends StoreOptions {
  skipInvalid?: boolean;
  strict?: boolean;
  json?: boolean;
}

interface ExportCliOptions extends StoreOptions {
  output?: string;
  type?: string;
  from?: string;
  to?: string;
}

function parseBound(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseInstant(value);
  if (ms === null) throw new CliUsageError(`${flag} must be an ISO-8601 date-time with offset`);
  return ms;
}

export function registerEventCommands(program: Command): void {
  const events = program.command("events").description("import and export the event log (NDJSON)");

  withDataOption(
    events
      .command("import")
      .description("import an NDJSON file; by default nothing is written if any line is invalid")
      .argument("<file>", "NDJSON file, one event a line ('-' for standard input)")
      .option("--skip-invalid", "import the valid lines and report the invalid ones")
      .option("--strict", "reject lines naming teams, agents or customers that do not exist")
      .option("--json", "print the report as JSON"),
  ).action(async (file: string, options: ImportCliOptions) => {
    if (file !== "-" && !fs.existsSync(file)) throw new CliUsageError(`no such file: ${file}`);
    const input = file === "-" ? process.stdin : fs.createReadStream(file, "utf8");
    const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const progress = terminalProgress("importing");
    const startedAt = performance.now();
    const report = await withStore(configFromOptions(options), (store) =>
      importEvents(store.db, lines, {
        skipInvalid: options.skipInvalid === true,
        strict: options.strict === true,
        onProgress: progress.update,
        actor: SYSTEM_ACTORS.cli,
      }),
    ).finally(progress.stop);
    const seconds = (performance.now() - startedAt) / 1000;
    const result = {
      ...report,
      seconds: Number(seconds.toFixed(3)),
      eventsPerSecond: Math.round(report.imported / seconds),
    };
    printResult(options.json === true, result, () => {
      const lines = [
        report.written
          ? `imported ${report.imported} events (${report.duplicates} already present) in ${seconds.toFixed(1)} s, ${result.eventsPerSecond}/s`
          : `nothing imported: ${report.invalid} invalid line(s) (use --skip-invalid to import the rest)`,
      ];
      for (const error of report.errors.slice(0, 50)) {
        lines.push(`  line ${error.line}: ${error.field ? `${error.field}: ` : ""}${error.reason}`);
      }
      if (report.errors.length > 50) lines.push(`  … and ${report.errors.length - 50} more`);
      const created = report.created;
      const createdCount = created.teams.length + created.agents.length + created.customers.length;
      if (createdCount > 0) {
        lines.push(
          `created ${created.teams.length} team(s), ${created.agents.length} agent(s), ${created.customers.length} customer(s) that the events named`,
        );
      }
      return lines.join("\n");
    });
    if (!report.written || report.invalid > 0) process.exitCode = 1;
  });

  withDataOption(
    events
      .command("export")
      .description("write the event log as NDJSON, in time order")
      .option("--output <file>", "write to a file instead of standard output")
      .option("--type <type>", `only events of this type (${EVENT_TYPES.join(", ")})`)
      .option("--from <iso>", "only events at or after this instant")
      .option("--to <iso>", "only events before this instant"),
  ).action(async (options: ExportCliOptions) => {
    if (options.type !== undefined && !(EVENT_TYPES as readonly string[]).includes(options.type)) {
      throw new CliUsageError(`--type must be one of ${EVENT_TYPES.join(", ")}`);
    }
    const fromAt = parseBound(options.from, "--from");
    const toAt = parseBound(options.to, "--to");
    const output = options.output ? fs.createWriteStream(options.output) : process.stdout;
    await withStore(configFromOptions(options), async (store) => {
      const filter = {
        ...(options.type === undefined ? {} : { type: options.type }),
        ...(fromAt === undefined ? {} : { fromAt }),
        ...(toAt === undefined ? {} : { toAt }),
      };
      for await (const line of streamEventData(store.db, filter)) {
        if (!output.write(`${line}\n`)) {
          await new Promise<void>((resolve) => output.once("drain", () => resolve()));
        }
      }
    });
    if (output !== process.stdout) {
      await new Promise<void>((resolve, reject) => {
        output.once("error", reject);
        output.end(() => resolve());
      });
    }
  });
}

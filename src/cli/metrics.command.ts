import fs from "node:fs";
import type { Command } from "commander";
import { SURVEY_KINDS, type SurveyKind } from "../modules/events/event.types.js";
import {
  KPI_CATALOGUE,
  type ScorecardRow,
  SLICE_DIMENSIONS,
  type SliceDimension,
} from "../modules/metrics/kpi.js";
import {
  rebuildMetrics,
  runPendingMetricsBackfill,
} from "../modules/metrics/metric-facts.backfill.js";
import { computeScorecard, parseKpiQuery } from "../modules/metrics/metrics.service.js";
import { scoreSurvey } from "../modules/metrics/survey-scores.js";
import { readSurveyScores, SurveyCsvError } from "../modules/metrics/survey-scores-csv.js";
import { CliUsageError } from "./cli-error.js";
import { registerMetricsExportCommand } from "./metrics-export.command.js";
import { printResult } from "./output.js";
import {
  configFromOptions,
  type StoreOptions,
  withDataOption,
  withStore,
} from "./store-options.js";

interface ScorecardCliOptions extends StoreOptions {
  from: string;
  to: string;
  by?: string;
  asOf?: string;
  json?: boolean;
}

interface SurveyCliOptions {
  input: string;
  json?: boolean;
}

function parseBy(value: string | undefined): SliceDimension | undefined {
  if (value === undefined) return undefined;
  if (!(SLICE_DIMENSIONS as readonly string[]).includes(value)) {
    throw new CliUsageError(`--by must be one of ${SLICE_DIMENSIONS.join(", ")}, got "${value}"`);
  }
  return value as SliceDimension;
}

/** A KPI value for people: counts as they are, rates as percentages, the rest to 2 decimals. */
function formatValue(name: string, value: number | null): string {
  if (value === null) return "–";
  const unit = KPI_CATALOGUE.find((kpi) => kpi.name === name)?.unit;
  if (unit === "cases") return String(value);
  if (unit === "fraction") return `${(100 * value).toFixed(1)}%`;
  return value.toFixed(2);
}

function describeScorecard(rows: readonly ScorecardRow[]): string {
  if (rows.length === 0) return "no cases count in this period";
  const keyWidth = Math.max(4, ...rows.map((row) => row.key.length));
  return rows
    .map((row) =>
      [
        row.key,
        ...KPI_CATALOGUE.map(
          (kpi) => `  ${kpi.name.padEnd(28)} ${formatValue(kpi.name, row[kpi.name]).padStart(12)}`,
        ),
      ].join("\n"),
    )
    .join(`\n${"".padEnd(keyWidth, "─")}\n`);
}

function readCsv(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliUsageError(`cannot read ${file} (${reason})`);
  }
}

function describeSurvey(kind: SurveyKind, result: ReturnType<typeof scoreSurvey>): string {
  const score = (result as unknown as Record<string, number | null>)[kind] ?? null;
  const shown = score === null ? "–" : score.toFixed(2);
  const counts = Object.entries(result)
    .filter(([name]) => name !== kind)
    .map(([name, value]) => `${name} ${value}`)
    .join(", ");
  return `${kind.toUpperCase()} ${shown} (${counts})`;
}

export function registerMetricsCommands(program: Command): void {
  const metrics = program
    .command("metrics")
    .description(
      "KPIs: scorecards, survey scores, the rebuild of the metric facts (docs/metrics.md)",
    );

  withDataOption(
    metrics
      .command("scorecard")
      .description(
        "every KPI over a period [from, to), one row per slice value with --by (PRODUCT.md's KPI definitions)",
      )
      .requiredOption("--from <iso>", "start of the period, inclusive (ISO-8601 with offset or Z)")
      .requiredOption("--to <iso>", "end of the period, exclusive")
      .option("--by <dimension>", `one row per value of: ${SLICE_DIMENSIONS.join(", ")}`)
      .option(
        "--as-of <iso>",
        "instant at which unanswered cases past their first-response due time count as missed (default now)",
      )
      .option("--json", 'print {"rows": [...]} as JSON'),
  ).action(async (options: ScorecardCliOptions) => {
    const by = parseBy(options.by);
    const cli = { fieldPrefix: "--" };
    const query = parseKpiQuery(
      {
        from: options.from,
        to: options.to,
        ...(by === undefined ? {} : { by }),
        ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
      },
      cli,
    );
    const config = configFromOptions(options);
    const scorecard = await withStore(config, async (store) => {
      await runPendingMetricsBackfill(store.db);
      return computeScorecard(store.db, query, {
        ...cli,
        maxPeriodDays: config.metricsMaxPeriodDays,
      });
    });
    printResult(options.json === true, { rows: scorecard.rows }, () =>
      describeScorecard(scorecard.rows),
    );
  });

  for (const kind of SURVEY_KINDS) {
    metrics
      .command(kind)
      .description(
        `the ${kind.toUpperCase()} score of a CSV of answers (column "score", or the only column)`,
      )
      .requiredOption("--input <file>", "CSV file of answers")
      .option("--json", "print the score and its counts as JSON")
      .action((options: SurveyCliOptions) => {
        let scores: number[];
        try {
          scores = readSurveyScores(readCsv(options.input), kind);
        } catch (error) {
          if (error instanceof SurveyCsvError) {
            throw new CliUsageError(`${options.input}: ${error.message}`);
          }
          throw error;
        }
        const result = scoreSurvey(kind, scores);
        printResult(options.json === true, result, () => describeSurvey(kind, result));
      });
  }

  withDataOption(
    metrics
      .command("rebuild")
      .description(
        "derive every case's metric facts again from the event log and rebuild the roll-ups",
      )
      .option("--json", "print the report as JSON"),
  ).action(async (options: StoreOptions & { json?: boolean }) => {
    const report = await withStore(configFromOptions(options), (store) => rebuildMetrics(store.db));
    printResult(
      options.json === true,
      report,
      () =>
        `rebuilt the metric facts of ${report.cases} case(s) (${report.changed} changed) and ${report.rollupRows} roll-up row(s)`,
    );
  });

  registerMetricsExportCommand(metrics);
}

import fs from "node:fs";
import type { Command } from "commander";
import { Compile } from "typebox/compile";
import { SYSTEM_ACTORS } from "../access/actor.js";
import { RoutingRulesDocument } from "../modules/routing/routing.schemas.js";
import type { RoutingRuleSet } from "../modules/routing/routing-rules.js";
import { validateRoutingRules } from "../modules/routing/routing-validate.js";
import {
  REPLAY_DAYS,
  type RoutingReplay,
  replayRoutingRules,
} from "../modules/routing-reports/replay.service.js";
import { toReplayResponse } from "../modules/routing-reports/routing-reports.schemas.js";
import { CliUsageError } from "./cli-error.js";
import { printResult } from "./output.js";
import {
  configFromOptions,
  type StoreOptions,
  withDataOption,
  withStore,
} from "./store-options.js";

interface ReplayCliOptions extends StoreOptions {
  rules?: string;
  days: string;
  json?: boolean;
}

const checkDocument = Compile(RoutingRulesDocument);

/**
 * A rule set from a file: the document itself, or a saved version as the API answers it (the
 * document under `document`). Problems name the file and the path inside the document.
 */
function readRuleSet(file: string): RoutingRuleSet {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliUsageError(`cannot read rules file ${file} (${reason})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`rules file ${file} is not JSON: ${(error as Error).message}`);
  }
  const document =
    typeof json === "object" && json !== null && "document" in json && !("rules" in json)
      ? (json as { document: unknown }).document
      : json;
  if (!checkDocument.Check(document)) {
    const [first] = checkDocument.Errors(document);
    const path = first?.instancePath.replace(/^\//, "").replaceAll("/", ".") || "the document";
    throw new CliUsageError(`invalid rules ${file}: ${path}: ${first?.message ?? "is invalid"}`);
  }
  const checked = validateRoutingRules(document);
  if (!checked.ok) {
    throw new CliUsageError(`invalid rules ${file}: ${checked.field}: ${checked.reason}`);
  }
  return document;
}

function parseDays(value: string): number {
  const days = Number(value);
  if (
    value.trim() === "" ||
    !Number.isInteger(days) ||
    days < REPLAY_DAYS.min ||
    days > REPLAY_DAYS.max
  ) {
    throw new CliUsageError(
      `--days must be a whole number from ${REPLAY_DAYS.min} to ${REPLAY_DAYS.max}, got "${value}"`,
    );
  }
  return days;
}

const minutes = (value: number | null) => (value === null ? "–" : `${value}`);

function describeReplay(report: RoutingReplay): string {
  const rules =
    report.version === null ? "the draft" : `the rules in force (version ${report.version})`;
  const lines = [
    `replayed ${rules} over ${report.cases} case(s) opened ${new Date(report.from).toISOString()} – ${new Date(report.to).toISOString()}${report.capped ? " (capped: the most recent cases only)" : ""}`,
    `${report.changed} case(s) would go to another team`,
    "",
    "team                  actual  replay   delta  first response median, minutes (modelled actual → replay; observed)",
  ];
  for (const team of report.teams) {
    const delta = team.delta > 0 ? `+${team.delta}` : `${team.delta}`;
    lines.push(
      `${team.team.padEnd(20)} ${String(team.actualCases).padStart(7)} ${String(team.replayCases).padStart(7)} ${delta.padStart(7)}  ${minutes(team.actual.firstResponseMedianMinutes)} → ${minutes(team.replay.firstResponseMedianMinutes)}; ${minutes(team.observed.firstResponseMedianMinutes)}${team.replay.unanswered > 0 ? ` (${team.replay.unanswered} unanswered in the replay)` : ""}`,
    );
  }
  const { actual, replay, observed } = report.firstResponse;
  lines.push(
    "",
    `first response, minutes: median ${minutes(actual.median)} → ${minutes(replay.median)}, p90 ${minutes(actual.p90)} → ${minutes(replay.p90)} (modelled); observed median ${minutes(observed.median)}, p90 ${minutes(observed.p90)}`,
    `transfers: ${report.transfers.actual} actual → ${report.transfers.replay} replayed (${report.transfers.avoided} avoided, ${report.transfers.added} added)`,
  );
  for (const rule of report.rules) {
    lines.push(`rule ${rule.rule}: fired on ${rule.fires}, set the team of ${rule.decides}`);
  }
  return lines.join("\n");
}

export function registerRoutingCommands(program: Command): void {
  const routing = program.command("routing").description("routing rules: try them on history");

  withDataOption(
    routing
      .command("replay")
      .description(
        "replay a rule set over the cases of the last N days: team loads, first responses and transfers, actual against replayed (docs/routing-replay.md)",
      )
      .option(
        "--rules <file>",
        "rule set JSON (the routing-rules document); default: the rules in force",
      )
      .option(
        "--days <n>",
        `days of history, ${REPLAY_DAYS.min} to ${REPLAY_DAYS.max}`,
        String(REPLAY_DAYS.default),
      )
      .option("--json", "print the report as JSON"),
  ).action(async (options: ReplayCliOptions) => {
    const days = parseDays(options.days);
    const document = options.rules === undefined ? undefined : readRuleSet(options.rules);
    const report = await withStore(configFromOptions(options), (store) =>
      replayRoutingRules(
        store.db,
        SYSTEM_ACTORS.cli,
        { ...(document === undefined ? {} : { document }), days },
        Date.now(),
      ),
    );
    printResult(options.json === true, toReplayResponse(report), () => describeReplay(report));
  });
}

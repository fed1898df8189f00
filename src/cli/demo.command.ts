import fs from "node:fs";
import type { Command } from "commander";
import { defaultDemoEnd, seedDemoWorkspace } from "../modules/demo/demo.service.js";
import { simulateContactCentre } from "../modules/demo/simulator.js";
import { CliUsageError } from "./cli-error.js";
import { printResult } from "./output.js";
import { terminalProgress } from "./progress.js";
import {
  configFromOptions,
  type StoreOptions,
  withDataOption,
  withStore,
} from "./store-options.js";

interface DemoCliOptions extends StoreOptions {
  days: string;
  seed: string;
  scale: string;
  end?: string;
  ndjson?: string;
  json?: boolean;
}

function parseNumber(
  value: string,
  flag: string,
  rule: { integer: boolean; allowZero: boolean },
): number {
  const number = Number(value);
  const tooSmall = rule.allowZero ? number < 0 : number <= 0;
  if (
    value.trim() === "" ||
    !Number.isFinite(number) ||
    tooSmall ||
    (rule.integer && !Number.isInteger(number))
  ) {
    const kind = `${rule.allowZero ? "non-negative" : "positive"} ${rule.integer ? "whole " : ""}number`;
    throw new CliUsageError(`${flag} must be a ${kind}, got "${value}"`);
  }
  return number;
}

function parseEnd(value: string | undefined): Date {
  if (value === undefined) return defaultDemoEnd(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new CliUsageError(`--end must be a date like 2026-11-25, got "${value}"`);
  }
  return new Date(`${value}T00:00:00Z`);
}

export function registerDemoCommand(program: Command): void {
  withDataOption(
    program
      .command("demo")
      .description(
        "generate a simulated contact centre (deterministic for a seed) into the store, or as NDJSON",
      )
      .option("--days <n>", "days of history", "90")
      .option("--seed <n>", "random seed", "42")
      .option("--scale <x>", "multiplies customers and arrivals", "1")
      .option("--end <date>", "last day (exclusive, UTC); default today, so data looks current")
      .option("--ndjson <file>", "write the events to an NDJSON file instead of the store")
      .option("--json", "print the summary as JSON"),
  ).action(async (options: DemoCliOptions) => {
    const simulation = {
      days: parseNumber(options.days, "--days", { integer: true, allowZero: false }),
      seed: parseNumber(options.seed, "--seed", { integer: true, allowZero: true }),
      scale: parseNumber(options.scale, "--scale", { integer: false, allowZero: false }),
      end: parseEnd(options.end),
    };
    const startedAt = performance.now();
    let summary: ReturnType<typeof simulateContactCentre>["summary"];
    /** Only when recorded into a store: what the timers fired catching up on the history. */
    let caughtUp:
      | { slaEventsFired: number; escalationsFired: number; notifications: number }
      | undefined;
    if (options.ndjson) {
      const { events, summary: generated } = simulateContactCentre(simulation);
      const out = fs.createWriteStream(options.ndjson);
      for (const event of events) {
        if (!out.write(`${JSON.stringify(event)}\n`)) {
          await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        }
      }
      await new Promise<void>((resolve) => out.end(() => resolve()));
      summary = generated;
    } else {
      const progress = terminalProgress("recording");
      const seeded = await withStore(configFromOptions(options), async (store) => {
        const report = await seedDemoWorkspace(store.db, simulation, progress.update);
        return report;
      }).finally(progress.stop);
      summary = seeded.summary;
      caughtUp = {
        slaEventsFired: seeded.sla.fired,
        escalationsFired: seeded.escalations.fired,
        notifications: seeded.escalations.notified,
      };
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const result = { ...summary, ...caughtUp, seconds: Number(seconds.toFixed(2)) };
    printResult(options.json === true, result, () =>
      [
        `demo workspace: ${summary.customers} customers, ${summary.teams} teams, ${summary.agents} agents,`,
        `${summary.cases} cases, ${summary.events} events in ${seconds.toFixed(1)} s${options.ndjson ? ` → ${options.ndjson}` : ""}`,
        ...(caughtUp === undefined
          ? []
          : [
              `\nthen ${caughtUp.slaEventsFired} SLA at-risk/breach events and ${caughtUp.escalationsFired} escalation steps (${caughtUp.notifications} notifications) caught up on the history`,
            ]),
        ...summary.episodes.map(
          (episode) =>
            `\n${episode.kind} ${episode.from.slice(0, 16)}Z to ${episode.to.slice(0, 16)}Z: ${episode.description}`,
        ),
      ].join(" "),
    );
  });
}

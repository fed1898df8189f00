import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Benchmark,
  type BenchmarkResult,
  describeMachine,
  PROJECT_ROOT,
} from "./benchmark.js";

/**
 * `npm run bench [-- name …]`: runs the benchmarks (all, or those named) one after another,
 * each in a fresh child process so that one run's heap, compiled code and peak RSS cannot
 * colour the next. Writes bench/results/<name>.json and prints a JSON summary on stdout
 * (the benchmarks' own output goes to stderr). Exits 1 if a benchmark fails to run; missing a
 * target is reported in the results, not as a failure.
 */

const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  "event-import": async () => (await import("./event-import.bench.js")).eventImportBenchmark,
  "case-create-http": async () =>
    (await import("./case-create-http.bench.js")).caseCreateHttpBenchmark,
  "audit-verify": async () => (await import("./audit-verify.bench.js")).auditVerifyBenchmark,
  "sla-recompute": async () => (await import("./sla-recompute.bench.js")).slaRecomputeBenchmark,
  "sla-recompute-store": async () =>
    (await import("./sla-recompute-store.bench.js")).slaRecomputeStoreBenchmark,
  "routing-decision": async () =>
    (await import("./routing-decision.bench.js")).routingDecisionBenchmark,
  "metrics-scorecard": async () =>
    (await import("./metrics-scorecard.bench.js")).metricsScorecardBenchmark,
};

const RESULTS_DIR = path.join(PROJECT_ROOT, "bench", "results");
const CHILD_FLAG = "--run-one";

type ChildMessage = { ok: true; result: BenchmarkResult } | { ok: false; error: string };

async function runInThisProcess(name: string): Promise<void> {
  const load = BENCHMARKS[name];
  if (load === undefined || process.send === undefined) {
    throw new Error(`${CHILD_FLAG} needs a known benchmark and an IPC channel`);
  }
  const loadAverageAtStart = os.loadavg();
  let message: ChildMessage;
  try {
    const benchmark = await load();
    const outcome = await benchmark.run();
    message = {
      ok: true,
      result: {
        name,
        target: outcome.target,
        measured: outcome.measured,
        meetsTarget: outcome.meetsTarget,
        parameters: outcome.parameters,
        notes: outcome.notes,
        machine: describeMachine(loadAverageAtStart),
        at: new Date().toISOString(),
      },
    };
  } catch (error) {
    message = {
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  await new Promise<void>((resolve, reject) =>
    process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

function runInChild(name: string): Promise<BenchmarkResult> {
  return new Promise((resolve, reject) => {
    // The child's stdout goes to our stderr, so our stdout carries only the summary.
    const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, name], {
      stdio: ["ignore", 2, 2, "ipc"],
    });
    let message: ChildMessage | undefined;
    child.on("message", (received) => {
      message = received as ChildMessage;
    });
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (message?.ok) resolve(message.result);
      else if (message) reject(new Error(message.error));
      else
        reject(
          new Error(`benchmark process ended (code ${code}, signal ${signal}) without a result`),
        );
    });
  });
}

/** Writes through a temporary file, so an interrupted run never leaves half a result. */
function writeResult(result: BenchmarkResult): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.name}.json`);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

async function runAll(requested: string[]): Promise<void> {
  const unknown = requested.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown benchmark(s) ${unknown.join(", ")}; known: ${Object.keys(BENCHMARKS).join(", ")}\n`,
    );
    process.exitCode = 2;
    return;
  }
  const names = requested.length > 0 ? requested : Object.keys(BENCHMARKS);
  const summary: {
    results: Array<
      Pick<BenchmarkResult, "name" | "meetsTarget" | "target" | "measured"> & {
        file: string;
      }
    >;
    failed: Array<{ name: string; error: string }>;
  } = { results: [], failed: [] };
  for (const name of names) {
    process.stderr.write(`bench: running ${name}\n`);
    try {
      const result = await runInChild(name);
      const file = writeResult(result);
      const { meetsTarget, target, measured } = result;
      summary.results.push({
        name,
        meetsTarget,
        target,
        measured,
        file: path.relative(PROJECT_ROOT, file),
      });
      process.stderr.write(`bench: ${name} done (meetsTarget: ${meetsTarget})\n`);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench: ${name} failed: ${text}\n`);
      summary.failed.push({ name, error: text.split("\n")[0] ?? text });
    }
  }
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (summary.failed.length > 0) process.exitCode = 1;
}

const args = process.argv.slice(2);
if (args[0] === CHILD_FLAG) {
  await runInThisProcess(args[1] ?? "");
} else {
  await runAll(args);
}

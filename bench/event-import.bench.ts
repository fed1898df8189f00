import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { promisify } from "node:util";
import { SYSTEM_ACTORS } from "../src/access/actor.js";
import { loadConfig } from "../src/config.js";
import { openStore } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { importEvents } from "../src/modules/events/event-import.js";
import {
  type Benchmark,
  type BenchmarkOutcome,
  PROJECT_ROOT,
  peakRssMB,
  readPositiveNumber,
  round,
} from "./benchmark.js";

/**
 * Bulk NDJSON ingest into SQLite through the real import service, as `throughline events import`
 * runs it: read line by line, validate every line, then write the file in one transaction.
 * The file comes from the demo simulator (`throughline demo --ndjson`), generated in a child
 * process so that the simulation's memory does not count in the import's peak RSS.
 */

/** Simulator scale giving about 1,010,000 events over 90 days. */
const FULL_SCALE = 3.4;
const SIMULATION = { days: 90, seed: 7, end: "2026-03-01" } as const;
const TARGET_EVENTS_PER_SECOND = 100_000;
const MIB = 2 ** 20;

const runFile = promisify(execFile);

async function generateEvents(file: string, scale: number): Promise<number> {
  const { stdout } = await runFile(
    process.execPath,
    [
      path.join(PROJECT_ROOT, "bin", "throughline.js"),
      "demo",
      "--ndjson",
      file,
      "--days",
      String(SIMULATION.days),
      "--seed",
      String(SIMULATION.seed),
      "--scale",
      String(scale),
      "--end",
      SIMULATION.end,
      "--json",
    ],
    { maxBuffer: 16 * MIB },
  );
  const summary = JSON.parse(stdout) as { events: number };
  return summary.events;
}

/** The store's size on disk: the database file plus any write-ahead log left beside it. */
function storeBytes(file: string): number {
  let bytes = 0;
  for (const suffix of ["", "-wal", "-shm"]) {
    if (fs.existsSync(file + suffix)) bytes += fs.statSync(file + suffix).size;
  }
  return bytes;
}

async function run(): Promise<BenchmarkOutcome> {
  const scale = readPositiveNumber("BENCH_IMPORT_SCALE", FULL_SCALE);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-bench-import-"));
  try {
    const ndjson = path.join(workDir, "events.ndjson");
    const generationStartedAt = performance.now();
    const generated = await generateEvents(ndjson, scale);
    const generationSeconds = (performance.now() - generationStartedAt) / 1000;

    // An empty environment: the benchmark always measures a fresh SQLite store, even where
    // DATABASE_URL or THROUGHLINE_DATA_DIR are set.
    const config = loadConfig({ dataDir: path.join(workDir, "data") }, {});
    if (config.store.dialect !== "sqlite") throw new Error("the import benchmark needs SQLite");
    const store = openStore(config);
    await migrateToLatest(store.db);

    const lines = readline.createInterface({
      input: fs.createReadStream(ndjson, "utf8"),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    const startedAt = performance.now();
    // The service reports progress first when every line is checked and sorted and the write
    // transaction has begun: that instant splits the validation phase from the write phase.
    let validatedAt: number | undefined;
    const report = await importEvents(store.db, lines, {
      skipInvalid: false,
      strict: false,
      actor: SYSTEM_ACTORS.cli,
      onProgress: () => {
        validatedAt ??= performance.now();
      },
    });
    const finishedAt = performance.now();
    await store.close();
    const closeSeconds = (performance.now() - finishedAt) / 1000;

    if (!report.written || report.invalid > 0 || report.imported !== generated) {
      throw new Error(
        `import did not take the whole file: ${generated} generated, ${report.imported} imported, ` +
          `${report.invalid} invalid (first: ${JSON.stringify(report.errors[0])})`,
      );
    }
    if (validatedAt === undefined) throw new Error("the import never reported progress");

    const seconds = (finishedAt - startedAt) / 1000;
    const eventsPerSecond = report.imported / seconds;
    return {
      target: {
        description: "bulk event ingest into SQLite (NDJSON import: validation + write)",
        value: TARGET_EVENTS_PER_SECOND,
        unit: "events/s",
      },
      measured: {
        events: report.imported,
        seconds: round(seconds, 3),
        eventsPerSecond: Math.round(eventsPerSecond),
        validationSeconds: round((validatedAt - startedAt) / 1000, 3),
        writeSeconds: round((finishedAt - validatedAt) / 1000, 3),
        closeSeconds: round(closeSeconds, 3),
        peakRssMB: peakRssMB(),
        dbMB: round(storeBytes(config.store.file) / MIB, 1),
        ndjsonMB: round(fs.statSync(ndjson).size / MIB, 1),
        generationSeconds: round(generationSeconds, 1),
      },
      meetsTarget: eventsPerSecond >= TARGET_EVENTS_PER_SECOND,
      parameters: {
        simulatorDays: SIMULATION.days,
        simulatorSeed: SIMULATION.seed,
        simulatorScale: scale,
        simulatorEnd: SIMULATION.end,
        fullSize: scale === FULL_SCALE,
        strict: false,
      },
      notes: [
        "seconds runs from opening the file to the commit of the import's single transaction " +
          "(read, JSON parse, validation, duplicate and reference checks, sort, write); the store " +
          "was created and migrated before the clock started",
        "validationSeconds ends when the service reports its first progress, after every line " +
          "is checked and sorted; writeSeconds is the rest",
        "closeSeconds (closing the store, which checkpoints the write-ahead log) is not counted " +
          "in seconds",
        "peakRssMB is the import process's peak RSS; generation ran in a separate process",
      ],
    };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export const eventImportBenchmark: Benchmark = { name: "event-import", run };

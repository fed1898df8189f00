import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SYSTEM_ACTORS } from "../src/access/actor.js";
import { loadConfig } from "../src/config.js";
import type { Store } from "../src/db/database.js";
import { createApiToken } from "../src/modules/auth/auth.service.js";
import { DEMO_CATEGORIES } from "../src/modules/demo/demo-categories.js";
import { CHANNELS, PRIORITIES } from "../src/modules/events/event.types.js";
import { createUser } from "../src/modules/users/user.service.js";
import { startServer } from "../src/server.js";
import {
  type Benchmark,
  type BenchmarkOutcome,
  peakRssMB,
  readPositiveNumber,
  round,
} from "./benchmark.js";
import type { HttpLoadOptions, HttpLoadResult } from "./http-load.child.js";

/**
 * Case creation over HTTP: the real server (SQLite store in a temp dir) answers
 * `POST /api/v1/cases` from autocannon, each request a valid case for a random customer, with
 * the id left for the server to generate.
 */

const HOST = "127.0.0.1";
const CUSTOMERS = 1_000;
const TEAM_ID = "bench-team";
const CONNECTIONS = 32;
const FULL_DURATION_SECONDS = 15;
const WARMUP_SECONDS = 3;
const TARGET_REQUESTS_PER_SECOND = 5_000;
const TARGET_P99_MS = 20;

function pickFrom<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error("pickFrom needs a non-empty list");
  return item;
}

async function post(
  baseUrl: string,
  authorization: string,
  route: string,
  body: unknown,
): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/v1/${route} answered ${response.status}: ${await response.text()}`);
  }
}

/** The team and customers the cases name, created through the API like any client would. */
async function seedThroughApi(baseUrl: string, authorization: string): Promise<string[]> {
  await post(baseUrl, authorization, "teams", { id: TEAM_ID, name: "Benchmark team" });
  const customerIds = Array.from(
    { length: CUSTOMERS },
    (_, index) => `bench-cus-${String(index).padStart(4, "0")}`,
  );
  const concurrency = 16;
  for (let start = 0; start < customerIds.length; start += concurrency) {
    await Promise.all(
      customerIds.slice(start, start + concurrency).map((id, offset) =>
        post(baseUrl, authorization, "customers", {
          id,
          name: `Benchmark customer ${start + offset}`,
          tier: pickFrom(["gold", "silver", "bronze"], start + offset),
          segment: pickFrom(["consumer", "business"], start + offset),
          region: pickFrom(["emea", "amer", "apac"], start + offset),
        }),
      ),
    );
  }
  return customerIds;
}

/** One valid case body per customer, with varied channel, category and priority. */
function caseBodies(customerIds: readonly string[]): string[] {
  const categories = DEMO_CATEGORIES.map((category) => category.id);
  return customerIds.map((customer, index) =>
    JSON.stringify({
      customer,
      channel: pickFrom(CHANNELS, index),
      category: pickFrom(categories, index * 7),
      priority: pickFrom(PRIORITIES, index * 3),
      team: TEAM_ID,
      subject: `Benchmark case for ${customer}`,
    }),
  );
}

/** An ops manager and an API token acting as them: the client a real integration would be. */
async function createBenchmarkToken(store: Store): Promise<string> {
  const user = await createUser(
    store.db,
    {
      email: "bench@throughline.local",
      name: "Benchmark client",
      password: "benchmark-password",
      grants: [{ role: "ops_manager", teams: [], regions: [] }],
    },
    Date.now(),
    SYSTEM_ACTORS.cli,
  );
  const actor = {
    kind: "user" as const,
    userId: user.id,
    email: user.email,
    name: user.name,
    grants: user.grants,
    via: "session" as const,
  };
  const { token } = await createApiToken(store.db, actor, { name: "benchmark" }, Date.now());
  return token;
}

function runLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./http-load.child.js", import.meta.url)), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: HttpLoadResult | undefined;
    child.once("message", (message) => {
      result = message as HttpLoadResult;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`load generator ended with code ${code} and no result`));
    });
    child.send(options);
  });
}

async function run(): Promise<BenchmarkOutcome> {
  const durationSeconds = readPositiveNumber("BENCH_HTTP_DURATION", FULL_DURATION_SECONDS);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-bench-http-"));
  // An empty environment: always a fresh SQLite store on 127.0.0.1, whatever DATABASE_URL,
  // HOST or PORT say.
  const config = loadConfig(
    { dataDir, host: HOST, port: 0, seedDemo: false, logLevel: "warn" },
    // The benchmark measures the server, not the rate limiter that would otherwise stop it.
    { THROUGHLINE_RATE_LIMIT_PER_MINUTE: "100000000" },
  );
  const server = await startServer(config, { handleSignals: false });
  try {
    const address = server.app.server.address();
    if (typeof address !== "object" || address === null || address.address !== HOST) {
      throw new Error(`server is not listening on ${HOST}: ${JSON.stringify(address)}`);
    }
    const baseUrl = `http://${HOST}:${address.port}`;
    const authorization = `Bearer ${await createBenchmarkToken(server.store)}`;
    const customerIds = await seedThroughApi(baseUrl, authorization);
    const load = await runLoad({
      url: baseUrl,
      method: "POST",
      path: "/api/v1/cases",
      bodies: caseBodies(customerIds),
      headers: { authorization },
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds,
    });
    const meetsTarget =
      load.requestsPerSecond >= TARGET_REQUESTS_PER_SECOND &&
      load.latencyMs.p99 < TARGET_P99_MS &&
      load.non2xx === 0 &&
      load.errors === 0;
    const cpus = os.cpus().length;
    return {
      target: {
        description: `case creation over HTTP ≥ ${TARGET_REQUESTS_PER_SECOND} req/s with p99 < ${TARGET_P99_MS} ms and no non-2xx answers`,
        value: TARGET_REQUESTS_PER_SECOND,
        unit: "requests/s",
      },
      measured: {
        requestsPerSecond: Math.round(load.requestsPerSecond),
        latencyP50Ms: load.latencyMs.p50,
        latencyP90Ms: load.latencyMs.p90,
        latencyP99Ms: load.latencyMs.p99,
        latencyMaxMs: load.latencyMs.max,
        latencyAverageMs: round(load.latencyMs.average, 2),
        requests: load.requests,
        responses2xx: load.responses2xx,
        non2xx: load.non2xx,
        errors: load.errors,
        timeouts: load.timeouts,
        durationSeconds: round(load.durationSeconds, 2),
        serverProcessPeakRssMB: peakRssMB(),
      },
      meetsTarget,
      parameters: {
        connections: CONNECTIONS,
        durationSeconds,
        warmupSeconds: WARMUP_SECONDS,
        customers: CUSTOMERS,
        fullSize: durationSeconds === FULL_DURATION_SECONDS,
        store: "sqlite",
      },
      notes: [
        `the load generator (autocannon, in a child process) and the server (in the benchmark's ` +
          `process) share this machine's ${cpus} CPU cores, so the figures understate what the ` +
          "server does with the cores to itself",
        `a ${WARMUP_SECONDS} s warm-up run, not reported, preceded the measured run; its cases ` +
          "stay in the store, so the measured run writes to a non-empty case table",
        "autocannon records latencies in whole milliseconds; requestsPerSecond is the mean of " +
          "its per-second counts",
        "serverProcessPeakRssMB is the peak RSS of the process running the server",
      ],
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const caseCreateHttpBenchmark: Benchmark = { name: "case-create-http", run };

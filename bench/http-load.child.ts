import autocannon from "autocannon";

/**
 * The load generator: a child process (forked by a benchmark) that receives `HttpLoadOptions`
 * over IPC, runs autocannon and sends back an `HttpLoadResult`. A process of its own keeps it
 * off the event loop of the server it measures (it still shares the machine's cores); autocannon
 * cannot run in a worker thread, which it takes for one of its own workers. Each request sends
 * one of `bodies`, picked at random. A warm-up run, not reported, comes first so that the
 * server's code is compiled and its caches are full before the measured run.
 */

export interface HttpLoadOptions {
  /** Base URL of the server; benchmarks only ever load 127.0.0.1. */
  url: string;
  method: "POST" | "PUT" | "PATCH";
  path: string;
  bodies: string[];
  /** Sent with every request, e.g. the API token. */
  headers: Record<string, string>;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface HttpLoadResult {
  durationSeconds: number;
  /** Mean of the per-second request counts, as autocannon reports it. */
  requestsPerSecond: number;
  requests: number;
  responses2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { average: number; p50: number; p90: number; p99: number; max: number };
}

async function drive(
  options: HttpLoadOptions,
  durationSeconds: number,
): Promise<autocannon.Result> {
  const { bodies } = options;
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: durationSeconds,
    requests: [
      {
        method: options.method,
        path: options.path,
        headers: { ...options.headers, "content-type": "application/json" },
        setupRequest: (request) => ({
          ...request,
          body: bodies[Math.floor(Math.random() * bodies.length)],
        }),
      },
    ],
  });
}

async function measure(options: HttpLoadOptions): Promise<HttpLoadResult> {
  if (new URL(options.url).hostname !== "127.0.0.1") {
    throw new Error(`the load generator only targets 127.0.0.1, not ${options.url}`);
  }
  if (options.warmupSeconds > 0) await drive(options, options.warmupSeconds);
  const result = await drive(options, options.durationSeconds);
  return {
    durationSeconds: result.duration,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    responses2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      average: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}

if (process.send !== undefined) {
  const options = await new Promise<HttpLoadOptions>((resolve) =>
    process.once("message", (message) => resolve(message as HttpLoadOptions)),
  );
  // A failure escapes as an uncaught error: a non-zero exit with the stack on stderr.
  const result = await measure(options);
  await new Promise<void>((resolve, reject) =>
    process.send?.(result, (error: Error | null) => (error ? reject(error) : resolve())),
  );
  process.disconnect();
}

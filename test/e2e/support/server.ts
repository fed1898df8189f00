/**
 * Starts the real server (`bin/throughline.js serve`) on a free port with a fresh, demo-seeded
 * store, for the browser tests. Build first: `npm run build` (server and web app).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const ARTIFACTS_DIR = join(REPO_ROOT, "test-artifacts");

const STARTUP_TIMEOUT_MS = 150_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface RunningServer {
  baseUrl: string;
  /** The server's data directory (its SQLite store), for CLI commands run beside it. */
  dataDir: string;
  /** Stops the server and deletes its store. */
  stop: () => Promise<void>;
}

export interface DemoSize {
  /** THROUGHLINE_DEMO_DAYS */
  days: number;
  /** THROUGHLINE_DEMO_SCALE */
  scale: number;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      if (address === null || typeof address === "string") {
        probe.close();
        reject(new Error("could not determine a free port"));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

/** The server's recent output, kept to explain a failed start. */
class OutputTail {
  private text = "";
  append(chunk: Buffer): void {
    this.text = (this.text + chunk.toString("utf8")).slice(-8_000);
  }
  toString(): string {
    return this.text;
  }
}

async function waitForHealth(
  baseUrl: string,
  server: ChildProcess,
  output: OutputTail,
): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `server exited (${server.exitCode ?? server.signalCode}) before it was healthy:\n${output}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not healthy after ${STARTUP_TIMEOUT_MS} ms (${lastProblem}):\n${output}`);
}

async function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), SHUTDOWN_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a server on a new temporary store seeded with a demo workspace of the given size;
 * `env` adds or overrides environment variables (e.g. a job interval).
 */
export async function startServer(
  demo: DemoSize,
  env: Readonly<Record<string, string>> = {},
): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "throughline-e2e-"));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output = new OutputTail();
  const server = spawn(
    process.execPath,
    ["bin/throughline.js", "serve", "--port", String(port), "--data", dataDir],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        THROUGHLINE_DEMO_DAYS: String(demo.days),
        THROUGHLINE_DEMO_SCALE: String(demo.scale),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.on("data", (chunk: Buffer) => output.append(chunk));
  server.stderr?.on("data", (chunk: Buffer) => output.append(chunk));

  const stop = async () => {
    await stopProcess(server);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, stop };
}

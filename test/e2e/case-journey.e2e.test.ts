/**
 * The flow an agent follows most: open the case list, pick a case, read the customer's journey.
 * Runs the real server on a fresh, demo-seeded store and drives Debian's Chromium.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ARTIFACTS_DIR = join(REPO_ROOT, "test-artifacts");
const STARTUP_TIMEOUT_MS = 150_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

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

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), SHUTDOWN_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

describe("case journey in the browser", () => {
  let dataDir = "";
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let baseUrl = "";
  const serverOutput = new OutputTail();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "throughline-e2e-"));
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(
      process.execPath,
      ["bin/throughline.js", "serve", "--port", String(port), "--data", dataDir],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, THROUGHLINE_DEMO_DAYS: "14", THROUGHLINE_DEMO_SCALE: "0.2" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    server.stdout?.on("data", (chunk: Buffer) => serverOutput.append(chunk));
    server.stderr?.on("data", (chunk: Buffer) => serverOutput.append(chunk));
    await waitForHealth(baseUrl, server, serverOutput);

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined) await stopServer(server);
    if (dataDir !== "") await rm(dataDir, { recursive: true, force: true });
  });

  it("opens a case from the list and shows the customer's journey", async () => {
    if (browser === undefined) throw new Error("the browser did not start");
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    await page.goto(`${baseUrl}/cases`);
    const rows = page.getByTestId("case-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);

    const firstRow = rows.first();
    const caseId = await firstRow.getAttribute("data-case-id");
    expect(caseId).toBeTruthy();
    await firstRow.getByTestId("case-link").click();
    await page.waitForURL((url) => url.pathname === `/cases/${encodeURIComponent(caseId ?? "")}`);

    const journeyEvents = page.getByTestId("journey-event");
    await journeyEvents.first().waitFor();
    expect(await journeyEvents.count()).toBeGreaterThan(0);
    // The case the agent opened is part of its customer's journey and is highlighted there.
    const currentCaseEvents = page.locator('[data-testid="journey-event"][data-current="true"]');
    expect(await currentCaseEvents.count()).toBeGreaterThan(0);
    expect(await page.getByRole("link", { name: "Customer page" }).count()).toBe(1);

    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, "case-page.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

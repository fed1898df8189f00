/**
 * The metrics dashboards in the browser (issue 6, item 8): on demo data the dashboard's charts
 * render with data (trend with its baseline, SLA attainment, backlog, the handoff Sankey, CSAT
 * and NPS by channel) and its tables export as CSV; a burst of cases imported by the CLI in
 * another process makes the alerts job raise an alert, which appears on the open dashboard over
 * the live stream without a reload; a saved scorecard shows its KPIs red, amber or green as the
 * API rates them. Runs the real server on a fresh, demo-seeded store and drives Debian's Chromium.
 *
 * The alerts job runs every second here (THROUGHLINE_ALERT_INTERVAL_MS). The test adds one static
 * threshold rule to the demo's alert rules: a team's cases opened in an hour above 25. A 14-day
 * demo at scale 0.2 opens a few cases an hour per team, so only the imported burst crosses it.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser, getJsonAs, sendJsonAs, signInForToken } from "./support/api.js";
import { launchBrowser, openPage, signInAt } from "./support/browser.js";
import { ARTIFACTS_DIR, REPO_ROOT, type RunningServer, startServer } from "./support/server.js";

interface Settings<T> {
  version: number;
  document: T;
}
interface AlertRules {
  rules: Record<string, unknown>[];
}
interface Scorecard {
  rows: Record<string, number | null | string>[];
}
interface ScorecardResult {
  rows: { key: string; cells: { metric: string; status: string }[] }[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BURST_RULE = "e2e-burst";
const BURST_SIZE = 30;
const CHART_PANELS = ["trend-panel", "sla-panel", "backlog-panel", "handoff-panel", "survey-panel"];

/** The dashboard's default period: the last 30 UTC days, up to the end of the current hour. */
function defaultPeriod(now: number): { from: string; to: string } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return {
    from: new Date(today - 29 * DAY_MS).toISOString(),
    to: new Date(Math.ceil((now + 1) / HOUR_MS) * HOUR_MS).toISOString(),
  };
}

/** Runs the built CLI in a process of its own, as an operator would next to the server. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/throughline.js", ...args], { cwd: REPO_ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("metrics dashboards in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let token = "";
  let team = "";
  let customer = "";
  let workDir = "";

  const baseUrl = () => server?.baseUrl ?? "";
  const api = <T>(path: string) => getJsonAs<T>(baseUrl(), token, path);
  const send = <T>(method: "PUT" | "POST", path: string, body: unknown) =>
    sendJsonAs<T>(baseUrl(), token, method, path, body);
  const admin = demoUser("admin");

  async function signedInPage(path: string): Promise<{ page: Page; pageErrors: string[] }> {
    if (browser === undefined) throw new Error("the setup failed");
    const opened = await openPage(browser);
    await signInAt(opened.page, baseUrl(), path, admin.email);
    return opened;
  }

  /** Waits until every chart panel has drawn its chart. */
  async function waitForCharts(page: Page): Promise<void> {
    for (const panel of CHART_PANELS) {
      // Attached, not "visible": a chart's first path may be a one-pixel axis line.
      await page
        .locator(`[data-testid="${panel}"][data-state="chart"] svg path`)
        .first()
        .waitFor({ state: "attached" });
    }
  }

  beforeAll(async () => {
    server = await startServer({ days: 14, scale: 0.2 }, { THROUGHLINE_ALERT_INTERVAL_MS: "1000" });
    browser = await launchBrowser();
    token = await signInForToken(server.baseUrl, admin.email);
    const teams = await api<{ items: { id: string }[] }>("/api/v1/teams");
    team = teams.items[0]?.id ?? "";
    const customers = await api<{ items: { id: string }[] }>("/api/v1/customers?limit=1");
    customer = customers.items[0]?.id ?? "";
    workDir = join(tmpdir(), `throughline-metrics-e2e-${process.pid}`);
    await mkdir(workDir, { recursive: true });
    await mkdir(ARTIFACTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workDir !== "") await rm(workDir, { recursive: true, force: true });
  });

  it("renders every chart with the demo's data and exports a table as CSV", async () => {
    const { page, pageErrors } = await signedInPage("/metrics/dashboard");
    await waitForCharts(page);
    expect(await page.getByTestId("chart-no-data").count()).toBe(0);
    for (const panel of CHART_PANELS) {
      const paths = await page.locator(`[data-testid="${panel}"] svg path`).count();
      expect(paths, `${panel} draws something`).toBeGreaterThan(3);
    }
    // The Sankey names the teams that hand cases off.
    const sankeyText = await page.getByTestId("handoff-panel").locator("svg").textContent();
    expect(sankeyText?.length ?? 0).toBeGreaterThan(0);

    // The tiles show what the API computes for the same period.
    const period = defaultPeriod(Date.now());
    const scorecard = await api<Scorecard>(
      `/api/v1/metrics/scorecard?from=${period.from}&to=${period.to}`,
    );
    const opened = scorecard.rows[0]?.casesOpened;
    expect(typeof opened === "number" && opened > 0).toBe(true);
    const tile = page.locator('[data-testid="kpi-tile"][data-metric="casesOpened"]');
    await expect
      .poll(async () => (await tile.getByTestId("kpi-value").textContent())?.replace(/\D/g, ""))
      .toBe(String(opened));

    // The KPIs-by-team table, exported as it is shown.
    const rows = page.getByTestId("breakdown-row");
    await rows.first().waitFor();
    const rowCount = await rows.count();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("breakdown-panel").getByTestId("csv-export").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kpis-by-team-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]?.startsWith("team,casesOpened,casesResolved,")).toBe(true);
    expect(lines).toHaveLength(rowCount + 1);

    await page.screenshot({ path: join(ARTIFACTS_DIR, "metrics-dashboard.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("shows an alert raised by an imported burst of cases, without reloading", async () => {
    const rules = await api<Settings<AlertRules>>("/api/v1/alert-rules");
    await send("PUT", "/api/v1/alert-rules", {
      baseVersion: rules.version,
      document: {
        rules: [
          ...rules.document.rules,
          {
            id: BURST_RULE,
            name: "More than 25 cases an hour for one team",
            metric: "casesOpened",
            dim: "team",
            key: team,
            kind: "threshold",
            bucket: "hour",
            direction: "up",
            above: 25,
            severity: "critical",
          },
        ],
      },
    });

    const { page, pageErrors } = await signedInPage("/metrics/dashboard");
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await waitForCharts(page);
    await page.evaluate(() => {
      (globalThis as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
    });
    const burstAlert = page.locator(
      `[data-testid="open-alerts"] [data-testid="alert-row"][data-alert-id^="alert:${BURST_RULE}:"]`,
    );
    expect(await burstAlert.count()).toBe(0);

    // A burst in the last complete hour, imported by the CLI in a process of its own.
    const hourStart = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
    const burst = Array.from({ length: BURST_SIZE }, (_, index) => ({
      id: `e2e-burst-${index}`,
      type: "case.opened",
      at: new Date(hourStart + index * 60_000 + 5_000).toISOString(),
      case: `e2e-burst-${index}`,
      customer,
      channel: "chat",
      category: "billing/refund",
      priority: "normal",
      team,
      subject: "Charged twice",
    }));
    const file = join(workDir, "burst.ndjson");
    await writeFile(file, `${burst.map((event) => JSON.stringify(event)).join("\n")}\n`);
    const imported = await runCli([
      "events",
      "import",
      file,
      "--data",
      server?.dataDir ?? "",
      "--json",
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: BURST_SIZE, invalid: 0 });

    // The alerts job raises it; the live stream brings it to the open page.
    await burstAlert.waitFor({ timeout: 60_000 });
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage,
      ),
    ).toBe(true);
    expect(await burstAlert.getAttribute("data-state")).toBe("open");
    await expect.poll(() => burstAlert.locator("td").nth(0).textContent()).toBe("critical");
    const value = Number((await burstAlert.locator("td").nth(4).textContent())?.replace(/\D/g, ""));
    expect(value).toBeGreaterThanOrEqual(BURST_SIZE);

    // The alert leads to the cases behind it.
    await burstAlert.getByRole("button", { name: "Cases" }).click();
    const cases = page.getByTestId("alert-cases");
    await cases.waitFor();
    expect(await cases.getByRole("link", { name: "e2e-burst-0", exact: true }).count()).toBe(1);

    await page.screenshot({ path: join(ARTIFACTS_DIR, "metrics-live-alert.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("shows a saved scorecard red, amber or green as the API rates it", async () => {
    const created = await send<{ id: string }>("POST", "/api/v1/scorecards", {
      name: "Team weekly",
      filter: { team },
      metrics: [
        { metric: "firstResponseMedianMinutes", target: 60, amberWithin: 30 },
        { metric: "slaFirstResponseAttainment", target: 0.9, amberWithin: 0.05 },
        { metric: "backlog", target: 5 },
        { metric: "csat", target: 80, amberWithin: 5 },
        { metric: "nps", target: 30, amberWithin: 10 },
      ],
    });
    const now = Date.now();
    const days = { from: new Date(now - 6 * DAY_MS), to: new Date(now) };
    const path = `/metrics/scorecards?from=${days.from.toISOString().slice(0, 10)}&to=${days.to
      .toISOString()
      .slice(0, 10)}`;
    const { page, pageErrors } = await signedInPage(path);
    const panel = page.locator(`[data-testid="scorecard-panel"][data-scorecard="${created.id}"]`);
    const cells = panel.getByTestId("scorecard-cell");
    await cells.first().waitFor();
    const shown = await cells.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute("data-status")),
    );
    const period = defaultPeriod(now);
    const result = await api<ScorecardResult>(
      `/api/v1/scorecards/${created.id}/result?from=${days.from.toISOString().slice(0, 10)}T00:00:00.000Z&to=${period.to}`,
    );
    expect(shown).toEqual(result.rows[0]?.cells.map((cell) => cell.status));
    expect(shown.some((status) => status !== "none")).toBe(true);

    await page.screenshot({ path: join(ARTIFACTS_DIR, "metrics-scorecards.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTORS } from "../src/access/actor.js";
import { loadConfig } from "../src/config.js";
import { openStore } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { KPI_NAMES } from "../src/modules/metrics/kpi.js";
import { saveSettings } from "../src/modules/settings/settings.service.js";
import { SLA_POLICIES_KIND } from "../src/modules/sla/sla-settings.service.js";
import {
  WEEK_ALL,
  WEEK_BY_AGENT,
  WEEK_BY_TEAM,
  WEEK_FIXTURE,
  WEEK_SLA_POLICIES,
} from "./fixtures/metrics/week.js";

// `throughline metrics …` as users run it: the built bin in a child process (npm test builds
// first). The week's KPIs are worked out by hand in test/fixtures/metrics/week.ts.
const BIN = decodeURIComponent(new URL("../bin/throughline.js", import.meta.url).pathname);
const run = promisify(execFile);

async function throughline(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", THROUGHLINE_DATA_DIR: "" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Rows as the CLI prints them, compared KPI by KPI (numbers to 9 decimals). */
function expectRows(actual: unknown, expected: readonly ({ key: string } & object)[]) {
  const rows = actual as Record<string, unknown>[];
  expect(rows.map((row) => row.key)).toEqual(expected.map((row) => row.key));
  for (const [index, want] of expected.entries()) {
    const got = rows[index] as Record<string, unknown>;
    expect(Object.keys(got)).toEqual(["key", ...KPI_NAMES]);
    for (const name of KPI_NAMES) {
      const value = (want as Record<string, number | null>)[name] ?? null;
      if (value === null) expect(got[name], `${want.key}.${name}`).toBeNull();
      else expect(got[name], `${want.key}.${name}`).toBeCloseTo(value, 9);
    }
  }
}

describe("throughline metrics", () => {
  let dir: string;
  let data: string;
  const period = ["--from", "2026-03-02T00:00:00Z", "--to", "2026-03-09T00:00:00Z"];
  const asOf = ["--as-of", "2026-03-20T00:00:00Z"];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-metrics-cli-"));
    data = path.join(dir, "store");
    // The SLA policies have no command of their own: saved as the API saves them.
    const store = openStore(loadConfig({ dataDir: data }, {}));
    try {
      await migrateToLatest(store.db);
      await saveSettings(
        store.db,
        SYSTEM_ACTORS.cli,
        SLA_POLICIES_KIND,
        WEEK_SLA_POLICIES as never,
        {
          now: new Date(),
        },
      );
    } finally {
      await store.close();
    }
    const imported = await throughline([
      "events",
      "import",
      WEEK_FIXTURE,
      "--data",
      data,
      "--json",
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 49, written: true });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the scorecard exactly as PRODUCT.md specifies", async () => {
    const result = await throughline([
      "metrics",
      "scorecard",
      ...period,
      ...asOf,
      "--data",
      data,
      "--json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body)).toEqual(["rows"]);
    expectRows(body.rows, [{ key: "all", ...WEEK_ALL }]);
  });

  it("prints one row per team and per agent with --by", async () => {
    const byTeam = await throughline([
      "metrics",
      "scorecard",
      ...period,
      ...asOf,
      "--by",
      "team",
      "--data",
      data,
      "--json",
    ]);
    expect(byTeam.code, byTeam.stderr).toBe(0);
    expectRows(JSON.parse(byTeam.stdout).rows, WEEK_BY_TEAM);
    const byAgent = await throughline([
      "metrics",
      "scorecard",
      ...period,
      ...asOf,
      "--by",
      "agent",
      "--data",
      data,
      "--json",
    ]);
    expectRows(JSON.parse(byAgent.stdout).rows, WEEK_BY_AGENT);
  });

  it("prints a readable scorecard without --json", async () => {
    const result = await throughline(["metrics", "scorecard", ...period, ...asOf, "--data", data]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^all\n/);
    expect(result.stdout).toMatch(/casesOpened\s+5\n/);
    expect(result.stdout).toMatch(/slaFirstResponseAttainment\s+75\.0%\n/);
    expect(result.stdout).toMatch(/costPerCase\s+20\.00\n/);
  });

  it("rebuilds the facts from the log without changing a number", async () => {
    const rebuilt = await throughline(["metrics", "rebuild", "--data", data, "--json"]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ cases: 9, changed: 0 });
    const result = await throughline([
      "metrics",
      "scorecard",
      ...period,
      ...asOf,
      "--data",
      data,
      "--json",
    ]);
    expectRows(JSON.parse(result.stdout).rows, [{ key: "all", ...WEEK_ALL }]);
  });

  it("computes NPS, CSAT and CES from CSV files", async () => {
    const nps = path.join(dir, "nps.csv");
    // Promoters 10, 9, 9; passives 8, 7; detractors 6, 0: (3 − 2) ÷ 7 × 100 = 14.2857…
    fs.writeFileSync(nps, "respondent,score\nr1,10\nr2,9\nr3,9\nr4,8\nr5,7\nr6,6\nr7,0\n");
    const npsResult = await throughline(["metrics", "nps", "--input", nps, "--json"]);
    expect(npsResult.code, npsResult.stderr).toBe(0);
    const npsBody = JSON.parse(npsResult.stdout);
    expect(npsBody).toMatchObject({ promoters: 3, passives: 2, detractors: 2, responses: 7 });
    expect(npsBody.nps).toBeCloseTo(100 / 7, 12);

    const csat = path.join(dir, "csat.csv");
    // One column without a header: 5, 4, 4 satisfied of 5 → 60.
    fs.writeFileSync(csat, "5\n4\n3\n4\n1\n");
    const csatResult = await throughline(["metrics", "csat", "--input", csat, "--json"]);
    expect(JSON.parse(csatResult.stdout)).toEqual({ csat: 60, satisfied: 3, responses: 5 });

    const ces = path.join(dir, "ces.csv");
    // 7 + 5 + 6 = 18 over 3 → 6.
    fs.writeFileSync(ces, "score\n7\n5\n6\n");
    const cesResult = await throughline(["metrics", "ces", "--input", ces, "--json"]);
    expect(JSON.parse(cesResult.stdout)).toEqual({ ces: 6, responses: 3, sum: 18 });
    const human = await throughline(["metrics", "ces", "--input", ces]);
    expect(human.stdout).toBe("CES 6.00 (responses 3, sum 18)\n");
  });

  it.each([
    [
      "an unknown slice",
      [
        "metrics",
        "scorecard",
        "--from",
        "2026-03-02T00:00:00Z",
        "--to",
        "2026-03-09T00:00:00Z",
        "--by",
        "colour",
      ],
      /--by must be one of team, channel/,
    ],
    [
      "from after to",
      ["metrics", "scorecard", "--from", "2026-03-09T00:00:00Z", "--to", "2026-03-02T00:00:00Z"],
      /--from is after --to/,
    ],
    [
      "a period over the maximum",
      ["metrics", "scorecard", "--from", "2025-01-01T00:00:00Z", "--to", "2026-03-02T00:00:00Z"],
      /the period spans more than 400 days/,
    ],
    [
      "a date that is not ISO-8601",
      ["metrics", "scorecard", "--from", "last monday", "--to", "2026-03-02T00:00:00Z"],
      /--from must be an ISO-8601 date-time/,
    ],
    [
      "a missing --to",
      ["metrics", "scorecard", "--from", "2026-03-02T00:00:00Z"],
      /required option '--to <iso>'/,
    ],
  ])("refuses %s with one line and a non-zero exit", async (_name, args, message) => {
    const result = await throughline([...args, "--data", data]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")[0]).toMatch(message);
  });

  it("names the line and column of a bad survey answer", async () => {
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "id,score\na,5\nb,six\n");
    const result = await throughline(["metrics", "csat", "--input", bad, "--json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `throughline: ${bad}: line 3, column "score": "six" is not a csat score (a whole number from 1 to 5)\n`,
    );
    const missing = await throughline(["metrics", "nps", "--input", path.join(dir, "none.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^throughline: cannot read .*none\.csv \(ENOENT\)\n$/);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.js";
import { CASE_EXPORT_COLUMNS } from "../src/modules/exports/case-export.js";
import { EXPORT_HISTORY_LINES, EXPORT_PERIOD } from "./support/export-history.js";

/**
 * `throughline metrics export` in process, through the CLI's own entry (`main`), over an embedded
 * store in a temporary directory holding the hand-made history (imported with `events import`).
 * Without SLA policies every case's first-response outcome is "none".
 */
describe("throughline metrics export", () => {
  let dir: string;
  const period = ["--from", EXPORT_PERIOD.from, "--to", EXPORT_PERIOD.to];

  /** Runs the CLI, capturing what it writes and its exit code. */
  async function run(args: string[]) {
    let stdout = "";
    let stderr = "";
    const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
      stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString();
      return true;
    });
    const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      stderr += String(chunk);
      return true;
    });
    try {
      await main([...args, "--data", dir]);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const exitCode = process.exitCode ?? 0;
    process.exitCode = undefined;
    return { stdout, stderr, exitCode };
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-export-"));
    const history = path.join(dir, "history.ndjson");
    fs.writeFileSync(history, `${EXPORT_HISTORY_LINES.join("\n")}\n`);
    const imported = await run(["events", "import", history, "--json"]);
    expect(imported.exitCode, imported.stderr).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    process.exitCode = undefined;
  });

  it("writes CSV to standard output by default", async () => {
    const { stdout, exitCode, stderr } = await run(["metrics", "export", ...period]);
    expect(exitCode, stderr).toBe(0);
    expect(stdout.split("\n")[0]).toBe(CASE_EXPORT_COLUMNS.join(","));
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.caseId)).toEqual([
      "case-0",
      "case-1",
      "case-2",
      "case-3",
      "case-4",
    ]);
    expect(rows.map((row) => row.slaFirstResponseOutcome)).toEqual(Array(5).fill("none"));
    expect(rows[2]).toMatchObject({ firstResponseMinutes: "75", handoffs: "1", reopened: "true" });
  });

  it("writes NDJSON to a file with --output", async () => {
    const file = path.join(dir, "cases.ndjson");
    const { stdout, exitCode } = await run([
      "metrics",
      "export",
      ...period,
      "--format",
      "ndjson",
      "--output",
      file,
    ]);
    expect(exitCode).toBe(0);
    expect(stdout).toBe("");
    const rows = fs
      .readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatchObject({
      caseId: "case-1",
      firstResponseMinutes: 30,
      resolutionHours: 2,
      recontacted: true,
      recontactedBy: "case-3",
      fcr: false,
      csat: 4,
      nps: 9,
    });
  });

  it.each([
    [["--from", "2026-03-02", "--to", EXPORT_PERIOD.to], "--from must be an ISO-8601 date-time"],
    [["--from", EXPORT_PERIOD.to, "--to", EXPORT_PERIOD.from], "--from is after --to"],
    [["--from", "2020-01-01T00:00:00Z", "--to", EXPORT_PERIOD.to], "more than 400 days"],
  ])("refuses %j with one line naming the flag, writing no file", async (flags, message) => {
    const file = path.join(dir, "refused.csv");
    const { stderr, exitCode, stdout } = await run([
      "metrics",
      "export",
      ...flags,
      "--output",
      file,
    ]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(message);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("refuses an unknown format and a missing --to", async () => {
    const format = await run(["metrics", "export", ...period, "--format", "xlsx"]);
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toContain("--format");
    const missing = await run(["metrics", "export", "--from", EXPORT_PERIOD.from]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("--to");
  });
});

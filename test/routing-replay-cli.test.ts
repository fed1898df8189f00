import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `throughline routing replay` as users run it: the built bin in a child process (npm test builds
// first; `npm run build:server` when running this file alone).
const BIN = fileURLToPath(new URL("../bin/throughline.js", import.meta.url));
const run = promisify(execFile);

async function throughline(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", THROUGHLINE_DATA_DIR: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const rule = (overrides: Record<string, unknown>) => ({
  id: "refunds",
  name: "Refunds to returns",
  enabled: true,
  match: "all",
  conditions: [{ field: "case.category", op: "equals", value: "billing/refund" }],
  actions: { setTeam: "returns" },
  stop: false,
  ...overrides,
});

describe("throughline routing replay", () => {
  let dir: string;
  let data: string;
  const file = (name: string, content: unknown) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
    return target;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-replay-"));
    data = path.join(dir, "data");
    // Two refunds and an exchange opened in the last hours: one refund was handed to returns.
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const opened = (id: string, hours: number, category: string, team: string) => ({
      type: "case.opened",
      at: hoursAgo(hours),
      case: id,
      customer: "cus-1",
      channel: "email",
      category,
      priority: "normal",
      team,
    });
    const events = [
      { type: "team.upserted", at: hoursAgo(10), team: "billing" },
      { type: "team.upserted", at: hoursAgo(10), team: "returns" },
      opened("a", 5, "billing/refund", "billing"),
      opened("b", 4, "billing/refund", "billing"),
      { type: "case.handoff", at: hoursAgo(3), case: "b", from: "billing", to: "returns" },
      opened("c", 2, "returns/exchange", "returns"),
    ];
    const ndjson = file("history.ndjson", events.map((event) => JSON.stringify(event)).join("\n"));
    const imported = await throughline(["events", "import", ndjson, "--data", data]);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the replay as JSON with --json", async () => {
    const rules = file("draft.json", { enabled: false, fallbackTeam: null, rules: [rule({})] });
    const result = await throughline([
      "routing",
      "replay",
      "--rules",
      rules,
      "--days",
      "1",
      "--json",
      "--data",
      data,
    ]);
    expect(result.code, result.stderr).toBe(0);
    // a and b move to returns (b ended there: its handoff is avoided; a now needs one).
    expect(JSON.parse(result.stdout)).toMatchObject({
      days: 1,
      version: null,
      cases: 3,
      changed: 2,
      transfers: { actual: 1, replay: 1, avoided: 1, added: 1 },
      rules: [{ rule: "refunds", fires: 2, decides: 2 }],
      teams: [
        { team: "billing", actualCases: 2, replayCases: 0, delta: -2 },
        { team: "returns", actualCases: 1, replayCases: 3, delta: 2 },
      ],
    });
  });

  it("reads a saved version as the API answers it, and prints a summary without --json", async () => {
    const saved = file("saved.json", {
      kind: "routing-rules",
      version: 3,
      document: { enabled: true, fallbackTeam: null, rules: [rule({})] },
    });
    const result = await throughline(["routing", "replay", "--rules", saved, "--data", data]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("2 case(s) would go to another team");
    expect(result.stdout).toContain("transfers: 1 actual → 1 replayed (1 avoided, 1 added)");
  });

  it("answers bad input with one line and exit code 2", async () => {
    const badOp = file("bad-op.json", {
      enabled: true,
      fallbackTeam: null,
      rules: [rule({ conditions: [{ field: "case.category", op: "gt", value: "x" }] })],
    });
    const unknownTeam = file("unknown-team.json", {
      enabled: true,
      fallbackTeam: null,
      rules: [rule({ actions: { setTeam: "nowhere" } })],
    });
    const cases: [string[], RegExp][] = [
      [["--days", "0"], /--days must be a whole number from 1 to 90, got "0"/],
      [["--days", "91"], /--days must be a whole number from 1 to 90/],
      [["--rules", path.join(dir, "missing.json")], /cannot read rules file/],
      [["--rules", file("not-json.json", "{")], /is not JSON/],
      [["--rules", file("shape.json", { enabled: true })], /invalid rules .*shape\.json: /],
      [["--rules", badOp], /invalid rules .*: rules\.0\.conditions\.0\.op: rule "refunds"/],
      [["--rules", unknownTeam], /rules\.0\.actions\.setTeam: team "nowhere" does not exist/],
    ];
    for (const [args, message] of cases) {
      const result = await throughline(["routing", "replay", ...args, "--data", data]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });
});

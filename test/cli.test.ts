import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLI as users run it: the built bin in a child process (npm test builds first).
const BIN = fileURLToPathSafe(new URL("../bin/throughline.js", import.meta.url));
const run = promisify(execFile);

function fileURLToPathSafe(url: URL): string {
  return decodeURIComponent(url.pathname);
}

async function throughline(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", THROUGHLINE_DATA_DIR: "", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const events = [
  { id: "t", type: "team.upserted", at: "2026-03-01T08:00:00Z", team: "billing", name: "Billing" },
  {
    id: "c",
    type: "customer.upserted",
    at: "2026-03-01T08:00:00Z",
    customer: "cus-1",
    tier: "gold",
    segment: "smb",
    region: "emea",
  },
  {
    id: "o",
    type: "case.opened",
    at: "2026-03-01T09:00:00Z",
    case: "k1",
    customer: "cus-1",
    channel: "web",
    category: "billing/invoice",
    priority: "low",
    team: "billing",
    note: "kept",
  },
  { id: "r", type: "case.resolved", at: "2026-03-01T11:00:00Z", case: "k1" },
];

describe("throughline CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-cli-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints help for every command", async () => {
    const help = await throughline(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["serve", "migrate", "demo", "events"])
      expect(help.stdout).toContain(command);
    const importHelp = await throughline(["events", "import", "--help"]);
    expect(importHelp.stdout).toContain("--skip-invalid");
    expect(importHelp.stdout).toContain("--data <dir>");
  });

  it("imports, exports the same events back, and re-imports idempotently", async () => {
    const data = path.join(dir, "roundtrip");
    const file = path.join(dir, "events.ndjson");
    fs.writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join("\n")}\n`);

    const first = await throughline(["events", "import", file, "--data", data, "--json"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: 4, invalid: 0, written: true });

    const exported = await throughline(["events", "export", "--data", data]);
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual(events);

    const again = await throughline(["events", "import", file, "--data", data, "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, duplicates: 4 });
  });

  it("reports each bad line, writes nothing, and exits non-zero", async () => {
    const data = path.join(dir, "invalid");
    const file = path.join(dir, "bad.ndjson");
    fs.writeFileSync(
      file,
      [JSON.stringify(events[0]), "{oops", JSON.stringify({ ...events[2], priority: "asap" })].join(
        "\n",
      ),
    );
    const result = await throughline(["events", "import", file, "--data", data]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("nothing imported: 2 invalid line(s)");
    expect(result.stdout).toContain("line 2: not valid JSON");
    expect(result.stdout).toContain("line 3: priority: must be one of urgent, high, normal, low");
    const exported = await throughline(["events", "export", "--data", data]);
    expect(exported.stdout).toBe("");
  });

  it("answers bad input with one line and a non-zero exit", async () => {
    const missing = await throughline([
      "events",
      "import",
      path.join(dir, "nope.ndjson"),
      "--data",
      dir,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain("no such file");

    const badDays = await throughline(["demo", "--days", "many", "--data", dir]);
    expect(badDays.code).toBe(2);
    expect(badDays.stderr.trim()).toBe(
      'throughline: --days must be a positive whole number, got "many"',
    );

    const badType = await throughline([
      "events",
      "export",
      "--type",
      "case.nothing",
      "--data",
      dir,
    ]);
    expect(badType.code).toBe(2);

    const unknownCommand = await throughline(["frobnicate"]);
    expect(unknownCommand.code).toBe(2);
  });

  it("creates and migrates the store on demand", async () => {
    const data = path.join(dir, "fresh");
    const migrated = await throughline(["migrate", "--data", data, "--json"]);
    expect(migrated.code).toBe(0);
    const report = JSON.parse(migrated.stdout);
    expect(report.applied).toContain("20261125T1200-initial");
    expect(report.applied).toHaveLength(report.total);
    expect(fs.existsSync(path.join(data, "throughline.sqlite"))).toBe(true);
    const again = await throughline(["migrate", "--data", data, "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: [] });
  });

  it("generates the same demo for the same seed, and records it through the store", async () => {
    const args = ["demo", "--days", "3", "--scale", "0.05", "--seed", "5", "--end", "2026-03-01"];
    const a = path.join(dir, "a.ndjson");
    const b = path.join(dir, "b.ndjson");
    expect((await throughline([...args, "--ndjson", a])).code).toBe(0);
    expect((await throughline([...args, "--ndjson", b])).code).toBe(0);
    expect(fs.readFileSync(a, "utf8")).toBe(fs.readFileSync(b, "utf8"));

    const data = path.join(dir, "demo");
    const seeded = await throughline([...args, "--data", data, "--json"]);
    expect(seeded.code).toBe(0);
    const summary = JSON.parse(seeded.stdout);
    const exported = (await throughline(["events", "export", "--data", data])).stdout
      .trim()
      .split("\n");
    // The store holds the simulated events, and what the SLA timers and escalation paths fired
    // catching up on them (ids sla:… and esc:…).
    const simulated = exported.filter((line) => line.startsWith('{"id":"demo-'));
    expect(simulated).toHaveLength(summary.events);
    expect(`${simulated.join("\n")}\n`).toBe(fs.readFileSync(a, "utf8"));
    expect(exported.length - simulated.length).toBe(
      summary.slaEventsFired + summary.escalationsFired,
    );
    expect(summary.slaEventsFired).toBeGreaterThan(0);
  });

  it("names the demo's episodes in its human-readable summary, as --json lists them", async () => {
    const args = ["demo", "--days", "90", "--scale", "0.02", "--seed", "5", "--end", "2026-12-01"];
    const file = path.join(dir, "episodes.ndjson");
    const human = await throughline([...args, "--ndjson", file]);
    expect(human.code, human.stderr).toBe(0);
    const listed = JSON.parse((await throughline([...args, "--ndjson", file, "--json"])).stdout);
    expect(listed.episodes.length).toBeGreaterThanOrEqual(2);
    for (const episode of listed.episodes as { kind: string; from: string }[]) {
      expect(human.stdout).toContain(`${episode.kind} ${episode.from.slice(0, 16)}Z`);
    }
  });
});

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `throughline calendar due` as users run it: the built bin in a child process (npm test builds
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

// The calendar of PRODUCT.md's example.
const BERLIN = {
  timezone: "Europe/Berlin",
  hours: {
    mon: [["09:00", "17:00"]],
    tue: [
      ["09:00", "12:00"],
      ["13:00", "17:00"],
    ],
    wed: [["09:00", "17:00"]],
    thu: [["09:00", "17:00"]],
    fri: [["09:00", "17:00"]],
  },
  holidays: ["2026-12-25"],
};

describe.concurrent("throughline calendar due", () => {
  let dir: string;
  const file = (name: string, content: unknown) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
    return target;
  };
  let berlin: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-calendar-"));
    berlin = file("berlin.json", BERLIN);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const due = (calendar: string, start: string, minutes: string, ...more: string[]) =>
    throughline([
      "calendar",
      "due",
      "--calendar",
      calendar,
      "--start",
      start,
      "--minutes",
      minutes,
      ...more,
    ]);

  it('prints the due instant, or {"due"} with --json, in the calendar\'s zone', async () => {
    // Friday 16:00 + 2 business hours → Monday 10:00.
    const human = await due(berlin, "2026-03-06T15:00:00Z", "120");
    expect(human).toEqual({ code: 0, stdout: "2026-03-09T10:00:00+01:00\n", stderr: "" });

    const json = await due(berlin, "2026-03-06T16:00:00+01:00", "120", "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ due: "2026-03-09T10:00:00+01:00" });
  });

  it("skips the lunch break and holidays, and a target used up at closing is due then", async () => {
    expect((await due(berlin, "2026-03-03T11:00:00+01:00", "120")).stdout).toBe(
      "2026-03-03T14:00:00+01:00\n",
    );
    expect((await due(berlin, "2026-12-24T16:00:00+01:00", "60")).stdout).toBe(
      "2026-12-24T17:00:00+01:00\n",
    );
    expect((await due(berlin, "2026-12-24T16:30:00+01:00", "60")).stdout).toBe(
      "2026-12-28T09:30:00+01:00\n",
    );
  });

  it("takes 0 and fractional minutes; milliseconds appear only when not zero", async () => {
    expect((await due(berlin, "2026-03-07T12:00:00+01:00", "0")).stdout).toBe(
      "2026-03-09T09:00:00+01:00\n",
    );
    expect((await due(berlin, "2026-03-09T09:00:00+01:00", "0.0125")).stdout).toBe(
      "2026-03-09T09:00:00.750+01:00\n",
    );
    expect((await due(berlin, "2026-03-09T09:00:00+01:00", "1.5")).stdout).toBe(
      "2026-03-09T09:01:30+01:00\n",
    );
  });

  it("counts real minutes across DST and writes UTC offsets as +00:00", async () => {
    const night = file("new-york-night.json", {
      timezone: "America/New_York",
      hours: { sun: [["01:00", "04:00"]] },
    });
    // 01:00–04:00 on the spring-forward night is 2 real hours.
    expect((await due(night, "2026-03-08T01:00:00-05:00", "120")).stdout).toBe(
      "2026-03-08T04:00:00-04:00\n",
    );
    expect((await due(night, "2026-03-08T01:00:00-05:00", "121")).stdout).toBe(
      "2026-03-15T01:01:00-04:00\n",
    );
    const utc = file("utc.json", { timezone: "UTC", hours: { mon: [["00:00", "24:00"]] } });
    expect((await due(utc, "2026-03-09T23:00:00+01:00", "30")).stdout).toBe(
      "2026-03-09T22:30:00+00:00\n",
    );
  });

  it("stops the clock during each --pause, repeated or listed", async () => {
    const pauses = [
      "2026-03-06T16:00:00+01:00/2026-03-06T16:30:00+01:00",
      "2026-03-09T09:00:00+01:00/PT1H",
    ];
    const repeated = await due(
      berlin,
      "2026-03-06T16:00:00+01:00",
      "60",
      "--pause",
      pauses[0] ?? "",
      "--pause",
      pauses[1] ?? "",
    );
    expect(repeated.stdout).toBe("2026-03-09T10:30:00+01:00\n");
    const listed = await due(berlin, "2026-03-06T16:00:00+01:00", "60", "--pause", ...pauses);
    expect(listed.stdout).toBe("2026-03-09T10:30:00+01:00\n");
  });

  describe("bad input: one line on stderr, nothing on stdout, exit code 2", () => {
    const expectUsageError = (
      result: { code: number; stdout: string; stderr: string },
      message: RegExp,
    ) => {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.endsWith("\n")).toBe(true);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^throughline: /);
      expect(result.stderr).toMatch(message);
    };

    it("an unreadable or non-JSON calendar file", async () => {
      expectUsageError(
        await due(path.join(dir, "missing.json"), "2026-03-06T15:00:00Z", "5"),
        /cannot read calendar file .*missing\.json \(ENOENT\)/,
      );
      expectUsageError(
        await due(file("broken.json", "{ not json"), "2026-03-06T15:00:00Z", "5"),
        /is not JSON/,
      );
    });

    it.each([
      [
        "overlapping spans",
        {
          ...BERLIN,
          hours: {
            tue: [
              ["09:00", "12:30"],
              ["12:00", "17:00"],
            ],
          },
        },
        /invalid calendar .*: hours\.tue\.1: overlaps/,
      ],
      ["25:00", { ...BERLIN, hours: { mon: [["09:00", "25:00"]] } }, /hours\.mon\.0: end "25:00"/],
      [
        "an unknown zone",
        { ...BERLIN, timezone: "Europe/Atlantis" },
        /timezone: "Europe\/Atlantis"/,
      ],
      [
        "an unknown weekday",
        { ...BERLIN, hours: { funday: [["09:00", "17:00"]] } },
        /hours\.funday/,
      ],
      ["a bad holiday", { ...BERLIN, holidays: ["2026-02-30"] }, /holidays\.0/],
    ])("an invalid calendar (%s) names the field", async (_case, calendar, message) => {
      expectUsageError(
        await due(
          file(`invalid-${_case.replace(/\W/g, "-")}.json`, calendar),
          "2026-03-06T15:00:00Z",
          "5",
        ),
        message,
      );
    });

    it.each([
      ["no offset", "2026-03-06T15:00:00"],
      ["a date only", "2026-03-06"],
      ["an impossible date", "2026-02-30T10:00:00Z"],
      ["words", "tomorrow"],
    ])("a --start with %s", async (_case, start) => {
      expectUsageError(
        await due(berlin, start, "5"),
        /--start must be an ISO-8601 date-time with an offset/,
      );
    });

    it.each([
      ["negative", "-5", /--minutes must not be negative/],
      ["not a number", "ten", /--minutes must be a number/],
      ["empty", "", /--minutes must be a number/],
      ["hexadecimal", "0x10", /--minutes must be a number/],
      ["absurdly large", "1e12", /--minutes must be at most/],
    ])("--minutes %s", async (_case, minutes, message) => {
      expectUsageError(await due(berlin, "2026-03-06T15:00:00Z", minutes), message);
    });

    it.each([
      ["not an interval", "2026-03-06T15:00:00Z", /is not an interval/],
      ["an instant without offset", "2026-03-06T15:00:00/2026-03-06T16:00:00Z", /invalid instant/],
      ["a bad duration", "2026-03-06T15:00:00Z/PT1X", /invalid duration/],
      ["two durations", "PT1H/PT2H", /has no instant/],
      [
        "an end before its start",
        "2026-03-06T16:00:00Z/2026-03-06T15:00:00Z",
        /ends before it starts/,
      ],
    ])("a --pause that is %s", async (_case, interval, message) => {
      expectUsageError(
        await due(berlin, "2026-03-06T15:00:00Z", "5", "--pause", interval),
        message,
      );
    });

    it("a missing required option", async () => {
      expectUsageError(
        await throughline(["calendar", "due", "--start", "2026-03-06T15:00:00Z", "--minutes", "5"]),
        /--calendar <file> is required/,
      );
      expectUsageError(
        await throughline(["calendar", "due", "--calendar", berlin, "--minutes", "5"]),
        /--start <iso> is required/,
      );
      expectUsageError(
        await throughline([
          "calendar",
          "due",
          "--calendar",
          berlin,
          "--start",
          "2026-03-06T15:00:00Z",
        ]),
        /--minutes <n> is required/,
      );
    });
  });
});

import { describe, expect, it } from "vitest";
import { latestRunAtOrBefore, nextRunAfter } from "./digest-schedule.js";
import type { DigestTiming } from "./digest-settings.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

function daily(hour: number, timezone: string): DigestTiming {
  return { cadence: "daily", hour, weekday: null, timezone };
}

/** The next `count` runs after `start`, as ISO instants. */
function runsAfter(timing: DigestTiming, start: number, count: number): string[] {
  const runs: string[] = [];
  let instant = start;
  for (let index = 0; index < count; index += 1) {
    const next = nextRunAfter(timing, instant);
    runs.push(iso(next.runAt));
    instant = next.runAt;
  }
  return runs;
}

describe("daily digests", () => {
  it("run at the local hour and report the previous local day", () => {
    // 2026-01-15 08:00 in Berlin is 07:00Z (CET, +01:00).
    const period = latestRunAtOrBefore(daily(8, "Europe/Berlin"), at("2026-01-15T07:30:00Z"));
    expect(iso(period.runAt)).toBe("2026-01-15T07:00:00.000Z");
    expect(iso(period.from)).toBe("2026-01-13T23:00:00.000Z");
    expect(iso(period.to)).toBe("2026-01-14T23:00:00.000Z");
    expect([period.firstDay, period.lastDay]).toEqual(["2026-01-14", "2026-01-14"]);
  });

  it("take the previous day's run until the hour has come, and the run itself at the hour", () => {
    const timing = daily(8, "Europe/Berlin");
    expect(iso(latestRunAtOrBefore(timing, at("2026-01-15T06:59:59.999Z")).runAt)).toBe(
      "2026-01-14T07:00:00.000Z",
    );
    expect(iso(latestRunAtOrBefore(timing, at("2026-01-15T07:00:00Z")).runAt)).toBe(
      "2026-01-15T07:00:00.000Z",
    );
    // The next run is strictly after: asked at a run, it is the following day's.
    expect(iso(nextRunAfter(timing, at("2026-01-15T07:00:00Z")).runAt)).toBe(
      "2026-01-16T07:00:00.000Z",
    );
  });

  it("keep the local hour across spring forward: 23 hours between runs, a 23-hour day reported", () => {
    // Berlin moves from +01:00 to +02:00 at 02:00 on Sunday 2026-03-29.
    const timing = daily(8, "Europe/Berlin");
    expect(runsAfter(timing, at("2026-03-27T12:00:00Z"), 3)).toEqual([
      "2026-03-28T07:00:00.000Z",
      "2026-03-29T06:00:00.000Z",
      "2026-03-30T06:00:00.000Z",
    ]);
    const monday = latestRunAtOrBefore(timing, at("2026-03-30T06:00:00Z"));
    expect(monday.lastDay).toBe("2026-03-29");
    expect(iso(monday.from)).toBe("2026-03-28T23:00:00.000Z");
    expect(iso(monday.to)).toBe("2026-03-29T22:00:00.000Z");
    expect((monday.to - monday.from) / HOUR).toBe(23);
  });

  it("keep the local hour across fall back: 25 hours between runs, a 25-hour day reported", () => {
    // Berlin moves from +02:00 back to +01:00 at 03:00 on Sunday 2026-10-25.
    const timing = daily(8, "Europe/Berlin");
    expect(runsAfter(timing, at("2026-10-24T12:00:00Z"), 2)).toEqual([
      "2026-10-25T07:00:00.000Z",
      "2026-10-26T07:00:00.000Z",
    ]);
    const monday = latestRunAtOrBefore(timing, at("2026-10-26T07:00:00Z"));
    expect(monday.lastDay).toBe("2026-10-25");
    expect((monday.to - monday.from) / HOUR).toBe(25);
  });

  it("run an hour the clock skips at the first instant after the gap, once", () => {
    // 02:00 does not exist in Berlin on 2026-03-29: the run is at 03:00 CEST (01:00Z).
    const timing = daily(2, "Europe/Berlin");
    expect(runsAfter(timing, at("2026-03-27T12:00:00Z"), 3)).toEqual([
      "2026-03-28T01:00:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:00:00.000Z",
    ]);
  });

  it("run an hour the clock repeats at its first occurrence, once", () => {
    // 02:00–03:00 happens twice in Berlin on 2026-10-25: first at +02:00 (00:00Z), then +01:00.
    const timing = daily(2, "Europe/Berlin");
    expect(runsAfter(timing, at("2026-10-24T12:00:00Z"), 2)).toEqual([
      "2026-10-25T00:00:00.000Z",
      "2026-10-26T01:00:00.000Z",
    ]);
    // Asked during the repeated hour's second pass, the run is still the first one.
    expect(iso(latestRunAtOrBefore(timing, at("2026-10-25T01:30:00Z")).runAt)).toBe(
      "2026-10-25T00:00:00.000Z",
    );
  });

  it("start a day at its first instant where midnight is skipped (Santiago, 2026-09-06)", () => {
    // Chile moves from -04:00 to -03:00 at midnight: the 6th starts at 01:00 local (04:00Z).
    const timing = daily(0, "America/Santiago");
    const sunday = latestRunAtOrBefore(timing, at("2026-09-06T12:00:00Z"));
    expect(iso(sunday.runAt)).toBe("2026-09-06T04:00:00.000Z");
    expect(iso(sunday.to)).toBe("2026-09-06T04:00:00.000Z");
    expect(iso(sunday.from)).toBe("2026-09-05T04:00:00.000Z");
    const monday = latestRunAtOrBefore(timing, at("2026-09-07T12:00:00Z"));
    expect((monday.to - monday.from) / HOUR).toBe(23);
  });

  it("read the local day in zones east of UTC", () => {
    // 07:00 on 2026-06-01 in Sydney (+10:00) is 21:00Z on May 31st.
    const period = latestRunAtOrBefore(daily(7, "Australia/Sydney"), at("2026-05-31T21:05:00Z"));
    expect(iso(period.runAt)).toBe("2026-05-31T21:00:00.000Z");
    expect(period.lastDay).toBe("2026-05-31");
    expect(iso(period.from)).toBe("2026-05-30T14:00:00.000Z");
  });
});

describe("weekly digests", () => {
  const monday7NewYork: DigestTiming = {
    cadence: "weekly",
    hour: 7,
    weekday: "mon",
    timezone: "America/New_York",
  };

  it("run on the weekday and report the seven local days before it", () => {
    // Wednesday 2026-02-11: the latest run is Monday the 9th at 07:00 EST (12:00Z).
    const period = latestRunAtOrBefore(monday7NewYork, at("2026-02-11T15:00:00Z"));
    expect(iso(period.runAt)).toBe("2026-02-09T12:00:00.000Z");
    expect([period.firstDay, period.lastDay]).toEqual(["2026-02-02", "2026-02-08"]);
    expect(iso(period.from)).toBe("2026-02-02T05:00:00.000Z");
    expect(iso(period.to)).toBe("2026-02-09T05:00:00.000Z");
    expect(iso(nextRunAfter(monday7NewYork, at("2026-02-11T15:00:00Z")).runAt)).toBe(
      "2026-02-16T12:00:00.000Z",
    );
  });

  it("on the run day before the hour, take last week's run", () => {
    const period = latestRunAtOrBefore(monday7NewYork, at("2026-02-09T11:59:00Z"));
    expect(iso(period.runAt)).toBe("2026-02-02T12:00:00.000Z");
  });

  it("keep the local hour across the US spring change, reporting a week an hour short", () => {
    // New York moves from -05:00 to -04:00 on Sunday 2026-03-08.
    expect(runsAfter(monday7NewYork, at("2026-02-26T00:00:00Z"), 3)).toEqual([
      "2026-03-02T12:00:00.000Z",
      "2026-03-09T11:00:00.000Z",
      "2026-03-16T11:00:00.000Z",
    ]);
    const period = latestRunAtOrBefore(monday7NewYork, at("2026-03-09T11:00:00Z"));
    expect([period.firstDay, period.lastDay]).toEqual(["2026-03-02", "2026-03-08"]);
    expect((period.to - period.from) / HOUR).toBe(7 * 24 - 1);
  });

  it("run on a Sunday too (ISO weekday 7)", () => {
    const sunday: DigestTiming = { cadence: "weekly", hour: 18, weekday: "sun", timezone: "UTC" };
    const period = latestRunAtOrBefore(sunday, at("2026-12-06T18:00:00Z"));
    expect(iso(period.runAt)).toBe("2026-12-06T18:00:00.000Z");
    expect([period.firstDay, period.lastDay]).toEqual(["2026-11-29", "2026-12-05"]);
    expect(iso(nextRunAfter(sunday, at("2026-12-06T18:00:00Z")).runAt)).toBe(
      "2026-12-13T18:00:00.000Z",
    );
  });
});

import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, WEEK_MS } from "./alert.js";
import {
  baselineIntervals,
  chunkInterval,
  firstCompleteBucket,
  judgedValues,
  mergeIntervals,
  type SliceValues,
  valueLookup,
} from "./alert-series.js";

const T = Date.UTC(2026, 2, 2);

describe("the intervals a baseline reads", () => {
  it("reads the same hours of past weeks for hourly rules, every day of them for daily ones", () => {
    const current = { from: T, to: T + 2 * HOUR_MS };
    expect(baselineIntervals({ kind: "baseline", bucket: "hour", weeks: 3 }, current)).toEqual([
      current,
      { from: T - WEEK_MS, to: T - WEEK_MS + 2 * HOUR_MS },
      { from: T - 2 * WEEK_MS, to: T - 2 * WEEK_MS + 2 * HOUR_MS },
      { from: T - 3 * WEEK_MS, to: T - 3 * WEEK_MS + 2 * HOUR_MS },
    ]);
    expect(baselineIntervals({ kind: "baseline", bucket: "day", weeks: 4 }, current)).toEqual([
      { from: T - 4 * WEEK_MS, to: T + 2 * HOUR_MS },
    ]);
    expect(baselineIntervals({ kind: "threshold", bucket: "hour", weeks: 4 }, current)).toEqual([
      current,
    ]);
  });

  it("merges overlapping intervals and cuts them into queries the engine accepts", () => {
    expect(
      mergeIntervals([
        { from: 10, to: 20 },
        { from: 0, to: 5 },
        { from: 15, to: 30 },
        { from: 30, to: 31 },
        { from: 40, to: 40 },
      ]),
    ).toEqual([
      { from: 0, to: 5 },
      { from: 10, to: 31 },
    ]);
    // 2,500 hours: 1,000 + 1,000 + 500.
    const chunks = chunkInterval({ from: T, to: T + 2_500 * HOUR_MS }, "hour");
    expect(chunks.map((chunk) => (chunk.to - chunk.from) / HOUR_MS)).toEqual([1_000, 1_000, 500]);
    // Days: at most 300 at a time (the engine's longest period is 400 days).
    const days = chunkInterval({ from: T, to: T + 365 * DAY_MS }, "day");
    expect(days.map((chunk) => (chunk.to - chunk.from) / DAY_MS)).toEqual([300, 65]);
  });
});

describe("the values rules judge", () => {
  const values: SliceValues = new Map([
    [
      "billing",
      new Map([
        [
          "reopenRate",
          new Map<number, number | null>([
            [T, 0.2],
            [T + DAY_MS, null],
            [T + 2 * DAY_MS, 0.1],
          ]),
        ],
        [
          "casesResolved",
          new Map<number, number | null>([
            [T, 30],
            [T + DAY_MS, 0],
            [T + 2 * DAY_MS, 4],
          ]),
        ],
      ]),
    ],
  ]);
  const read = [{ from: T - DAY_MS, to: T + 3 * DAY_MS }];

  it("knows nothing before the history starts or outside what was read; a missing count is 0", () => {
    const rate = valueLookup(values, "billing", "reopenRate", read, T);
    expect(rate(T)).toBe(0.2);
    expect(rate(T + DAY_MS)).toBeNull();
    expect(rate(T - DAY_MS)).toBeUndefined();
    expect(rate(T + 5 * DAY_MS)).toBeUndefined();
    const opened = valueLookup(values, "orders", "casesOpened", read, T - DAY_MS);
    expect(opened(T)).toBe(0);
    expect(valueLookup(values, "orders", "csat", read, T - DAY_MS)(T)).toBeNull();
    expect(firstCompleteBucket(T + 5 * 60_000, "hour")).toBe(T + HOUR_MS);
    expect(firstCompleteBucket(undefined, "day")).toBe(Number.POSITIVE_INFINITY);
  });

  it("leaves out buckets resting on too few cases", () => {
    const judged = judgedValues(
      valueLookup(values, "billing", "reopenRate", read, T),
      valueLookup(values, "billing", "casesResolved", read, T),
      20,
    );
    expect(judged(T)).toBe(0.2);
    expect(judged(T + 2 * DAY_MS)).toBeNull();
    expect(judged(T + DAY_MS)).toBeNull();
  });
});

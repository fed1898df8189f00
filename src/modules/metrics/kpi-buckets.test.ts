import { describe, expect, it } from "vitest";
import { bucketFloor, countSeriesBuckets, seriesBuckets } from "./kpi-buckets.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("series buckets", () => {
  it("starts weeks on Monday 00:00 UTC and months on the 1st", () => {
    // 2026-03-08 is a Sunday; its week began on Monday 2026-03-02.
    expect(iso(bucketFloor("week", at("2026-03-08T23:59:59Z")))).toBe("2026-03-02T00:00:00.000Z");
    expect(iso(bucketFloor("week", at("2026-03-09T00:00:00Z")))).toBe("2026-03-09T00:00:00.000Z");
    expect(iso(bucketFloor("month", at("2026-02-28T12:00:00Z")))).toBe("2026-02-01T00:00:00.000Z");
    expect(iso(bucketFloor("hour", at("2026-02-28T12:34:56Z")))).toBe("2026-02-28T12:00:00.000Z");
  });

  it("clips the first and last bucket to the period", () => {
    const buckets = seriesBuckets(at("2026-01-15T00:00:00Z"), at("2026-03-10T00:00:00Z"), "month");
    expect(buckets.map((bucket) => [iso(bucket.at), iso(bucket.from), iso(bucket.to)])).toEqual([
      ["2026-01-01T00:00:00.000Z", "2026-01-15T00:00:00.000Z", "2026-02-01T00:00:00.000Z"],
      ["2026-02-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
      ["2026-03-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "2026-03-10T00:00:00.000Z"],
    ]);
  });

  it("counts buckets without listing them", () => {
    for (const bucket of ["hour", "day", "week", "month"] as const) {
      const from = at("2025-11-03T05:30:00Z");
      const to = at("2026-04-17T13:00:00Z");
      expect(countSeriesBuckets(from, to, bucket), bucket).toBe(
        seriesBuckets(from, to, bucket).length,
      );
    }
    expect(countSeriesBuckets(at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), "day")).toBe(
      0,
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  allowedBuckets,
  autoBucket,
  chooseBucket,
  DAY_MS,
  HOUR_MS,
  previousPeriod,
  recentDays,
  resolvePeriod,
  sliceQuery,
  utcDayStart,
} from "./metric-period.ts";

const NOW = Date.parse("2026-03-10T14:20:00Z");
const at = (iso: string) => Date.parse(iso);

describe("resolvePeriod", () => {
  it("takes whole UTC days, the last one included", () => {
    expect(resolvePeriod({ from: "2026-02-01", to: "2026-02-28" }, NOW)).toEqual({
      from: at("2026-02-01T00:00:00Z"),
      to: at("2026-03-01T00:00:00Z"),
      days: { from: "2026-02-01", to: "2026-02-28" },
    });
  });

  it("ends a period reaching into today at the end of the current hour", () => {
    const period = resolvePeriod({ from: "2026-03-01", to: "2026-03-10" }, NOW);
    expect(period.to).toBe(at("2026-03-10T15:00:00Z"));
    // On the hour exactly, that hour has begun: it ends an hour later.
    expect(resolvePeriod({ from: "", to: "" }, at("2026-03-10T15:00:00Z")).to).toBe(
      at("2026-03-10T16:00:00Z"),
    );
  });

  it("falls back to the last 30 days, and swaps days given in the wrong order", () => {
    expect(resolvePeriod({ from: "", to: "nonsense" }, NOW)).toMatchObject({
      from: at("2026-02-09T00:00:00Z"),
      days: { from: "2026-02-09", to: "2026-03-10" },
    });
    expect(resolvePeriod({ from: "2026-02-10", to: "2026-02-03" }, NOW).days).toEqual({
      from: "2026-02-03",
      to: "2026-02-10",
    });
  });

  it("keeps at least an hour when the whole period lies in the future", () => {
    const period = resolvePeriod({ from: "2026-04-01", to: "2026-04-02" }, NOW);
    expect(period.to - period.from).toBe(HOUR_MS);
  });
});

describe("days and periods", () => {
  it("reads only real days", () => {
    expect(utcDayStart("2026-02-29")).toBeNull();
    expect(utcDayStart("2026-2-1")).toBeNull();
    expect(utcDayStart("2024-02-29")).toBe(at("2024-02-29T00:00:00Z"));
  });

  it("offers presets ending today and compares with the period before", () => {
    expect(recentDays(NOW, 7)).toEqual({ from: "2026-03-04", to: "2026-03-10" });
    expect(previousPeriod({ from: 100, to: 160 })).toEqual({ from: 40, to: 100 });
  });
});

describe("buckets", () => {
  const days = (count: number) => ({ from: 0, to: count * DAY_MS });

  it("picks hours, days, weeks or months from the length of the period", () => {
    expect(autoBucket(days(2))).toBe("hour");
    expect(autoBucket(days(30))).toBe("day");
    expect(autoBucket(days(180))).toBe("week");
    expect(autoBucket(days(400))).toBe("month");
  });

  it("offers only buckets within the server's limit and shorter than the period", () => {
    expect(allowedBuckets(days(7))).toEqual(["hour", "day"]);
    expect(allowedBuckets(days(90))).toEqual(["day", "week", "month"]);
    expect(chooseBucket("hour", days(90))).toBe("day");
    expect(chooseBucket("week", days(90))).toBe("week");
    expect(chooseBucket("", days(7))).toBe("day");
  });

  it("turns the slice picker into API parameters", () => {
    expect(sliceQuery("team", "billing")).toEqual({ team: "billing" });
    expect(sliceQuery("team", "")).toEqual({});
    expect(sliceQuery("", "billing")).toEqual({});
  });
});

import { describe, expect, it } from "vitest";
import { DAY_MS, hourlyShare, planPromotion, weekdayFactor } from "./arrival-curve.js";

describe("the arrival curve", () => {
  it("spreads a whole day over its hours, quiet at night and peaking mid-morning", () => {
    const shares = Array.from({ length: 24 }, (_, hour) => hourlyShare(hour));
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 10);
    expect(shares.indexOf(Math.max(...shares))).toBe(10);
    expect(hourlyShare(3)).toBeLessThan(hourlyShare(10) / 10);
    expect(hourlyShare(14)).toBeGreaterThan(hourlyShare(12));
  });

  it("puts weekends at 40 % of a weekday", () => {
    expect(weekdayFactor(0)).toBe(0.4);
    expect(weekdayFactor(6)).toBe(0.4);
    expect(weekdayFactor(3)).toBe(1);
  });

  it("places the promotion on days 55–58 of a 90-day run, and skips it in very short runs", () => {
    const startMs = Date.parse("2025-12-01T00:00:00Z");
    const [promotion] = planPromotion(startMs, 90);
    expect(promotion?.startMs).toBe(startMs + 55 * DAY_MS);
    expect(promotion?.endMs).toBe(startMs + 59 * DAY_MS);
    expect(planPromotion(startMs, 7)).toEqual([]);
  });
});

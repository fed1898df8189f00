import { describe, expect, it } from "vitest";
import { msUntilMorningShift } from "./agent-pickup.js";

const HOUR_MS = 3_600_000;

describe("msUntilMorningShift", () => {
  it("is zero during the day shift", () => {
    expect(msUntilMorningShift(Date.parse("2026-01-05T07:00:00Z"))).toBe(0);
    expect(msUntilMorningShift(Date.parse("2026-01-05T21:59:59Z"))).toBe(0);
  });

  it("waits for 07:00 UTC the same morning after midnight", () => {
    expect(msUntilMorningShift(Date.parse("2026-01-05T04:30:00Z"))).toBe(2.5 * HOUR_MS);
  });

  it("waits for 07:00 UTC the next morning late in the evening, across a month end", () => {
    expect(msUntilMorningShift(Date.parse("2026-01-31T22:00:00Z"))).toBe(9 * HOUR_MS);
  });
});

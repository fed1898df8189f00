import { describe, expect, it } from "vitest";
import { formatDuration, formatLag, millisecondsBetween } from "./format-duration.ts";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(2 * HOUR + 14 * MINUTE)).toBe("2h 14m");
    expect(formatDuration(DAY + HOUR + MINUTE)).toBe("1d 1h");
    expect(formatDuration(14 * MINUTE + 5 * SECOND)).toBe("14m 5s");
    expect(formatDuration(45 * SECOND)).toBe("45s");
  });

  it("truncates instead of rounding up", () => {
    expect(formatDuration(2 * HOUR + 14 * MINUTE + 59 * SECOND)).toBe("2h 14m");
    expect(formatDuration(45 * SECOND + 900)).toBe("45s");
    expect(formatDuration(999)).toBe("0s");
  });

  it("drops a zero lower unit", () => {
    expect(formatDuration(2 * HOUR)).toBe("2h");
    expect(formatDuration(3 * DAY + 5 * MINUTE)).toBe("3d");
    expect(formatDuration(0)).toBe("0s");
  });

  it("marks negative spans and rejects non-finite input", () => {
    expect(formatDuration(-5 * MINUTE)).toBe("-5m");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("formatLag", () => {
  it("prefixes forward lags with a plus", () => {
    expect(formatLag(2 * HOUR + 14 * MINUTE)).toBe("+2h 14m");
    expect(formatLag(0)).toBe("+0s");
  });

  it("keeps the minus of a backward lag", () => {
    expect(formatLag(-90 * SECOND)).toBe("-1m 30s");
  });
});

describe("millisecondsBetween", () => {
  it("measures across time zone offsets", () => {
    expect(millisecondsBetween("2026-03-02T09:00:00Z", "2026-03-02T11:14:00+01:00")).toBe(
      1 * HOUR + 14 * MINUTE,
    );
  });

  it("returns null for unparseable input", () => {
    expect(millisecondsBetween("yesterday", "2026-03-02T09:00:00Z")).toBeNull();
  });
});

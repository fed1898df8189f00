import { describe, expect, it } from "vitest";
import { formatDateTime } from "./format-date-time.ts";

describe("formatDateTime", () => {
  it("formats in local time with zero padding", () => {
    const local = new Date(2026, 2, 3, 4, 5, 59);
    expect(formatDateTime(local.toISOString())).toBe("2026-03-03 04:05");
  });

  it("shows an em dash for null and passes through what it cannot parse", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime("not a date")).toBe("not a date");
  });
});

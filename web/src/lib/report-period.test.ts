import { describe, expect, it } from "vitest";
import { dateInputValue, periodToInstants, recentPeriod } from "./report-period.ts";

describe("periodToInstants", () => {
  it("runs from the start of the first day to the start of the day after the last", () => {
    const { from, to } = periodToInstants({ from: "2024-05-01", to: "2024-05-31" });
    expect(from).toBe(new Date(2024, 4, 1).toISOString());
    expect(to).toBe(new Date(2024, 5, 1).toISOString());
  });

  it("crosses the end of a year", () => {
    expect(periodToInstants({ from: "", to: "2024-12-31" }).to).toBe(
      new Date(2025, 0, 1).toISOString(),
    );
  });

  it("leaves out dates that are empty or not dates", () => {
    expect(periodToInstants({ from: "", to: "" })).toEqual({});
    expect(periodToInstants({ from: "yesterday", to: "2024-5-1" })).toEqual({});
  });
});

describe("recentPeriod", () => {
  it("ends today and includes `days` days", () => {
    const now = new Date(2024, 2, 3, 15, 30);
    expect(recentPeriod(now, 30)).toEqual({ from: "2024-02-03", to: "2024-03-03" });
    expect(recentPeriod(now, 1)).toEqual({ from: "2024-03-03", to: "2024-03-03" });
  });
});

describe("dateInputValue", () => {
  it("pads months and days", () => {
    expect(dateInputValue(new Date(2024, 0, 9))).toBe("2024-01-09");
  });
});

import { describe, expect, it } from "vitest";
import { formatCountOf, formatPercent, formatPoints, formatSignedCount } from "./format-number.ts";

describe("formatCountOf", () => {
  it("uses the singular only for exactly one", () => {
    expect(formatCountOf(1, "case")).toBe("1 case");
    expect(formatCountOf(0, "case")).toBe("0 cases");
    expect(formatCountOf(2, "customer")).toBe("2 customers");
  });

  it("accepts an irregular plural", () => {
    expect(formatCountOf(3, "entry", "entries")).toBe("3 entries");
  });
});

describe("formatSignedCount", () => {
  it("signs increases and decreases, not zero", () => {
    expect(formatSignedCount(3)).toBe("+3");
    expect(formatSignedCount(-2)).toBe("−2");
    expect(formatSignedCount(0)).toBe("0");
  });
});

describe("formatPercent", () => {
  it("keeps one decimal at most", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(0.5)).toBe("50%");
    expect(formatPercent(0)).toBe("0%");
  });
});

describe("formatPoints", () => {
  it("keeps two decimals at most", () => {
    expect(formatPoints(64.75)).toBe("64.75");
    expect(formatPoints(15)).toBe("15");
    expect(formatPoints(5.625)).toBe("5.63");
  });
});

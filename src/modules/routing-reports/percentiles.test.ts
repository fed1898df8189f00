import { describe, expect, it } from "vitest";
import { medianAndP90, quantile } from "./percentiles.js";

describe("quantile", () => {
  it("interpolates linearly between the closest ranks, as numpy does by default", () => {
    // numpy.percentile([1, 2, 3, 4], 50) == 2.5; ([10, 20, 30, 40, 50], 90) == 46.0
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([50, 10, 40, 20, 30], 0.9)).toBeCloseTo(46, 10);
    // numpy.percentile([15, 25, 30, 30, 70], 90) == 54.0
    expect(quantile([30, 15, 70, 25, 30], 0.9)).toBeCloseTo(54, 10);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, 2, 3], 0)).toBe(1);
    expect(quantile([1, 2, 3], 1)).toBe(3);
  });

  it("has no quantile of nothing", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(medianAndP90([])).toEqual({ median: null, p90: null });
  });

  it("gives the median and 90th percentile together", () => {
    expect(medianAndP90([60, 60, 60, 60, 115])).toEqual({ median: 60, p90: 93 });
  });
});

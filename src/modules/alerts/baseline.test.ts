import { describe, expect, it } from "vitest";
import { HOUR_MS, WEEK_MS } from "./alert.js";
import { completeRule } from "./alert-rules.js";
import { bandAt, meanAndStd, statusOf } from "./baseline.js";

const TUESDAY_9 = Date.UTC(2026, 9, 6, 9);

/** A value lookup holding `values[k]` at `at − (k + 1) weeks`. */
function weeksBefore(at: number, values: (number | null)[]) {
  const byInstant = new Map(values.map((value, index) => [at - (index + 1) * WEEK_MS, value]));
  return (instant: number) => byInstant.get(instant);
}

const volume = completeRule({
  id: "v",
  name: "volume",
  metric: "casesOpened",
  dim: "all",
  kind: "baseline",
  zScore: 3,
});

describe("meanAndStd", () => {
  it("is the mean and the sample standard deviation", () => {
    // mean 21; squares 1 + 9 + 1 + 9 = 20; 20 / 3 = 6.667; √ = 2.582
    const { mean, std } = meanAndStd([20, 24, 22, 18]);
    expect(mean).toBe(21);
    expect(std).toBeCloseTo(2.582, 3);
    expect(meanAndStd([5])).toEqual({ mean: 5, std: 0 });
  });
});

describe("bandAt", () => {
  it("uses the same hour of the last weeks, with a Poisson floor for counts", () => {
    // std 2.58 is below √21 = 4.583, so the spread is 4.583 and the band 21 ± 13.75.
    const band = bandAt(volume, TUESDAY_9, weeksBefore(TUESDAY_9, [20, 24, 22, 18]));
    expect(band?.expected).toBe(21);
    expect(band?.upper).toBeCloseTo(21 + 3 * Math.sqrt(21), 9);
    expect(band?.lower).toBeCloseTo(21 - 3 * Math.sqrt(21), 9);
  });

  it("ignores other hours and looks back only `weeks` weeks", () => {
    const values = new Map<number, number>([
      [TUESDAY_9 - WEEK_MS, 10],
      [TUESDAY_9 - 2 * WEEK_MS, 10],
      [TUESDAY_9 - 3 * WEEK_MS, 10],
      [TUESDAY_9 - 4 * WEEK_MS, 10],
      [TUESDAY_9 - 5 * WEEK_MS, 1_000],
      [TUESDAY_9 - HOUR_MS, 1_000],
    ]);
    expect(bandAt(volume, TUESDAY_9, (at) => values.get(at))?.expected).toBe(10);
  });

  it("needs three weeks with a value", () => {
    expect(bandAt(volume, TUESDAY_9, weeksBefore(TUESDAY_9, [20, null, 22]))).toBeNull();
    expect(bandAt(volume, TUESDAY_9, weeksBefore(TUESDAY_9, [20, null, 22, 24]))?.expected).toBe(
      22,
    );
  });

  it("takes the widest of z-score, percent and minimum change, clipped at the metric's floor", () => {
    const csat = completeRule({
      id: "c",
      name: "csat",
      metric: "csat",
      dim: "all",
      kind: "baseline",
      zScore: 2,
      percent: 10,
      minDelta: 3,
    });
    // mean 80, std 0: z gives 0, percent 8, minDelta 3 → ± 8.
    expect(bandAt(csat, TUESDAY_9, weeksBefore(TUESDAY_9, [80, 80, 80, 80]))).toEqual({
      expected: 80,
      lower: 72,
      upper: 88,
    });
    // mean 2, std 1.826 (values 0, 2, 4, 2): z gives 3.65 → lower clipped at 0.
    const rate = { ...csat, metric: "reopenRate" as const, percent: null, minDelta: 0 };
    const band = bandAt(rate, TUESDAY_9, weeksBefore(TUESDAY_9, [0, 2, 4, 2]));
    expect(band?.lower).toBe(0);
    expect(band?.upper).toBeCloseTo(2 + 2 * 1.633, 3);
  });

  it("gives a threshold rule its limits whatever the history", () => {
    const threshold = completeRule({
      id: "t",
      name: "backlog",
      metric: "backlog",
      dim: "all",
      kind: "threshold",
      direction: "up",
      above: 500,
    });
    expect(bandAt(threshold, TUESDAY_9, () => undefined)).toEqual({
      expected: null,
      lower: null,
      upper: 500,
    });
  });
});

describe("statusOf", () => {
  const band = { expected: 20, lower: 10, upper: 30 };
  it("is out of range strictly outside the band, in the directions watched", () => {
    expect(statusOf("both", 30, band)).toBe("ok");
    expect(statusOf("both", 30.5, band)).toBe("high");
    expect(statusOf("both", 9, band)).toBe("low");
    expect(statusOf("up", 9, band)).toBe("ok");
    expect(statusOf("down", 31, band)).toBe("ok");
    expect(statusOf("down", 9, band)).toBe("low");
  });
  it("knows nothing without a value or without a baseline", () => {
    expect(statusOf("both", null, band)).toBe("empty");
    expect(statusOf("both", 12, null)).toBe("unknown");
  });
  it("treats a missing limit as no limit", () => {
    expect(statusOf("both", 1e9, { expected: null, lower: 5, upper: null })).toBe("ok");
    expect(statusOf("both", 4, { expected: null, lower: 5, upper: null })).toBe("low");
  });
});

import { describe, expect, it } from "vitest";
import { createRandom } from "../demo/random.js";
import { quantileOfSorted } from "../routing-reports/percentiles.js";
import {
  addToStoredHistogram,
  binOf,
  LogHistogram,
  SKETCH_RELATIVE_ACCURACY,
  valueOfBin,
} from "./sketch.js";

const ALPHA = SKETCH_RELATIVE_ACCURACY;
/** Floating-point slack on top of α: the bound is checked, not loosened. */
const SLACK = 1e-12;

describe("log-binned percentile sketch", () => {
  it("puts every value in a bin whose value is within α of it", () => {
    const random = createRandom(1, "sketch-bins");
    for (let i = 0; i < 20_000; i++) {
      const value = Math.exp((random.float() - 0.5) * 40);
      const estimate = valueOfBin(binOf(value));
      expect(Math.abs(estimate - value) / value).toBeLessThanOrEqual(ALPHA + SLACK);
    }
    // Bin edges γ^i belong to bin i.
    const gamma = (1 + ALPHA) / (1 - ALPHA);
    for (const index of [-300, -1, 0, 1, 7, 900]) expect(binOf(gamma ** index)).toBe(index);
  });

  it("reports numpy-linear percentiles within α of the exact ones", () => {
    const random = createRandom(2, "sketch-percentiles");
    const shapes: Array<[string, () => number]> = [
      ["log-normal minutes", () => random.logNormal(25, 1.2)],
      ["uniform hours", () => random.float() * 300],
      ["few distinct values with zeros", () => random.int(0, 4) * 15],
      ["heavy tail", () => random.exponential(2) ** 3],
    ];
    for (const [, draw] of shapes) {
      for (const size of [1, 2, 3, 10, 101, 5_000]) {
        const values = Array.from({ length: size }, draw);
        const histogram = new LogHistogram();
        for (const value of values) histogram.add(value);
        const sorted = [...values].sort((a, b) => a - b);
        for (const p of [0, 0.1, 0.5, 0.9, 0.99, 1, random.float()]) {
          const exact = quantileOfSorted(sorted, p) ?? Number.NaN;
          const estimate = histogram.percentile(p) ?? Number.NaN;
          expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * (ALPHA + SLACK));
        }
      }
    }
  });

  it("stores bins as runs of counts with gaps", () => {
    const gamma = (1 + ALPHA) / (1 - ALPHA);
    const histogram = new LogHistogram();
    for (const [index, times] of [
      [10, 3],
      [11, 1],
      [14, 2],
    ] as const) {
      histogram.add(gamma ** index, times);
    }
    histogram.add(0, 2);
    expect(histogram.toJson()).toBe("[2,10,3,1,-2,2]");
    const back = LogHistogram.fromJson("[2,10,3,1,-2,2]");
    expect(back.count).toBe(8);
    expect([...back.bins].sort((a, b) => a[0] - b[0])).toEqual([
      [10, 3],
      [11, 1],
      [14, 2],
    ]);
    expect(LogHistogram.fromJson("[4,0]").zeros).toBe(4);
  });

  it("answers the worked example of its doc comment", () => {
    const histogram = new LogHistogram();
    histogram.add(42);
    const p90 = histogram.percentile(0.9) ?? 0;
    expect(p90).toBeGreaterThanOrEqual(41.79);
    expect(p90).toBeLessThanOrEqual(42.21);
    expect(new LogHistogram().percentile(0.5)).toBeNull();
  });

  it("takes values back out and merges stored forms by adding counts", () => {
    const random = createRandom(3, "sketch-merge");
    const kept = Array.from({ length: 300 }, () => random.logNormal(10, 1));
    const removed = Array.from({ length: 200 }, () => random.logNormal(10, 1));
    const histogram = new LogHistogram();
    for (const value of [...kept, ...removed, 0, 0]) histogram.add(value);
    for (const value of [...removed, 0]) histogram.add(value, -1);
    const direct = new LogHistogram();
    for (const value of [...kept, 0]) direct.add(value);
    expect(JSON.parse(histogram.toJson())).toEqual(JSON.parse(direct.toJson()));
    expect(histogram.count).toBe(301);
    expect(histogram.zeros).toBe(1);

    const left = new LogHistogram();
    const right = new LogHistogram();
    for (const [index, value] of kept.entries()) (index % 2 === 0 ? left : right).add(value);
    const merged = LogHistogram.fromJson(left.toJson());
    merged.mergeJson(right.toJson());
    merged.add(0);
    expect(JSON.parse(merged.toJson())).toEqual(JSON.parse(direct.toJson()));
    merged.merge(right, -1);
    left.add(0);
    expect(JSON.parse(merged.toJson())).toEqual(JSON.parse(left.toJson()));
    expect(LogHistogram.fromJson("[]").isEmpty()).toBe(true);
    expect(new LogHistogram().toJson()).toBe("[]");
  });

  it("adds to a stored histogram as merging the histograms does", () => {
    const random = createRandom(5, "sketch-stored");
    for (let round = 0; round < 300; round++) {
      const stored = new LogHistogram();
      const delta = new LogHistogram();
      for (let i = random.int(0, 40); i > 0; i--)
        stored.add(random.chance(0.1) ? 0 : random.logNormal(30, 2));
      for (let i = random.int(0, 6); i > 0; i--) {
        const value = random.chance(0.1) ? 0 : random.logNormal(30, 2);
        // Take some of the stored values back out, as a retraction does.
        if (random.chance(0.3) && stored.count > 0) delta.add(value, -1);
        else delta.add(value);
      }
      // Only retract what is there: subtracting a value never added is not a valid delta.
      const expected = LogHistogram.fromJson(stored.toJson());
      expected.merge(delta);
      const valid = [...expected.bins.values()].every((count) => count >= 0) && expected.zeros >= 0;
      if (!valid) continue;
      expect(addToStoredHistogram(stored.toJson(), delta)).toBe(expected.toJson());
    }
    expect(addToStoredHistogram(null, new LogHistogram())).toBe("[]");
    const one = new LogHistogram();
    one.add(1);
    const minusOne = new LogHistogram();
    minusOne.add(1, -1);
    expect(addToStoredHistogram(one.toJson(), minusOne)).toBe("[]");
  });
});

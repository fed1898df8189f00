import { describe, expect, it } from "vitest";
import { buildWeightedTable, createRandom, deriveSeed, pickWeighted } from "./random.js";

function draws(count: number, draw: () => number): number[] {
  return Array.from({ length: count }, draw);
}

describe("createRandom", () => {
  it("repeats itself for the same seed and label, and only then", () => {
    const first = createRandom(42, "customers");
    const second = createRandom(42, "customers");
    const otherLabel = createRandom(42, "arrivals");
    const a = draws(5, first.float);
    expect(draws(5, second.float)).toEqual(a);
    expect(draws(5, otherLabel.float)).not.toEqual(a);
  });

  it("keeps draws in their documented ranges", () => {
    const random = createRandom(1, "ranges");
    const floats = draws(10_000, random.float);
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    const ints = draws(10_000, () => random.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(draws(1000, () => random.poisson(0)).every((value) => value === 0)).toBe(true);
  });

  it("centres its distributions where they claim", () => {
    const random = createRandom(2, "moments");
    const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean(draws(20_000, random.normal))).toBeCloseTo(0, 1);
    expect(mean(draws(20_000, () => random.exponential(3)))).toBeCloseTo(3, 0);
    expect(mean(draws(20_000, () => random.poisson(4)))).toBeCloseTo(4, 1);
    expect(mean(draws(5_000, () => random.poisson(120)))).toBeCloseTo(120, 0);
    const logNormals = draws(20_001, () => random.logNormal(10, 0.5)).sort((x, y) => x - y);
    expect(logNormals[10_000]).toBeCloseTo(10, 0);
  });
});

describe("pickWeighted", () => {
  it("picks in proportion to weight and never picks a zero weight", () => {
    const table = buildWeightedTable(["rare", "never", "common"], (item) =>
      item === "rare" ? 1 : item === "never" ? 0 : 3,
    );
    const random = createRandom(3, "weights");
    const picks = draws(8_000, () =>
      ["rare", "never", "common"].indexOf(pickWeighted(table, random)),
    );
    expect(picks.filter((pick) => pick === 1)).toHaveLength(0);
    expect(picks.filter((pick) => pick === 0).length / picks.length).toBeCloseTo(0.25, 1);
  });

  it("refuses a table with nothing to pick", () => {
    expect(() => buildWeightedTable(["a"], () => 0)).toThrow(RangeError);
  });
});

describe("deriveSeed", () => {
  it("spreads neighbouring seeds and indexes apart", () => {
    const seeds = new Set(
      Array.from({ length: 1000 }, (_, index) => deriveSeed(42, "case", index)),
    );
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(1, "x")).not.toBe(deriveSeed(2, "x"));
  });
});

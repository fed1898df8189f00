import { describe, expect, it } from "vitest";
import { createRandom } from "../demo/random.js";
import {
  bucketCeil,
  bucketStart,
  HOUR_MS,
  nextBucketStart,
  type PeriodPlan,
  planPeriod,
} from "./period-plan.js";

const at = (iso: string) => Date.parse(iso);

/** Every range of the plan as [from, to, kind], sorted by start; raw ranges as raw+ / raw−. */
function tiles(plan: PeriodPlan): Array<[number, number, string]> {
  return [
    ...plan.buckets.map((r): [number, number, string] => [r.from, r.to, r.grain]),
    ...plan.raw.map((r): [number, number, string] => [r.from, r.to, r.sign > 0 ? "raw" : "raw−"]),
  ].sort((a, b) => a[0] - b[0] || (a[2] < b[2] ? -1 : 1));
}

/** How many times the plan counts instant `at`: buckets and raw+ count 1, raw− counts −1. */
function coverage(plan: PeriodPlan, at: number): number {
  let count = 0;
  for (const range of [...plan.buckets, ...plan.raw]) {
    if (at >= range.from && at < range.to) count += "sign" in range ? range.sign : 1;
  }
  return count;
}

describe("period decomposition", () => {
  it("splits the doc comment's example into months, days, hours and raw edges", () => {
    const plan = planPeriod(at("2026-01-30T22:30:00Z"), at("2026-03-02T01:15:00Z"));
    expect(tiles(plan)).toEqual([
      [at("2026-01-30T22:30:00Z"), at("2026-01-30T23:00:00Z"), "raw"],
      [at("2026-01-30T23:00:00Z"), at("2026-01-31T00:00:00Z"), "h"],
      [at("2026-01-31T00:00:00Z"), at("2026-02-01T00:00:00Z"), "d"],
      [at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z"), "m"],
      [at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z"), "d"],
      [at("2026-03-02T00:00:00Z"), at("2026-03-02T01:00:00Z"), "h"],
      [at("2026-03-02T01:00:00Z"), at("2026-03-02T01:15:00Z"), "raw"],
    ]);
  });

  it("reads short and aligned periods without needless pieces", () => {
    expect(tiles(planPeriod(at("2026-05-01T10:10:00Z"), at("2026-05-01T10:50:00Z")))).toEqual([
      [at("2026-05-01T10:10:00Z"), at("2026-05-01T10:50:00Z"), "raw"],
    ]);
    // Two edges around one hour boundary stay one raw range.
    expect(tiles(planPeriod(at("2026-05-01T10:10:00Z"), at("2026-05-01T11:00:00Z")))).toEqual([
      [at("2026-05-01T10:10:00Z"), at("2026-05-01T11:00:00Z"), "raw"],
    ]);
    expect(tiles(planPeriod(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")))).toEqual([
      [at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), "m"],
    ]);
    expect(tiles(planPeriod(at("2026-02-03T00:00:00Z"), at("2026-02-10T00:00:00Z")))).toEqual([
      [at("2026-02-03T00:00:00Z"), at("2026-02-10T00:00:00Z"), "d"],
    ]);
    expect(tiles(planPeriod(at("2026-02-03T05:00:00Z"), at("2026-02-03T09:00:00Z")))).toEqual([
      [at("2026-02-03T05:00:00Z"), at("2026-02-03T09:00:00Z"), "h"],
    ]);
    expect(planPeriod(10, 10)).toEqual({ buckets: [], raw: [] });
    expect(planPeriod(20, 10)).toEqual({ buckets: [], raw: [] });
  });

  it("takes an edge from the shorter side of its hour", () => {
    expect(tiles(planPeriod(at("2026-05-01T10:10:00Z"), at("2026-05-01T13:50:00Z")))).toEqual([
      [at("2026-05-01T10:00:00Z"), at("2026-05-01T14:00:00Z"), "h"],
      [at("2026-05-01T10:00:00Z"), at("2026-05-01T10:10:00Z"), "raw−"],
      [at("2026-05-01T13:50:00Z"), at("2026-05-01T14:00:00Z"), "raw−"],
    ]);
    expect(tiles(planPeriod(at("2026-05-01T10:40:00Z"), at("2026-05-02T00:20:00Z")))).toEqual([
      [at("2026-05-01T10:40:00Z"), at("2026-05-01T11:00:00Z"), "raw"],
      [at("2026-05-01T11:00:00Z"), at("2026-05-02T00:00:00Z"), "h"],
      [at("2026-05-02T00:00:00Z"), at("2026-05-02T00:20:00Z"), "raw"],
    ]);
  });

  it("covers random periods exactly once with aligned buckets and short edges", () => {
    const random = createRandom(4, "period-plan");
    const base = at("2024-01-01T00:00:00Z");
    for (let i = 0; i < 1_500; i++) {
      const from = base + Math.floor(random.float() * 800 * 86_400_000);
      const length = Math.floor(random.float() ** 3 * 420 * 86_400_000);
      const to = from + length;
      const plan = planPeriod(from, to);
      for (const range of plan.buckets) {
        expect(bucketStart(range.grain, range.from)).toBe(range.from);
        expect(bucketStart(range.grain, range.to)).toBe(range.to);
      }
      expect(plan.buckets.filter((range) => range.grain === "m").length).toBeLessThanOrEqual(1);
      for (const range of plan.raw) {
        expect(range.to - range.from).toBeLessThanOrEqual(
          plan.buckets.length === 0 ? 2 * HOUR_MS : HOUR_MS / 2,
        );
      }
      // Every instant inside counts once, every instant outside not at: at the edges, at every
      // range boundary and at random.
      const probes = [
        from - 1,
        from,
        to - 1,
        to,
        ...plan.raw.flatMap((r) => [r.from - 1, r.from, r.to - 1, r.to]),
      ];
      for (let probe = 0; probe < 20; probe++)
        probes.push(from + Math.floor(random.float() * (length + 1)));
      for (const probe of probes) {
        expect(coverage(plan, probe), `${new Date(probe).toISOString()} in ${i}`).toBe(
          probe >= from && probe < to ? 1 : 0,
        );
      }
    }
  });

  it("steps through UTC months of different lengths", () => {
    expect(nextBucketStart("m", at("2024-02-01T00:00:00Z"))).toBe(at("2024-03-01T00:00:00Z"));
    expect(nextBucketStart("m", at("2024-12-01T00:00:00Z"))).toBe(at("2025-01-01T00:00:00Z"));
    expect(bucketStart("m", at("2024-02-29T23:59:59.999Z"))).toBe(at("2024-02-01T00:00:00Z"));
    expect(bucketCeil("d", at("2024-02-29T00:00:00.001Z"))).toBe(at("2024-03-01T00:00:00Z"));
    expect(bucketCeil("h", at("2024-02-29T05:00:00Z"))).toBe(at("2024-02-29T05:00:00Z"));
  });
});

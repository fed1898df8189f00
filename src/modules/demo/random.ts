/**
 * Seeded randomness for the demo simulator. Every draw comes from pure-rand's xoroshiro128+,
 * never from Math.random, so the same seed always yields the same demo data.
 *
 * Each part of the simulation (customers, arrivals, one stream per case …) draws from its own
 * stream, derived from the run's seed and a label. A part that starts drawing more numbers then
 * cannot shift what every other part generates, which keeps demo data stable as producers grow.
 */
import { type RandomGenerator, unsafeUniformIntDistribution, xoroshiro128plus } from "pure-rand";

export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Standard normal draw (mean 0, standard deviation 1). */
  normal(): number;
  /** Log-normal draw whose median is `median`; `spread` is the sigma of the underlying normal. */
  logNormal(median: number, spread: number): number;
  /** Exponential draw with the given mean. */
  exponential(mean: number): number;
  /** Poisson-distributed count with the given mean. */
  poisson(mean: number): number;
}

/** Mixes a seed, a label and an index into a well-spread 32-bit seed (murmur3's finaliser). */
export function deriveSeed(seed: number, label: string, index = 0): number {
  let hash = Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index | 0, 0x85ebca6b);
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash | 0;
}

/** A random stream for one part of the simulation. */
export function createRandom(seed: number, label: string, index = 0): Random {
  const generator: RandomGenerator = xoroshiro128plus(deriveSeed(seed, label, index));
  // xoroshiro's first outputs echo its seed bits; a short warm-up decorrelates nearby seeds.
  for (let i = 0; i < 8; i++) generator.unsafeNext();

  const float = (): number => {
    // 27 + 26 random bits make a double with full 53-bit precision.
    const high = generator.unsafeNext() >>> 5;
    const low = generator.unsafeNext() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  };

  const normal = (): number => {
    // Box–Muller; 1 - float() is in (0, 1] so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - float()));
    return radius * Math.cos(2 * Math.PI * float());
  };

  return {
    float,
    int: (min, max) => unsafeUniformIntDistribution(min, max, generator),
    chance: (probability) => float() < probability,
    pick: (items) => {
      const item = items[unsafeUniformIntDistribution(0, items.length - 1, generator)];
      if (item === undefined) throw new RangeError("cannot pick from an empty list");
      return item;
    },
    normal,
    logNormal: (median, spread) => median * Math.exp(spread * normal()),
    exponential: (mean) => -mean * Math.log(1 - float()),
    poisson: (mean) => {
      if (mean <= 0) return 0;
      // Knuth's product method is exact but linear in the mean; past 40 the normal
      // approximation is indistinguishable for arrival counts.
      if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let count = 0;
      let product = float();
      while (product > limit) {
        count++;
        product *= float();
      }
      return count;
    },
  };
}

/** Items with weights, prepared once so repeated weighted picks cost a binary search. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

export function buildWeightedTable<T>(
  entries: readonly T[],
  weightOf: (entry: T) => number,
): WeightedTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach((entry, index) => {
    total += Math.max(0, weightOf(entry));
    cumulative[index] = total;
  });
  if (total <= 0) throw new RangeError("a weighted table needs a positive total weight");
  return { items: entries, cumulative, total };
}

export function pickWeighted<T>(table: WeightedTable<T>, random: Random): T {
  const target = random.float() * table.total;
  let low = 0;
  let high = table.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((table.cumulative[middle] ?? 0) > target) high = middle;
    else low = middle + 1;
  }
  const item = table.items[low];
  if (item === undefined) throw new RangeError("weighted table is empty");
  return item;
}

/**
 * A log-binned histogram with relative accuracy (the DDSketch idea, Masson, Rim and Lee, VLDB
 * 2019), used by the metric roll-ups for first-response and resolution percentiles over slices
 * with more than EXACT_PERCENTILE_LIMIT values.
 *
 * A positive value x falls in bin i = ⌈log_γ x⌉, i.e. γ^(i−1) < x ≤ γ^i, with γ = (1+α)/(1−α);
 * the bin stands for 2γ^i/(γ+1), which is within α·x of every x in it. Zero (an answer in the
 * same millisecond) has a bin of its own and stands for 0. Bins add and subtract, so a roll-up row
 * can take a case back out when its facts change, and rows merge by adding counts.
 *
 * Percentiles interpolate linearly between the closest ranks as numpy does: with n values and
 * h = (n−1)·p, the answer is v⌊h⌋ + (h−⌊h⌋)(v⌈h⌉ − v⌊h⌋). The sketch replaces v⌊h⌋ and v⌈h⌉ by
 * their bins' values, each within α of the true order statistic; a weighted mean of the two is
 * then within α of the exact interpolated answer (all values are non-negative). Example, α =
 * 0.005: an exact p90 of 42.0 minutes is reported between 41.79 and 42.21.
 */

/** Relative accuracy α of a reported percentile (0.5 %). */
export const SKETCH_RELATIVE_ACCURACY = 0.005;

const GAMMA = (1 + SKETCH_RELATIVE_ACCURACY) / (1 - SKETCH_RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** The value a bin stands for, by index; filled on first use. */
const binValues = new Map<number, number>();

/** The bin of a positive value: the i with γ^(i−1) < x ≤ γ^i, corrected for rounding in log. */
export function binOf(value: number): number {
  let index = Math.ceil(Math.log(value) / LOG_GAMMA);
  if (GAMMA ** (index - 1) >= value) index -= 1;
  else if (GAMMA ** index < value) index += 1;
  return index;
}

/** The value bin `index` stands for: 2γ^i/(γ+1). */
export function valueOfBin(index: number): number {
  let value = binValues.get(index);
  if (value === undefined) {
    value = (2 * GAMMA ** index) / (GAMMA + 1);
    binValues.set(index, value);
  }
  return value;
}

/** Whether a stored histogram (`LogHistogram.toJson`) holds nothing. */
export function isEmptyHistogramJson(json: string | null): boolean {
  return json === null || json === "" || json === "[]";
}

/** A sparse log-binned histogram: counts per bin plus the count of zeros (and negatives). */
export class LogHistogram {
  zeros = 0;
  readonly bins = new Map<number, number>();
  count = 0;

  /** Adds `times` occurrences of `value` (negative `times` takes them out). */
  add(value: number, times = 1): void {
    this.count += times;
    if (!(value > 0)) {
      this.zeros += times;
      return;
    }
    const index = binOf(value);
    const next = (this.bins.get(index) ?? 0) + times;
    if (next === 0) this.bins.delete(index);
    else this.bins.set(index, next);
  }

  /** Adds every count of `other` (times −1 subtracts it). */
  merge(other: LogHistogram, times = 1): void {
    this.count += other.count * times;
    this.zeros += other.zeros * times;
    for (const [index, count] of other.bins) {
      const next = (this.bins.get(index) ?? 0) + count * times;
      if (next === 0) this.bins.delete(index);
      else this.bins.set(index, next);
    }
  }

  /** Adds the counts of a stored histogram (see `toJson`) without building it first. */
  mergeJson(json: string | null): void {
    if (isEmptyHistogramJson(json)) return;
    const stored = JSON.parse(json as string) as number[];
    const zeros = stored[0] ?? 0;
    this.zeros += zeros;
    this.count += zeros;
    let index = stored[1] ?? 0;
    const bins = this.bins;
    for (let position = 2; position < stored.length; position++) {
      const count = stored[position] as number;
      if (count < 0) {
        index -= count;
        continue;
      }
      this.count += count;
      const next = (bins.get(index) ?? 0) + count;
      if (next === 0) bins.delete(index);
      else bins.set(index, next);
      index++;
    }
  }

  isEmpty(): boolean {
    return this.count === 0 && this.zeros === 0 && this.bins.size === 0;
  }

  /**
   * The p-quantile (0 ≤ p ≤ 1) with numpy's linear interpolation, within α relative of the exact
   * answer; null for an empty histogram. `percentile(0.5)` is the median.
   */
  percentile(p: number): number | null {
    if (this.count <= 0) return null;
    const rank = (this.count - 1) * p;
    const lower = Math.floor(rank);
    const upper = Math.ceil(rank);
    const indexes = [...this.bins.keys()].sort((a, b) => a - b);
    const lowerValue = this.valueAtRank(lower, indexes);
    const upperValue = upper === lower ? lowerValue : this.valueAtRank(upper, indexes);
    return lowerValue + (rank - lower) * (upperValue - lowerValue);
  }

  /**
   * The stored form, a flat JSON array that parses fast however many bins a month row holds:
   * `[zeros, first bin, count, count, −gap, count, …]` — counts of consecutive bins from the
   * first, a negative number −k skipping k empty bins; `[]` when empty. Example: 2 zeros and
   * bins 10 → 3, 11 → 1, 14 → 2 are `[2,10,3,1,-2,2]`. Only positive counts are kept (a count
   * below zero would mean a retraction without its addition).
   */
  toJson(): string {
    const indexes = [...this.bins.keys()].filter((index) => (this.bins.get(index) ?? 0) > 0);
    if (indexes.length === 0 && this.zeros === 0) return "[]";
    indexes.sort((a, b) => a - b);
    const out: number[] = [this.zeros, indexes[0] ?? 0];
    let expected = indexes[0] ?? 0;
    for (const index of indexes) {
      if (index > expected) out.push(expected - index);
      out.push(this.bins.get(index) ?? 0);
      expected = index + 1;
    }
    return JSON.stringify(out);
  }

  static fromJson(json: string | null): LogHistogram {
    const histogram = new LogHistogram();
    histogram.mergeJson(json);
    return histogram;
  }

  /** The value standing for the value of 0-based rank `rank` in ascending order. */
  private valueAtRank(rank: number, sortedIndexes: readonly number[]): number {
    if (rank < this.zeros) return 0;
    let seen = this.zeros;
    for (const index of sortedIndexes) {
      seen += this.bins.get(index) ?? 0;
      if (rank < seen) return valueOfBin(index);
    }
    // Only reached if counts went negative (a retraction without its addition): the largest bin.
    const last = sortedIndexes[sortedIndexes.length - 1];
    return last === undefined ? 0 : valueOfBin(last);
  }
}

/**
 * A stored histogram (`LogHistogram.toJson`) with `delta`'s counts added, stored again — the
 * same as `fromJson`, `merge` and `toJson` without building a map of the stored bins: a day or
 * month row's histogram holds a thousand bins, and a write adds a few to it.
 */
export function addToStoredHistogram(stored: string | null, delta: LogHistogram): string {
  const runs = isEmptyHistogramJson(stored) ? [] : (JSON.parse(stored as string) as number[]);
  let zeros = (runs[0] ?? 0) + delta.zeros;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  // The stored bins' range: the first bin, then one bin per count and k per gap −k.
  if (runs.length > 2) {
    let index = runs[1] ?? 0;
    low = index;
    for (let position = 2; position < runs.length; position++) {
      const count = runs[position] as number;
      index += count < 0 ? -count : 1;
    }
    high = index - 1;
  }
  for (const index of delta.bins.keys()) {
    if (index < low) low = index;
    if (index > high) high = index;
  }
  if (low > high) return zeros === 0 ? "[]" : JSON.stringify([zeros, 0]);
  const counts = new Float64Array(high - low + 1);
  if (runs.length > 2) {
    let index = runs[1] ?? 0;
    for (let position = 2; position < runs.length; position++) {
      const count = runs[position] as number;
      if (count < 0) {
        index -= count;
        continue;
      }
      counts[index - low] = count;
      index++;
    }
  }
  for (const [index, count] of delta.bins) counts[index - low] = (counts[index - low] ?? 0) + count;
  zeros = Math.max(zeros, 0);
  const out: number[] = [zeros, 0];
  let first = -1;
  let gap = 0;
  for (let offset = 0; offset < counts.length; offset++) {
    const count = counts[offset] as number;
    if (count <= 0) {
      if (first >= 0) gap++;
      continue;
    }
    if (first < 0) {
      first = offset;
      out[1] = low + offset;
    } else if (gap > 0) {
      out.push(-gap);
    }
    gap = 0;
    out.push(count);
  }
  if (first < 0) return zeros === 0 ? "[]" : JSON.stringify([zeros, 0]);
  return JSON.stringify(out);
}

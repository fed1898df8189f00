/**
 * The q-quantile of some values, interpolating linearly between the closest ranks (numpy's
 * default, as PRODUCT.md's KPI definitions ask); null when there are none. Sorts a copy.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5) // 2.5
 * quantile([10, 20, 30, 40, 50], 0.9) // 46: rank 0.9 × 4 = 3.6, between 40 and 50
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  return quantileOfSorted(Float64Array.from(values).sort(), q);
}

/** `quantile` over values already sorted ascending (a typed array sorts numerically). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number | null {
  const count = sorted.length;
  if (count === 0) return null;
  const rank = Math.min(Math.max(q, 0), 1) * (count - 1);
  const below = Math.floor(rank);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, count - 1)] as number;
  return lower + (upper - lower) * (rank - below);
}

/** The median and 90th percentile of some values, each null when there are none. */
export function medianAndP90(values: readonly number[]): {
  median: number | null;
  p90: number | null;
} {
  const sorted = Float64Array.from(values).sort();
  return { median: quantileOfSorted(sorted, 0.5), p90: quantileOfSorted(sorted, 0.9) };
}

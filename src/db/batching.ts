/** Splits `items` into consecutive slices of at most `size`. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** How many ids go in one `IN (…)` list: far below both stores' parameter limits. */
export const IDS_PER_LOOKUP = 500;

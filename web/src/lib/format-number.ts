/** A count with the viewer's digit grouping, e.g. 12345 → "12,345" in English locales. */
export function formatCount(value: number): string {
  return value.toLocaleString();
}

/** A money amount with exactly two decimals in the viewer's locale, e.g. 42.5 → "42.50". */
export function formatAmount(value: number): string {
  return value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "1 case", "12 cases": a count with the noun in the right number. */
export function formatCountOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`;
}

/** A change in a count with its sign: 3 → "+3", -2 → "−2", 0 → "0". */
export function formatSignedCount(value: number): string {
  if (value > 0) return `+${formatCount(value)}`;
  if (value < 0) return `−${formatCount(-value)}`;
  return "0";
}

/** A rate between 0 and 1 as a percentage with at most one decimal: 0.1234 → "12.3%". */
export function formatPercent(rate: number): string {
  return `${(Math.round(rate * 1_000) / 10).toLocaleString()}%`;
}

/** A score or points to two decimals at most, as the server rounds them: 64.75 → "64.75". */
export function formatPoints(value: number): string {
  return value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

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

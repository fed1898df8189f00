/**
 * `" billing, frontline,,billing "` → `["billing", "frontline"]`: the entries of a
 * comma-separated text field, trimmed, without empty entries and without repeats, in the order
 * typed.
 */
export function parseCommaList(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(",")) {
    const entry = part.trim();
    if (entry !== "") seen.add(entry);
  }
  return [...seen];
}

/** The inverse of parseCommaList, for filling a text field: `["a", "b"]` → `"a, b"`. */
export function formatCommaList(entries: readonly string[]): string {
  return entries.join(", ");
}

const UNITS = [
  { suffix: "d", ms: 86_400_000 },
  { suffix: "h", ms: 3_600_000 },
  { suffix: "m", ms: 60_000 },
  { suffix: "s", ms: 1_000 },
] as const;

/**
 * Formats a span as its largest non-zero unit and the unit just below it, truncated rather than
 * rounded so that a lag never looks longer than it was:
 * 8_099_000 ms → "2h 14m", 90_061_000 → "1d 1h", 45_900 → "45s", 0 → "0s".
 * A zero lower unit is dropped (7_200_000 → "2h"); negative spans get a leading "-".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  const sign = ms < 0 ? "-" : "";
  let rest = Math.floor(Math.abs(ms) / 1_000) * 1_000;
  const largest = UNITS.findIndex((unit) => rest >= unit.ms);
  if (largest === -1) return `${sign}0s`;
  const parts: string[] = [];
  for (const unit of UNITS.slice(largest, largest + 2)) {
    const count = Math.floor(rest / unit.ms);
    rest -= count * unit.ms;
    if (count > 0) parts.push(`${count}${unit.suffix}`);
  }
  return `${sign}${parts.join(" ")}`;
}

/** The lag shown between timeline entries: "+2h 14m", or "-5m" if the clock went backwards. */
export function formatLag(ms: number): string {
  const text = formatDuration(ms);
  return ms < 0 || text === "—" ? text : `+${text}`;
}

/** Milliseconds from one ISO-8601 instant to another, or null when either does not parse. */
export function millisecondsBetween(fromIso: string, toIso: string): number | null {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return to - from;
}

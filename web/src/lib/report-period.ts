/**
 * A report's period as picked in two date inputs, both days included, in the viewer's own time
 * zone: 2024-05-01 to 2024-05-31 asks for the instants from the start of 1 May to the start of
 * 1 June, local time.
 */

export interface PeriodDates {
  /** `YYYY-MM-DD`, or "" for the server's default. */
  from: string;
  to: string;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** A local day as a date input holds it: `YYYY-MM-DD`. */
export function dateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The start of a `YYYY-MM-DD` local day, `days` later; null for anything else. */
function localDayStart(date: string, days = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return null;
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return Number.isNaN(start.getTime()) ? null : start;
}

/**
 * The period as ISO instants for the API: `from` at the start of its day, `to` at the start of
 * the day after (the API's `to` is exclusive). A date left empty (or unreadable) is left out.
 */
export function periodToInstants(period: PeriodDates): { from?: string; to?: string } {
  const from = localDayStart(period.from);
  const to = localDayStart(period.to, 1);
  return {
    ...(from === null ? {} : { from: from.toISOString() }),
    ...(to === null ? {} : { to: to.toISOString() }),
  };
}

/** The last `days` days up to and including today. */
export function recentPeriod(now: Date, days: number): PeriodDates {
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  return { from: dateInputValue(first), to: dateInputValue(now) };
}

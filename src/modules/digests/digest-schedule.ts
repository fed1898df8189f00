import { DateTime } from "luxon";
import { type DigestTiming, WEEKDAYS, type Weekday } from "./digest-settings.js";

/**
 * When digests run and which days they report, in the digest's time zone.
 *
 * A daily digest runs every local day at `hour` and reports the previous local day; a weekly one
 * runs on `weekday` at `hour` and reports the seven local days before the run day. Days are real
 * local days, so a report across a daylight-saving change covers 23 or 25 hours. A run hour that
 * a clock change skips runs at the first instant after the gap (02:00 on the spring-forward night
 * in Berlin is 03:00 CEST); an hour that happens twice runs at its first occurrence, as the SLA
 * calendars read such times.
 */

export interface DigestPeriod {
  /** Local midnight starting the first reported day (epoch ms, inclusive). */
  from: number;
  /** Local midnight starting the run day (epoch ms, exclusive). */
  to: number;
  /** The run: the local hour on the run day (epoch ms). */
  runAt: number;
  /** The first and last reported local days, inclusive (`YYYY-MM-DD`). */
  firstDay: string;
  lastDay: string;
}

/** A local calendar day, as numbers (no zone). */
interface LocalDay {
  year: number;
  month: number;
  day: number;
}

/**
 * The latest run at or before `instant` and the period it reports.
 *
 * @example
 * // Daily at 08:00 Berlin, asked at 2026-03-30T05:00Z (07:00 CEST): the run of the 29th,
 * // reporting the 28th.
 * latestRunAtOrBefore({cadence: "daily", hour: 8, weekday: null, timezone: "Europe/Berlin"},
 *   Date.parse("2026-03-30T05:00:00Z")).firstDay // "2026-03-28"
 */
export function latestRunAtOrBefore(timing: DigestTiming, instant: number): DigestPeriod {
  const today = localDayOf(instant, timing.timezone);
  let runDay = today;
  if (timing.weekday !== null && timing.cadence === "weekly") {
    const back = (weekdayOf(today) - isoWeekday(timing.weekday) + 7) % 7;
    runDay = addDays(today, -back);
  }
  if (runInstant(timing, runDay) > instant) runDay = addDays(runDay, -stepDays(timing));
  return periodOfRunDay(timing, runDay);
}

/** The first run strictly after `instant` and the period it reports. */
export function nextRunAfter(timing: DigestTiming, instant: number): DigestPeriod {
  const today = localDayOf(instant, timing.timezone);
  let runDay = today;
  if (timing.weekday !== null && timing.cadence === "weekly") {
    const ahead = (isoWeekday(timing.weekday) - weekdayOf(today) + 7) % 7;
    runDay = addDays(today, ahead);
  }
  if (runInstant(timing, runDay) <= instant) runDay = addDays(runDay, stepDays(timing));
  return periodOfRunDay(timing, runDay);
}

/** The first and last local days of [from, to) in `zone`, inclusive (`YYYY-MM-DD`). */
export function reportedDays(
  zone: string,
  period: { from: number; to: number },
): { firstDay: string; lastDay: string } {
  return {
    firstDay: isoDate(localDayOf(period.from, zone)),
    lastDay: isoDate(localDayOf(period.to - 1, zone)),
  };
}

function periodOfRunDay(timing: DigestTiming, runDay: LocalDay): DigestPeriod {
  const days = stepDays(timing);
  const first = addDays(runDay, -days);
  return {
    from: wallTime(timing.timezone, first, 0),
    to: wallTime(timing.timezone, runDay, 0),
    runAt: runInstant(timing, runDay),
    firstDay: isoDate(first),
    lastDay: isoDate(addDays(runDay, -1)),
  };
}

function stepDays(timing: DigestTiming): number {
  return timing.cadence === "weekly" ? 7 : 1;
}

function runInstant(timing: DigestTiming, day: LocalDay): number {
  return wallTime(timing.timezone, day, timing.hour);
}

/**
 * The instant local `hour`:00 of `day` happens in `zone`: a skipped time moves forward by the
 * gap (Luxon's rule), a repeated one takes its first occurrence.
 */
function wallTime(zone: string, day: LocalDay, hour: number): number {
  const local = DateTime.fromObject({ ...day, hour }, { zone });
  let earliest = local.toMillis();
  for (const occurrence of local.getPossibleOffsets()) {
    earliest = Math.min(earliest, occurrence.toMillis());
  }
  return earliest;
}

function localDayOf(instant: number, zone: string): LocalDay {
  const local = DateTime.fromMillis(instant, { zone });
  return { year: local.year, month: local.month, day: local.day };
}

/** Calendar arithmetic on local days, done in UTC where every day has 24 hours. */
function addDays(day: LocalDay, days: number): LocalDay {
  const moved = DateTime.utc(day.year, day.month, day.day).plus({ days });
  return { year: moved.year, month: moved.month, day: moved.day };
}

function weekdayOf(day: LocalDay): number {
  return DateTime.utc(day.year, day.month, day.day).weekday;
}

function isoWeekday(weekday: Weekday): number {
  return WEEKDAYS.indexOf(weekday) + 1;
}

function isoDate(day: LocalDay): string {
  return DateTime.utc(day.year, day.month, day.day).toISODate() ?? "";
}

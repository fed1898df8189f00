import { DateTime } from "luxon";
import {
  type BusinessCalendar,
  type CalendarException,
  parseCalendar,
  type TimeSpan,
  type Weekday,
} from "../../src/modules/sla/calendar.js";

/** Builders shared by the calendar test files. */

export const MON_FRI: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri"];
export const EVERY_DAY: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
export const NINE_TO_FIVE: TimeSpan[] = [["09:00", "17:00"]];

/** The same spans on each of `days`. */
export function on(
  days: readonly Weekday[],
  spans: TimeSpan[],
): Partial<Record<Weekday, TimeSpan[]>> {
  return Object.fromEntries(days.map((day) => [day, spans]));
}

/** A calendar built through parseCalendar, so every fixture is a valid calendar. */
export function calendar(
  timezone: string,
  hours: Partial<Record<Weekday, TimeSpan[]>>,
  holidays: string[] = [],
  exceptions?: CalendarException[],
): BusinessCalendar {
  const parsed = parseCalendar({ timezone, hours, holidays, exceptions });
  if (!parsed.ok) throw new Error(`bad test calendar: ${parsed.field}: ${parsed.reason}`);
  return parsed.calendar;
}

/** An instant from ISO-8601 with offset; a typo fails loudly instead of comparing NaN. */
export function instant(iso: string): DateTime {
  const parsed = DateTime.fromISO(iso, { setZone: true });
  if (!parsed.isValid) throw new Error(`bad test instant ${iso}: ${parsed.invalidExplanation}`);
  return parsed;
}

/** Luxon writes UTC as "Z" or "+00:00" depending on how the zone was named; compare one form. */
export function withNumericOffset(text: string | null): string {
  return (text ?? "").replace(/Z$/, "+00:00");
}

/** `iso` as read in `zone`, the form computeDueAt answers in. */
export function inZone(iso: string, zone: string): string {
  return withNumericOffset(instant(iso).setZone(zone).toISO({ suppressMilliseconds: true }));
}

export function iso(value: DateTime): string {
  return withNumericOffset(value.toISO({ suppressMilliseconds: true }));
}

export type Interval = readonly [from: string, to: string];

export function pausesOf(intervals: readonly Interval[] = []) {
  return intervals.map(([from, to]) => ({ from: instant(from), to: instant(to) }));
}

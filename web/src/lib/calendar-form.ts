/**
 * Business calendars as the calendar editor holds them: every weekday present (an empty list is a
 * closed day), spans as start/end pairs. Conversions keep the order of calendars, spans, holidays
 * and exceptions, so a server error about `calendars.0.hours.mon.1` lands on the span shown.
 */
import {
  type Calendar,
  type CalendarsDocument,
  type TimeSpan,
  WEEKDAYS,
  type Weekday,
} from "../api/settings-types.ts";

export interface SpanDraft {
  start: string;
  end: string;
}

export interface CalendarDraft {
  id: string;
  name: string;
  timezone: string;
  hours: WeekDraft;
  holidays: string[];
  exceptions: { date: string; hours: SpanDraft[] }[];
}

/** Weekly hours as the editors hold them: every weekday present, a closed day empty. */
export type WeekDraft = Record<Weekday, SpanDraft[]>;

function toSpanDrafts(spans: readonly TimeSpan[] | undefined): SpanDraft[] {
  return (spans ?? []).map(([start, end]) => ({ start, end }));
}

function toSpans(drafts: readonly SpanDraft[]): TimeSpan[] {
  return drafts.map((span) => [span.start.trim(), span.end.trim()]);
}

/** Weekly hours (a calendar's, an agent's shift) for editing: days not listed are closed. */
export function hoursToDraft(hours: Partial<Record<Weekday, readonly TimeSpan[]>>): WeekDraft {
  const draft = {} as WeekDraft;
  for (const day of WEEKDAYS) draft[day] = toSpanDrafts(hours[day]);
  return draft;
}

/** Closed weekdays are left out. */
export function draftToHours(draft: WeekDraft): Partial<Record<Weekday, TimeSpan[]>> {
  const hours: Partial<Record<Weekday, TimeSpan[]>> = {};
  for (const day of WEEKDAYS) {
    if (draft[day].length > 0) hours[day] = toSpans(draft[day]);
  }
  return hours;
}

export function calendarToDraft(calendar: Calendar): CalendarDraft {
  return {
    id: calendar.id,
    name: calendar.name,
    timezone: calendar.timezone,
    hours: hoursToDraft(calendar.hours),
    holidays: [...calendar.holidays],
    exceptions: (calendar.exceptions ?? []).map((exception) => ({
      date: exception.date,
      hours: toSpanDrafts(exception.hours),
    })),
  };
}

/** Closed weekdays are left out of `hours`; `exceptions` only when there are some. */
export function draftToCalendar(draft: CalendarDraft): Calendar {
  const calendar: Calendar = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    timezone: draft.timezone,
    hours: draftToHours(draft.hours),
    holidays: draft.holidays.map((date) => date.trim()),
  };
  if (draft.exceptions.length > 0) {
    calendar.exceptions = draft.exceptions.map((exception) => ({
      date: exception.date.trim(),
      hours: toSpans(exception.hours),
    }));
  }
  return calendar;
}

/** 09:00–17:00 Monday to Friday: what a new calendar or shift starts from. */
export function officeHoursDraft(): WeekDraft {
  const hours = {} as WeekDraft;
  for (const day of WEEKDAYS) {
    hours[day] = day === "sat" || day === "sun" ? [] : [{ start: "09:00", end: "17:00" }];
  }
  return hours;
}

/** A new calendar: office hours Monday to Friday in the viewer's own time zone. */
export function newCalendarDraft(timezone: string, existingIds: readonly string[]): CalendarDraft {
  return {
    id: uniqueId("calendar", existingIds),
    name: "",
    timezone,
    hours: officeHoursDraft(),
    holidays: [],
    exceptions: [],
  };
}

/** `calendar`, or `calendar-2`, `calendar-3`… when taken. */
export function uniqueId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  let suffix = 2;
  while (taken.includes(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}

export function calendarsToDrafts(document: CalendarsDocument): CalendarDraft[] {
  return document.calendars.map(calendarToDraft);
}

export function draftsToCalendars(drafts: readonly CalendarDraft[]): CalendarsDocument {
  return { calendars: drafts.map(draftToCalendar) };
}

/**
 * The next span to offer on a day: after the day's last span (an hour later, one hour long), or
 * 09:00–17:00 on a closed day.
 */
export function nextSpan(spans: readonly SpanDraft[]): SpanDraft {
  const last = spans[spans.length - 1];
  if (last === undefined) return { start: "09:00", end: "17:00" };
  const match = /^(\d{2}):(\d{2})$/.exec(last.end);
  if (match === null) return { start: "", end: "" };
  const startHour = Math.min(Number(match[1]) + 1, 23);
  const endHour = Math.min(startHour + 1, 24);
  const two = (value: number) => String(value).padStart(2, "0");
  return {
    start: `${two(startHour)}:${match[2]}`,
    end: `${two(endHour)}:${endHour === 24 ? "00" : match[2]}`,
  };
}

/** The IANA zones the browser knows, with `current` kept even if it does not know it. */
export function timeZoneOptions(supported: readonly string[], current: string): string[] {
  if (current === "" || supported.includes(current)) return [...supported];
  return [current, ...supported];
}

/**
 * Business calendars: open hours per weekday in an IANA time zone, holidays and one-off exceptions,
 * and the arithmetic of business time over them (due times, elapsed business minutes).
 *
 * Pure: no I/O, no clock. Luxon does every conversion between local wall time and instants.
 *
 * Semantics (the contract of `throughline calendar due` in PRODUCT.md):
 * - Business minutes are real elapsed minutes inside open spans. A span on a DST day is as long as
 *   it really is: 01:00–04:00 on a spring-forward night is 2 real hours, on a fall-back night 4.
 * - A local time that does not exist (skipped by spring-forward) resolves as if the clock had not
 *   moved yet, i.e. one gap later (02:30 → 03:30); a local time that occurs twice (fall-back)
 *   resolves to its first occurrence. This is RFC 5545's rule, java.time's and Temporal's
 *   "compatible" disambiguation, and what Zendesk's `biz` gem does (spec/time_spec.rb).
 * - Spans are half-open [start, end): the closing instant itself is closed. A due time that lands
 *   exactly on a closing instant is that instant, not the next opening.
 * - Work is done in whole milliseconds; fractional minutes are rounded to the nearest millisecond.
 *
 * A calendar object is treated as an immutable value (parseCalendar returns it frozen): its
 * compiled form and the open instants of each local day it has needed are cached per object, so
 * recomputing many due times on one calendar asks Luxon about each local day only once.
 */
import { DateTime, IANAZone } from "luxon";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `["09:00", "17:00"]`: local wall-clock times, "HH:MM"; "24:00" only as an end (midnight). */
export type TimeSpan = [start: string, end: string];

export interface CalendarException {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** The day's hours instead of its weekday's (and instead of a holiday); `[]` closes the day. */
  hours: TimeSpan[];
}

export interface BusinessCalendar {
  /** IANA zone name, e.g. "Europe/Berlin". */
  timezone: string;
  /** Open spans per weekday, in order and not overlapping; a missing weekday is closed. */
  hours: Partial<Record<Weekday, TimeSpan[]>>;
  /** Whole local dates (YYYY-MM-DD) on which the calendar is closed. */
  holidays: string[];
  /** One-off hours on a date; an exception takes precedence over the weekday and a holiday. */
  exceptions?: CalendarException[];
}

export type ParseCalendarResult =
  | { ok: true; calendar: BusinessCalendar }
  | { ok: false; field: string; reason: string };

/** An instant: a JavaScript Date or a Luxon DateTime (its zone does not matter). */
export type Instant = Date | DateTime;

/** An interval during which a business clock stands still. */
export interface Pause {
  from: Instant;
  to: Instant;
}

const MINUTES_PER_DAY = 24 * 60;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/**
 * The largest target accepted: about 19 years of round-the-clock time. Iteration is day by day, so
 * the bound keeps a typo (an extra few zeros) from turning into minutes of computation.
 */
export const MAX_BUSINESS_MINUTES = 10_000_000;

// ───────────────────────────── parsing and validation ─────────────────────────────

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Problem = { field: string; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Minute of the day for "HH:MM" (1440 for "24:00" when allowed), or null. */
function parseTimeOfDay(value: unknown, allowMidnightEnd: boolean): number | null {
  if (typeof value !== "string") return null;
  if (value === "24:00") return allowMidnightEnd ? MINUTES_PER_DAY : null;
  const match = TIME_OF_DAY.exec(value);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, or null. */
function parseLocalDate(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = LOCAL_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  return Math.round(date.getTime() / DAY_MS);
}

function describeTime(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

/** Validates one day's spans; returns a normalised copy or the first problem. */
function parseSpans(value: unknown, field: string): TimeSpan[] | Problem {
  if (!Array.isArray(value)) {
    return { field, reason: 'must be a list of ["HH:MM", "HH:MM"] spans ([] when closed)' };
  }
  const spans: TimeSpan[] = [];
  let previousStart = -1;
  let previousEnd = -1;
  for (const [index, span] of value.entries()) {
    const spanField = `${field}.${index}`;
    if (!Array.isArray(span) || span.length !== 2) {
      return { field: spanField, reason: 'must be a pair ["HH:MM", "HH:MM"]' };
    }
    const [startText, endText] = span as unknown[];
    if (startText === "24:00") {
      return {
        field: spanField,
        reason: 'start "24:00" is not allowed; "24:00" may only end a span',
      };
    }
    const start = parseTimeOfDay(startText, false);
    if (start === null) {
      return {
        field: spanField,
        reason: `start ${describeTime(startText)} is not a time of day HH:MM between 00:00 and 23:59`,
      };
    }
    const end = parseTimeOfDay(endText, true);
    if (end === null) {
      return {
        field: spanField,
        reason: `end ${describeTime(endText)} is not a time of day HH:MM between 00:00 and 23:59, or 24:00`,
      };
    }
    if (end <= start) {
      return {
        field: spanField,
        reason: `end ${describeTime(endText)} must be after start ${describeTime(startText)} (use "24:00" for midnight; a night shift is two spans, one on each day)`,
      };
    }
    const previous = spans[spans.length - 1];
    if (previous && start < previousStart) {
      return {
        field: spanField,
        reason: `is out of order: it starts before the span before it (${previous[0]}–${previous[1]}); list spans from earliest to latest`,
      };
    }
    if (previous && start < previousEnd) {
      return {
        field: spanField,
        reason: `overlaps the span before it (${previous[0]}–${previous[1]})`,
      };
    }
    previousStart = start;
    previousEnd = end;
    spans.push([startText as string, endText as string]);
  }
  return spans;
}

function isProblem(value: unknown): value is Problem {
  return isRecord(value) && typeof value.field === "string" && typeof value.reason === "string";
}

/**
 * Validates a calendar read from JSON and returns a normalised, deeply frozen copy, or the first
 * problem with the field at fault as a dotted path (`hours.tue.1`, `holidays.3`, `timezone`).
 *
 * Fields other than timezone, hours, holidays and exceptions are ignored (a file may carry a name
 * or an id); unknown weekday keys are rejected, since a typo there would silently close a day.
 */
export function parseCalendar(json: unknown): ParseCalendarResult {
  const fail = (field: string, reason: string): ParseCalendarResult => ({
    ok: false,
    field,
    reason,
  });
  if (!isRecord(json)) return fail("calendar", "must be a JSON object");

  const { timezone } = json;
  if (typeof timezone !== "string" || timezone === "") {
    return fail("timezone", 'is required: an IANA time zone name such as "Europe/Berlin"');
  }
  if (!IANAZone.isValidZone(timezone)) {
    return fail("timezone", `"${timezone}" is not a known IANA time zone`);
  }

  if (!isRecord(json.hours)) {
    return fail(
      "hours",
      'is required: an object of weekday → spans, e.g. {"mon": [["09:00", "17:00"]]}',
    );
  }
  const hours: Partial<Record<Weekday, TimeSpan[]>> = {};
  let openSpans = 0;
  for (const [key, value] of Object.entries(json.hours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      return fail(`hours.${key}`, `is not a weekday; use ${WEEKDAYS.join(", ")}`);
    }
    const spans = parseSpans(value, `hours.${key}`);
    if (isProblem(spans)) return { ok: false, ...spans };
    hours[key as Weekday] = spans;
    openSpans += spans.length;
  }
  if (openSpans === 0) {
    return fail(
      "hours",
      "must open on at least one weekday (a calendar that never opens has no due times)",
    );
  }

  const holidays: string[] = [];
  if (json.holidays !== undefined) {
    if (!Array.isArray(json.holidays)) {
      return fail("holidays", "must be a list of dates YYYY-MM-DD");
    }
    for (const [index, holiday] of json.holidays.entries()) {
      if (parseLocalDate(holiday) === null) {
        return fail(`holidays.${index}`, `${describeTime(holiday)} is not a date YYYY-MM-DD`);
      }
      holidays.push(holiday as string);
    }
  }

  let exceptions: CalendarException[] | undefined;
  if (json.exceptions !== undefined) {
    if (!Array.isArray(json.exceptions)) {
      return fail("exceptions", 'must be a list of {"date": "YYYY-MM-DD", "hours": [...]}');
    }
    exceptions = [];
    const seen = new Set<string>();
    for (const [index, exception] of json.exceptions.entries()) {
      const field = `exceptions.${index}`;
      if (!isRecord(exception)) {
        return fail(field, 'must be an object {"date": "YYYY-MM-DD", "hours": [...]}');
      }
      if (parseLocalDate(exception.date) === null) {
        return fail(`${field}.date`, `${describeTime(exception.date)} is not a date YYYY-MM-DD`);
      }
      const date = exception.date as string;
      if (seen.has(date)) return fail(`${field}.date`, `${date} already has an exception`);
      seen.add(date);
      const spans = parseSpans(exception.hours, `${field}.hours`);
      if (isProblem(spans)) return { ok: false, ...spans };
      exceptions.push({ date, hours: spans });
    }
  }

  const calendar: BusinessCalendar = {
    timezone,
    hours,
    holidays,
    ...(exceptions === undefined ? {} : { exceptions }),
  };
  return { ok: true, calendar: deepFreeze(calendar) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// ───────────────────────────── compiled form ─────────────────────────────

/** Minute-of-day spans, [start, end) with end ≤ 1440. */
type MinuteSpans = readonly (readonly [number, number])[];

interface CompiledCalendar {
  /** Luxon's zone object, created once (faster than naming the zone on every conversion). */
  zone: IANAZone;
  /** Index 0 = Monday … 6 = Sunday. */
  weekly: readonly MinuteSpans[];
  holidays: ReadonlySet<number>;
  exceptions: ReadonlyMap<number, MinuteSpans>;
  /** Open instants per local day (days since 1970-01-01): [start0, end0, start1, end1, …] ms. */
  days: Map<number, readonly number[]>;
}

const NO_SPANS: readonly number[] = Object.freeze([]);
/** Enough for decades of distinct days; past it the cache starts over rather than grow unbounded. */
const MAX_CACHED_DAYS = 20_000;

// Calendars are values: the compiled form and its per-day cache are kept per calendar object, so
// a recompute of many due times on one calendar resolves each local day with Luxon only once.
const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

function toMinuteSpans(spans: readonly TimeSpan[] | undefined, where: string): MinuteSpans {
  return (spans ?? [])
    .map(([start, end]) => {
      const startMinute = parseTimeOfDay(start, false);
      const endMinute = parseTimeOfDay(end, true);
      if (startMinute === null || endMinute === null || endMinute <= startMinute) {
        throw new RangeError(
          `invalid span ${start}–${end} in ${where}; validate with parseCalendar`,
        );
      }
      return [startMinute, endMinute] as const;
    })
    .sort((a, b) => a[0] - b[0]);
}

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  if (!IANAZone.isValidZone(calendar.timezone)) {
    throw new RangeError(`unknown time zone "${calendar.timezone}"`);
  }
  const weekly = WEEKDAYS.map((weekday) =>
    toMinuteSpans(calendar.hours[weekday], `hours.${weekday}`),
  );
  if (weekly.every((spans) => spans.length === 0)) {
    throw new RangeError("the calendar never opens: no weekday has open hours");
  }
  const holidays = new Set<number>();
  for (const holiday of calendar.holidays) {
    const day = parseLocalDate(holiday);
    if (day === null) throw new RangeError(`invalid holiday "${holiday}"`);
    holidays.add(day);
  }
  const exceptions = new Map<number, MinuteSpans>();
  for (const exception of calendar.exceptions ?? []) {
    const day = parseLocalDate(exception.date);
    if (day === null) throw new RangeError(`invalid exception date "${exception.date}"`);
    exceptions.set(day, toMinuteSpans(exception.hours, `exception ${exception.date}`));
  }
  const compiled: CompiledCalendar = {
    zone: IANAZone.create(calendar.timezone),
    weekly,
    holidays,
    exceptions,
    days: new Map(),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

/**
 * The instant at which local wall time `minuteOfDay` (0…1440) of local day `day` happens, by the
 * rule in the module comment: skipped times move forward by the gap, repeated times take their
 * first occurrence. Luxon decides both; getPossibleOffsets lists the occurrences of a repeated time.
 */
function resolveWallTime(zone: IANAZone, day: number, minuteOfDay: number): number {
  const date = new Date((day + Math.floor(minuteOfDay / MINUTES_PER_DAY)) * DAY_MS);
  const minute = minuteOfDay % MINUTES_PER_DAY;
  const local = DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minute / 60),
      minute: minute % 60,
    },
    { zone },
  );
  let earliest = local.toMillis();
  for (const occurrence of local.getPossibleOffsets()) {
    earliest = Math.min(earliest, occurrence.toMillis());
  }
  return earliest;
}

/** The open instants of one local day, cached: [start0, end0, start1, end1, …] in ms. */
function openSpansOf(compiled: CompiledCalendar, day: number): readonly number[] {
  const cached = compiled.days.get(day);
  if (cached) return cached;
  const spans =
    compiled.exceptions.get(day) ??
    (compiled.holidays.has(day)
      ? []
      : (compiled.weekly[(new Date(day * DAY_MS).getUTCDay() + 6) % 7] ?? []));
  let instants = NO_SPANS;
  if (spans.length > 0) {
    const list: number[] = [];
    let previousEnd = Number.NEGATIVE_INFINITY;
    for (const [startMinute, endMinute] of spans) {
      // A start inside a spring-forward gap moves forward by the gap and may pass a later time
      // of the same day; clipping to the previous end keeps the day's spans disjoint and ordered.
      const start = Math.max(resolveWallTime(compiled.zone, day, startMinute), previousEnd);
      const end = resolveWallTime(compiled.zone, day, endMinute);
      if (end > start) {
        list.push(start, end);
        previousEnd = end;
      }
    }
    instants = list;
  }
  if (compiled.days.size >= MAX_CACHED_DAYS) compiled.days.clear();
  compiled.days.set(day, instants);
  return instants;
}

// ───────────────────────────── business-time arithmetic ─────────────────────────────

function toMillis(instant: Instant, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : instant.toMillis();
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant`);
  return ms;
}

type PauseRange = { from: number; to: number };

/** Sorts and merges pauses (they may overlap each other and closed time). */
function mergePauses(pauses: readonly Pause[]): PauseRange[] {
  const ranges: PauseRange[] = [];
  for (const [index, pause] of pauses.entries()) {
    const from = toMillis(pause.from, `pause ${index + 1} start`);
    const to = toMillis(pause.to, `pause ${index + 1} end`);
    if (to < from) throw new RangeError(`pause ${index + 1} ends before it starts`);
    if (to > from) ranges.push({ from, to });
  }
  ranges.sort((a, b) => a.from - b.from);
  const merged: PauseRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * Walks the clock's running time (open spans minus pauses) forward from `fromMs`, calling `visit`
 * with each running segment [a, b) in order until it returns true or `untilMs` is passed.
 */
function walkRunningTime(
  compiled: CompiledCalendar,
  fromMs: number,
  untilMs: number,
  pauses: readonly PauseRange[],
  visit: (a: number, b: number) => boolean,
): boolean {
  let cursor = fromMs;
  let pauseIndex = 0;
  // Any local day differs from the UTC day by at most one, so the day before the UTC day of
  // `fromMs` is the earliest whose spans can still be running at `fromMs`.
  for (let day = Math.floor(fromMs / DAY_MS) - 1; ; day++) {
    if (day * DAY_MS > untilMs + DAY_MS) return false;
    const spans = openSpansOf(compiled, day);
    for (let i = 0; i + 1 < spans.length; i += 2) {
      const spanEnd = spans[i + 1] as number;
      let a = Math.max(spans[i] as number, cursor);
      while (a < spanEnd) {
        while (pauseIndex < pauses.length && (pauses[pauseIndex] as PauseRange).to <= a) {
          pauseIndex++;
        }
        const pause = pauses[pauseIndex];
        if (pause && pause.from <= a) {
          a = pause.to;
          continue;
        }
        const b = pause && pause.from < spanEnd ? pause.from : spanEnd;
        if (visit(a, b)) return true;
        a = b;
      }
      cursor = Math.max(cursor, spanEnd);
    }
  }
}

function assertTarget(minutes: number): void {
  if (typeof minutes !== "number" || Number.isNaN(minutes) || minutes < 0) {
    throw new RangeError("minutes must be a number, 0 or more");
  }
  if (minutes > MAX_BUSINESS_MINUTES) {
    throw new RangeError(`minutes must be at most ${MAX_BUSINESS_MINUTES}`);
  }
}

// The farthest a due time is searched for: the target bound in real time, plus room for closed
// days, holidays and pauses. Reaching it means the clock cannot run (e.g. one endless pause).
const SEARCH_HORIZON_MS = 200 * 366 * DAY_MS;

/**
 * The due instant as milliseconds since the epoch; see computeDueAt. For hot paths (recomputing
 * many due times) that do not need a DateTime.
 */
export function computeDueAtMillis(
  calendar: BusinessCalendar,
  start: Instant,
  minutes: number,
  pauses: readonly Pause[] = [],
): number {
  assertTarget(minutes);
  const compiled = compile(calendar);
  const startMs = toMillis(start, "start");
  const merged = mergePauses(pauses);
  let remaining = Math.round(minutes * MINUTE_MS);
  let due: number | null = null;
  walkRunningTime(compiled, startMs, startMs + SEARCH_HORIZON_MS, merged, (a, b) => {
    // `<=`: a target that is used up exactly at a closing instant is due at that instant.
    if (remaining <= b - a) {
      due = a + remaining;
      return true;
    }
    remaining -= b - a;
    return false;
  });
  if (due === null) {
    throw new RangeError(
      "no due time within 200 years of the start: the calendar is too rarely open or paused too long",
    );
  }
  return due;
}

/**
 * The instant at which `minutes` business minutes have run on `calendar` from `start`, in the
 * calendar's zone. The clock runs only inside open spans and stands still during `pauses`.
 *
 * - A start outside open hours (or inside a pause) begins at the next opening.
 * - `minutes` may be fractional (rounded to the millisecond) or 0: 0 at an open instant is that
 *   instant, 0 outside open hours is the next opening.
 * - A target used up exactly at the close of a span is due at that closing instant.
 *
 * @example
 * // Mon–Fri 09:00–17:00 Europe/Berlin; Friday 16:00 + 120 business minutes → Monday 10:00
 * computeDueAt(berlin, DateTime.fromISO("2026-03-06T16:00:00+01:00"), 120).toISO()
 * // "2026-03-09T10:00:00.000+01:00"
 */
export function computeDueAt(
  calendar: BusinessCalendar,
  start: Instant,
  minutes: number,
  pauses: readonly Pause[] = [],
): DateTime {
  const due = computeDueAtMillis(calendar, start, minutes, pauses);
  return DateTime.fromMillis(due, { zone: compile(calendar).zone });
}

/** The first instant at or after `at` at which the business clock runs (see computeDueAt). */
export function nextOpening(
  calendar: BusinessCalendar,
  at: Instant,
  pauses: readonly Pause[] = [],
): DateTime {
  return computeDueAt(calendar, at, 0, pauses);
}

/**
 * Business minutes that run between `from` and `to`: real time inside open spans, outside pauses.
 * The inverse of computeDueAt: businessMinutesBetween(c, s, computeDueAt(c, s, n)) === n (to the
 * millisecond). An interval that ends before it starts has 0 business minutes, as in OTRS and biz.
 *
 * @example
 * // Mon–Fri 09:00–17:00; Friday 15:00 → Monday 11:00 is 2 + 2 hours
 * businessMinutesBetween(calendar, fridayAt15, mondayAt11) // 240
 */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  from: Instant,
  to: Instant,
  pauses: readonly Pause[] = [],
): number {
  const compiled = compile(calendar);
  const fromMs = toMillis(from, "from");
  const toMs = toMillis(to, "to");
  if (toMs <= fromMs) return 0;
  if (toMs - fromMs > SEARCH_HORIZON_MS) {
    throw new RangeError("from and to must be at most 200 years apart");
  }
  let total = 0;
  walkRunningTime(compiled, fromMs, toMs, mergePauses(pauses), (a, b) => {
    if (a >= toMs) return true;
    total += Math.min(b, toMs) - a;
    return false;
  });
  return total / MINUTE_MS;
}

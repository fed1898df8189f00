import fs from "node:fs";
import type { Command } from "commander";
import { DateTime, Duration } from "luxon";
import { parseInstant } from "../modules/events/event-validation.js";
import {
  type BusinessCalendar,
  computeDueAt,
  MAX_BUSINESS_MINUTES,
  type Pause,
  parseCalendar,
} from "../modules/sla/calendar.js";
import { CliUsageError } from "./cli-error.js";
import { printResult } from "./output.js";

interface DueCliOptions {
  calendar?: string;
  start?: string;
  minutes?: string;
  pause?: string[];
  json?: boolean;
}

const INSTANT_HINT = "an ISO-8601 date-time with an offset, e.g. 2026-03-02T09:00:00+01:00";
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function readCalendar(file: string): BusinessCalendar {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliUsageError(`cannot read calendar file ${file} (${reason})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`calendar file ${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = parseCalendar(json);
  if (!parsed.ok) {
    throw new CliUsageError(`invalid calendar ${file}: ${parsed.field}: ${parsed.reason}`);
  }
  return parsed.calendar;
}

function parseStart(text: string): DateTime {
  const ms = parseInstant(text);
  if (ms === null) throw new CliUsageError(`--start must be ${INSTANT_HINT}; got "${text}"`);
  return DateTime.fromMillis(ms, { zone: "UTC" });
}

function parseMinutes(text: string): number {
  const minutes = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(minutes)) {
    throw new CliUsageError(`--minutes must be a number of business minutes; got "${text}"`);
  }
  if (minutes < 0) throw new CliUsageError(`--minutes must not be negative; got "${text}"`);
  if (minutes > MAX_BUSINESS_MINUTES) {
    throw new CliUsageError(`--minutes must be at most ${MAX_BUSINESS_MINUTES}; got "${text}"`);
  }
  return minutes;
}

/**
 * An ISO-8601 interval: FROM/TO, FROM/DURATION or DURATION/TO, instants with offsets. Durations
 * are applied in the calendar's zone (P1D is one calendar day there).
 */
function parsePause(text: string, zone: string): Pause {
  const invalid = (why: string) =>
    new CliUsageError(`--pause "${text}" ${why}; expected FROM/TO, both ${INSTANT_HINT}`);
  const parts = text.split("/");
  if (parts.length !== 2) throw invalid("is not an interval");
  const [left = "", right = ""] = parts;
  const side = (part: string): DateTime | Duration => {
    if (part.startsWith("P")) {
      const duration = Duration.fromISO(part);
      if (!duration.isValid) throw invalid(`has an invalid duration "${part}"`);
      return duration;
    }
    const ms = parseInstant(part);
    if (ms === null) throw invalid(`has an invalid instant "${part}"`);
    return DateTime.fromMillis(ms, { zone });
  };
  const first = side(left);
  const second = side(right);
  let from: DateTime;
  let to: DateTime;
  if (first instanceof DateTime && second instanceof DateTime) [from, to] = [first, second];
  else if (first instanceof DateTime && second instanceof Duration) {
    [from, to] = [first, first.plus(second)];
  } else if (first instanceof Duration && second instanceof DateTime) {
    [from, to] = [second.minus(first), second];
  } else throw invalid("has no instant");
  if (to < from) throw new CliUsageError(`--pause "${text}" ends before it starts`);
  return { from, to };
}

/** ISO-8601 in the calendar's zone: seconds always, milliseconds only when not zero, "+00:00" for UTC. */
function formatDue(due: DateTime): string {
  const text = due.toISO({ suppressMilliseconds: true }) ?? "";
  return text.endsWith("Z") ? `${text.slice(0, -1)}+00:00` : text;
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command("calendar")
    .description("business calendars: hours per weekday, time zone, holidays");

  calendar
    .command("due")
    .description(
      "when N business minutes from --start are used up; prints the due instant in the calendar's zone (seconds always, milliseconds only when not zero)",
    )
    .option("--calendar <file>", "calendar JSON file (timezone, hours, holidays, exceptions)")
    .option("--start <iso>", "start instant, ISO-8601 with offset")
    .option("--minutes <n>", "business minutes to add (0 or more, fractions allowed)")
    .option(
      "--pause <interval...>",
      "ISO-8601 interval FROM/TO during which the clock stands still (repeatable)",
    )
    .option("--json", 'print {"due": "..."} as JSON')
    .action((options: DueCliOptions) => {
      if (options.calendar === undefined) throw new CliUsageError("--calendar <file> is required");
      if (options.start === undefined) throw new CliUsageError("--start <iso> is required");
      if (options.minutes === undefined) throw new CliUsageError("--minutes <n> is required");
      const businessCalendar = readCalendar(options.calendar);
      const start = parseStart(options.start);
      const minutes = parseMinutes(options.minutes);
      const pauses = (options.pause ?? []).map((text) =>
        parsePause(text, businessCalendar.timezone),
      );
      let due: string;
      try {
        due = formatDue(computeDueAt(businessCalendar, start, minutes, pauses));
      } catch (error) {
        // A RangeError here means the input asks for the impossible (no opening within the
        // search horizon); anything else is a bug and surfaces as such.
        if (error instanceof RangeError) throw new CliUsageError(error.message);
        throw error;
      }
      printResult(options.json === true, { due }, () => due);
    });
}

/**
 * The contract's own edge cases for business-calendar arithmetic (PRODUCT.md, `throughline
 * calendar due`), then seeded random properties and a minute-by-minute oracle. The cases ported
 * from other libraries' test suites are in calendar.test.ts.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  calendar,
  EVERY_DAY,
  instant,
  inZone,
  iso,
  MON_FRI,
  NINE_TO_FIVE,
  on,
  pausesOf,
} from "../../../test/support/calendars.js";
import { createRandom } from "../demo/random.js";
import {
  type BusinessCalendar,
  businessMinutesBetween,
  computeDueAt,
  computeDueAtMillis,
  MAX_BUSINESS_MINUTES,
} from "./calendar.js";

// ───────────────────────────── the contract's own edge cases ─────────────────────────────

describe("computeDueAt: DST spans are as long as they really are", () => {
  const night = (zone: string) => calendar(zone, on(EVERY_DAY, [["01:00", "04:00"]]));

  it.each([
    ["Europe/Berlin", "2026-03-29T01:00:00+01:00", "2026-03-29T04:00:00+02:00", 120],
    ["America/New_York", "2026-03-08T01:00:00-05:00", "2026-03-08T04:00:00-04:00", 120],
    ["Australia/Sydney", "2026-10-04T01:00:00+10:00", "2026-10-04T04:00:00+11:00", 120],
    ["Europe/Berlin", "2026-10-25T01:00:00+02:00", "2026-10-25T04:00:00+01:00", 240],
    ["America/New_York", "2026-11-01T01:00:00-04:00", "2026-11-01T04:00:00-05:00", 240],
    ["Australia/Sydney", "2026-04-05T01:00:00+11:00", "2026-04-05T04:00:00+10:00", 240],
  ] as const)(
    "%s: 01:00–04:00 from %s closes at %s after %i real minutes",
    (zone, open, close, minutes) => {
      const spans = night(zone);
      expect(businessMinutesBetween(spans, instant(open), instant(close))).toBe(minutes);
      expect(iso(computeDueAt(spans, instant(open), minutes))).toBe(inZone(close, zone));
      // One minute more is one minute into the next night's span.
      const next = computeDueAt(spans, instant(open), minutes + 1);
      expect(next.toFormat("HH:mm")).toBe("01:01");
      expect(next.toISODate()).toBe(instant(close).setZone(zone).plus({ days: 1 }).toISODate());
    },
  );

  it("a whole day is 23 real hours on spring-forward day and 25 on fall-back day", () => {
    const allDay = calendar("Europe/Berlin", on(EVERY_DAY, [["00:00", "24:00"]]));
    const day = (date: string) =>
      businessMinutesBetween(
        allDay,
        DateTime.fromISO(`${date}T00:00`, { zone: "Europe/Berlin" }),
        DateTime.fromISO(`${date}T00:00`, { zone: "Europe/Berlin" }).plus({ days: 1 }),
      );
    expect(day("2026-03-29")).toBe(23 * 60);
    expect(day("2026-10-25")).toBe(25 * 60);
    expect(day("2026-06-01")).toBe(24 * 60);
  });
});

describe("computeDueAt: start, zero, fractional and closing", () => {
  const berlin = calendar(
    "Europe/Berlin",
    on(MON_FRI, [
      ["09:00", "12:00"],
      ["13:00", "17:00"],
    ]),
  );

  it.each([
    ["before opening", "2026-03-02T07:00:00+01:00", 30, "2026-03-02T09:30:00+01:00"],
    ["in the lunch break", "2026-03-02T12:30:00+01:00", 30, "2026-03-02T13:30:00+01:00"],
    ["after closing", "2026-03-02T18:00:00+01:00", 30, "2026-03-03T09:30:00+01:00"],
    ["on a Saturday", "2026-03-07T10:00:00+01:00", 30, "2026-03-09T09:30:00+01:00"],
    ["at the closing instant", "2026-03-02T17:00:00+01:00", 30, "2026-03-03T09:30:00+01:00"],
    ["zero inside open hours", "2026-03-02T10:15:27+01:00", 0, "2026-03-02T10:15:27+01:00"],
    ["zero at the closing instant", "2026-03-02T12:00:00+01:00", 0, "2026-03-02T13:00:00+01:00"],
    ["zero on a Sunday", "2026-03-08T10:00:00+01:00", 0, "2026-03-09T09:00:00+01:00"],
    ["used up exactly at lunch", "2026-03-02T11:00:00+01:00", 60, "2026-03-02T12:00:00+01:00"],
    ["fractional minutes", "2026-03-02T09:00:00+01:00", 1.5, "2026-03-02T09:01:30+01:00"],
    [
      "a week and a minute",
      "2026-03-02T09:00:00+01:00",
      5 * 7 * 60 + 1,
      "2026-03-09T09:01:00+01:00",
    ],
  ] as const)("%s: %s + %s min → %s", (_case, start, minutes, due) => {
    expect(iso(computeDueAt(berlin, instant(start), minutes))).toBe(due);
  });

  it("accepts a Date or a DateTime in any zone and answers in the calendar's zone", () => {
    const fromDate = computeDueAt(berlin, new Date("2026-03-02T08:00:00Z"), 60);
    const fromTokyo = computeDueAt(berlin, instant("2026-03-02T17:00:00+09:00"), 60);
    expect(iso(fromDate)).toBe("2026-03-02T10:00:00+01:00");
    expect(iso(fromTokyo)).toBe("2026-03-02T10:00:00+01:00");
    expect(fromDate.zoneName).toBe("Europe/Berlin");
    expect(computeDueAtMillis(berlin, fromDate, 0)).toBe(fromDate.toMillis());
  });

  it("rejects negative, non-numeric and absurd targets and invalid instants", () => {
    const start = instant("2026-03-02T09:00:00+01:00");
    expect(() => computeDueAt(berlin, start, -1)).toThrow(RangeError);
    expect(() => computeDueAt(berlin, start, Number.NaN)).toThrow(RangeError);
    expect(() => computeDueAt(berlin, start, MAX_BUSINESS_MINUTES + 1)).toThrow(RangeError);
    expect(() => computeDueAt(berlin, DateTime.invalid("test"), 5)).toThrow(RangeError);
  });
});

describe("computeDueAt: spans that cross midnight as 24:00/00:00 pairs", () => {
  // A night desk: Friday 22:00 to Saturday 06:00.
  const nightDesk = calendar("Europe/Berlin", {
    fri: [["22:00", "24:00"]],
    sat: [["00:00", "06:00"]],
  });

  it("runs through midnight without a gap", () => {
    const due = computeDueAt(nightDesk, instant("2026-03-06T23:00:00+01:00"), 120);
    expect(iso(due)).toBe("2026-03-07T01:00:00+01:00");
  });

  it("a target used up at 24:00 is due at that midnight", () => {
    const due = computeDueAt(nightDesk, instant("2026-03-06T22:00:00+01:00"), 120);
    expect(iso(due)).toBe("2026-03-07T00:00:00+01:00");
  });

  it("after Saturday 06:00 the next opening is the next Friday 22:00", () => {
    const due = computeDueAt(nightDesk, instant("2026-03-07T05:00:00+01:00"), 61);
    expect(iso(due)).toBe("2026-03-13T22:01:00+01:00");
  });
});

describe("computeDueAt: holidays and exceptions", () => {
  const base = on(MON_FRI, NINE_TO_FIVE);

  it("a holiday closes the whole local date", () => {
    const withHoliday = calendar("Europe/Berlin", base, ["2026-12-25"]);
    const due = computeDueAt(withHoliday, instant("2026-12-24T16:00:00+01:00"), 120);
    expect(iso(due)).toBe("2026-12-28T10:00:00+01:00");
  });

  it("an exception sets one date's hours and wins over a holiday; [] closes the date", () => {
    const special = calendar(
      "Europe/Berlin",
      base,
      ["2026-12-24", "2026-12-25"],
      [
        { date: "2026-12-24", hours: [["09:00", "12:00"]] },
        { date: "2026-12-28", hours: [] },
        { date: "2026-12-27", hours: [["10:00", "11:00"]] },
      ],
    );
    // Thu 24th 11:00–12:00 (60), Sun 27th 10:00–11:00 (60), Mon 28th closed, Tue 29th 09:00 + 60.
    const due = computeDueAt(special, instant("2026-12-24T11:00:00+01:00"), 180);
    expect(iso(due)).toBe("2026-12-29T10:00:00+01:00");
  });
});

describe("computeDueAt: pauses stop the clock", () => {
  const desk = calendar("Europe/Berlin", on(MON_FRI, NINE_TO_FIVE));
  const start = instant("2026-03-02T09:00:00+01:00");

  it("overlapping pauses count once, and pausing closed time changes nothing", () => {
    const pauses = pausesOf([
      ["2026-03-02T10:00:00+01:00", "2026-03-02T11:00:00+01:00"],
      ["2026-03-02T10:30:00+01:00", "2026-03-02T11:30:00+01:00"],
      ["2026-03-02T18:00:00+01:00", "2026-03-03T08:00:00+01:00"],
      ["2026-03-02T12:00:00+01:00", "2026-03-02T12:00:00+01:00"],
    ]);
    expect(iso(computeDueAt(desk, start, 8 * 60, pauses))).toBe("2026-03-03T10:30:00+01:00");
    expect(businessMinutesBetween(desk, start, instant("2026-03-03T10:30:00+01:00"), pauses)).toBe(
      8 * 60,
    );
  });

  it("a pause that spans the closing time moves the remainder to the next day", () => {
    const pauses = pausesOf([["2026-03-02T16:30:00+01:00", "2026-03-03T09:15:00+01:00"]]);
    const due = computeDueAt(desk, instant("2026-03-02T16:00:00+01:00"), 60, pauses);
    expect(iso(due)).toBe("2026-03-03T09:45:00+01:00");
  });

  it("zero minutes inside a pause is due when the pause ends", () => {
    const pauses = pausesOf([["2026-03-02T08:00:00+01:00", "2026-03-02T10:00:00+01:00"]]);
    expect(iso(computeDueAt(desk, start, 0, pauses))).toBe("2026-03-02T10:00:00+01:00");
  });

  it("a pause that ends before it starts is an error", () => {
    const backwards = pausesOf([["2026-03-02T11:00:00+01:00", "2026-03-02T10:00:00+01:00"]]);
    expect(() => computeDueAt(desk, start, 5, backwards)).toThrow(/ends before it starts/);
  });
});

// ───────────────────────────── seeded properties ─────────────────────────────

const PROPERTY_CALENDARS: readonly BusinessCalendar[] = [
  calendar(
    "Europe/Berlin",
    on(MON_FRI, [
      ["08:00", "12:00"],
      ["13:00", "17:30"],
    ]),
    ["2026-04-03"],
  ),
  calendar("America/New_York", { ...on(MON_FRI, [["07:00", "19:00"]]), sat: [["00:00", "24:00"]] }),
  calendar("Australia/Sydney", {
    ...on(
      ["mon", "tue", "wed", "thu"],
      [
        ["00:00", "02:00"],
        ["20:00", "24:00"],
      ],
    ),
    fri: [["00:00", "02:00"]],
    sun: [["20:00", "24:00"]],
  }),
  calendar("America/Sao_Paulo", on(EVERY_DAY, [["00:00", "24:00"]])),
];

describe("properties (seeded)", () => {
  // Starts spread over 2026, which has spring-forward and fall-back days in all four zones.
  const YEAR_START = Date.parse("2026-01-01T00:00:00Z");
  const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

  it("businessMinutesBetween(start, computeDueAt(start, n)) = n, and the due time is monotone in n", () => {
    const random = createRandom(20260301, "calendar-properties");
    for (let run = 0; run < 400; run++) {
      const cal = random.pick(PROPERTY_CALENDARS);
      const start = new Date(YEAR_START + Math.floor(random.float() * YEAR_MS));
      const minutes = Math.round(random.float() * 6000 * 1000) / 1000;
      const pauses = random.chance(0.5)
        ? [0, 1, 2].map(() => {
            const from = start.getTime() + random.float() * 5 * 24 * 3600_000;
            return {
              from: new Date(from),
              to: new Date(from + random.float() * 20 * 3600_000),
            };
          })
        : [];
      const due = computeDueAt(cal, start, minutes, pauses);
      expect(due.toMillis()).toBeGreaterThanOrEqual(start.getTime());
      expect(businessMinutesBetween(cal, start, due, pauses)).toBeCloseTo(minutes, 6);

      const more = computeDueAt(cal, start, minutes + random.float() * 90, pauses);
      expect(more.toMillis()).toBeGreaterThanOrEqual(due.toMillis());
    }
  });

  it("a target split in two parts ends where the whole target ends", () => {
    const random = createRandom(20260302, "calendar-additivity");
    for (let run = 0; run < 300; run++) {
      const cal = random.pick(PROPERTY_CALENDARS);
      const start = new Date(YEAR_START + Math.floor(random.float() * YEAR_MS));
      const first = random.int(0, 3000);
      const second = random.int(1, 3000);
      const whole = computeDueAt(cal, start, first + second);
      const split = computeDueAt(cal, computeDueAt(cal, start, first), second);
      expect(split.toMillis()).toBe(whole.toMillis());
    }
  });

  it("agrees with a minute-by-minute walk over local wall-clock time", () => {
    // The oracle asks Luxon, minute by minute, whether the local wall time falls in an open span
    // of its local date. It holds for calendars whose span bounds avoid the hours that DST skips
    // or repeats, as these do (01:00–03:00 local in all four zones).
    const isOpen = (cal: BusinessCalendar, ms: number): boolean => {
      const local = DateTime.fromMillis(ms, { zone: cal.timezone });
      const date = local.toISODate() ?? "";
      if (cal.holidays.includes(date)) return false;
      const weekday = (["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const)[
        local.weekday - 1
      ];
      const minute = local.hour * 60 + local.minute;
      return (cal.hours[weekday ?? "mon"] ?? []).some(([from, to]) => {
        const [fromHour = 0, fromMinute = 0] = from.split(":").map(Number);
        const [toHour = 0, toMinute = 0] = to.split(":").map(Number);
        return minute >= fromHour * 60 + fromMinute && minute < toHour * 60 + toMinute;
      });
    };
    const walk = (cal: BusinessCalendar, startMs: number, minutes: number): number => {
      let cursor = startMs;
      if (minutes === 0) {
        while (!isOpen(cal, cursor)) cursor += 60_000;
        return cursor;
      }
      for (let left = minutes; ; cursor += 60_000) {
        if (isOpen(cal, cursor) && --left === 0) return cursor + 60_000;
      }
    };
    const random = createRandom(20260303, "calendar-oracle");
    for (let run = 0; run < 40; run++) {
      const cal = random.pick(PROPERTY_CALENDARS.slice(0, 3));
      const startMs = YEAR_START + random.int(0, 364 * 24 * 60) * 60_000;
      const minutes = random.int(0, 1500);
      expect(computeDueAtMillis(cal, new Date(startMs), minutes)).toBe(walk(cal, startMs, minutes));
    }
  });
});

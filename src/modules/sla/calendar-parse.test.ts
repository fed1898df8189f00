import { describe, expect, it } from "vitest";
import { parseCalendar } from "./calendar.js";

const VALID = {
  timezone: "Europe/Berlin",
  hours: {
    mon: [["09:00", "17:00"]],
    tue: [
      ["09:00", "12:00"],
      ["13:00", "17:00"],
    ],
    sat: [],
  },
  holidays: ["2026-12-25"],
};

function problem(json: unknown): { field: string; reason: string } {
  const result = parseCalendar(json);
  if (result.ok) throw new Error("expected the calendar to be rejected");
  return { field: result.field, reason: result.reason };
}

function withHours(hours: unknown) {
  return { ...VALID, hours };
}

describe("parseCalendar", () => {
  it("accepts the PRODUCT.md example and returns a frozen copy", () => {
    const result = parseCalendar(VALID);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.calendar).toEqual(VALID);
    expect(result.calendar.hours).not.toBe(VALID.hours);
    expect(Object.isFrozen(result.calendar.hours.tue?.[1])).toBe(true);
  });

  it("treats missing holidays as none, keeps exceptions and ignores other top-level fields", () => {
    const result = parseCalendar({
      name: "Berlin office",
      timezone: "America/New_York",
      hours: { fri: [["00:00", "24:00"]] },
      exceptions: [{ date: "2026-11-26", hours: [] }],
    });
    expect(result).toEqual({
      ok: true,
      calendar: {
        timezone: "America/New_York",
        hours: { fri: [["00:00", "24:00"]] },
        holidays: [],
        exceptions: [{ date: "2026-11-26", hours: [] }],
      },
    });
  });

  it.each([
    ["not an object", [], "calendar", /JSON object/],
    ["no time zone", { hours: VALID.hours }, "timezone", /required/],
    [
      "an unknown zone",
      { ...VALID, timezone: "Mars/Olympus_Mons" },
      "timezone",
      /not a known IANA/,
    ],
    ["no hours", { timezone: "UTC" }, "hours", /required/],
    ["hours as a list", withHours([["09:00", "17:00"]]), "hours", /required/],
    [
      "a full weekday name",
      withHours({ monday: [["09:00", "17:00"]] }),
      "hours.monday",
      /not a weekday/,
    ],
    ["spans not a list", withHours({ mon: "09:00-17:00" }), "hours.mon", /list/],
    ["a span not a pair", withHours({ mon: [["09:00"]] }), "hours.mon.0", /pair/],
    ["25:00", withHours({ mon: [["09:00", "25:00"]] }), "hours.mon.0", /end "25:00"/],
    ["a minute of 60", withHours({ mon: [["09:60", "17:00"]] }), "hours.mon.0", /start "09:60"/],
    ["H:MM", withHours({ mon: [["9:00", "17:00"]] }), "hours.mon.0", /start "9:00"/],
    ["a number", withHours({ mon: [[9, 17]] }), "hours.mon.0", /start 9 /],
    ["24:00 as a start", withHours({ mon: [["24:00", "24:00"]] }), "hours.mon.0", /only end/],
    ["an empty span", withHours({ mon: [["10:00", "10:00"]] }), "hours.mon.0", /after start/],
    ["00:00 as an end", withHours({ mon: [["22:00", "00:00"]] }), "hours.mon.0", /24:00/],
    [
      "overlapping spans",
      withHours({
        tue: [
          ["09:00", "12:30"],
          ["12:00", "17:00"],
        ],
      }),
      "hours.tue.1",
      /overlaps the span before it \(09:00–12:30\)/,
    ],
    [
      "spans out of order",
      withHours({
        tue: [
          ["13:00", "17:00"],
          ["09:00", "12:00"],
        ],
      }),
      "hours.tue.1",
      /out of order/,
    ],
    ["a week that never opens", withHours({ mon: [], sun: [] }), "hours", /at least one weekday/],
    ["holidays not a list", { ...VALID, holidays: "2026-12-25" }, "holidays", /list/],
    [
      "an impossible date",
      { ...VALID, holidays: ["2026-12-24", "2026-02-30"] },
      "holidays.1",
      /2026-02-30/,
    ],
    [
      "a date with a time",
      { ...VALID, holidays: ["2026-12-25T00:00"] },
      "holidays.0",
      /not a date/,
    ],
    ["exceptions not a list", { ...VALID, exceptions: {} }, "exceptions", /list/],
    [
      "an exception without a date",
      { ...VALID, exceptions: [{ hours: [] }] },
      "exceptions.0.date",
      /not a date/,
    ],
    [
      "an exception with bad hours",
      { ...VALID, exceptions: [{ date: "2026-12-24", hours: [["09:00", "24:30"]] }] },
      "exceptions.0.hours.0",
      /end "24:30"/,
    ],
    [
      "two exceptions on one date",
      {
        ...VALID,
        exceptions: [
          { date: "2026-12-24", hours: [] },
          { date: "2026-12-24", hours: [["09:00", "12:00"]] },
        ],
      },
      "exceptions.1.date",
      /already has an exception/,
    ],
  ] as const)("rejects %s, naming %s", (_case, json, field, reason) => {
    const found = problem(json);
    expect(found.field).toBe(field);
    expect(found.reason).toMatch(reason);
  });

  it("accepts adjacent spans and a span that ends at 24:00", () => {
    const result = parseCalendar(
      withHours({
        fri: [
          ["09:00", "12:00"],
          ["12:00", "24:00"],
        ],
      }),
    );
    expect(result.ok).toBe(true);
  });
});

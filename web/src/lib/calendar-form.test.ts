import { describe, expect, it } from "vitest";
import type { CalendarsDocument } from "../api/settings-types.ts";
import {
  calendarsToDrafts,
  draftsToCalendars,
  newCalendarDraft,
  nextSpan,
  timeZoneOptions,
  uniqueId,
} from "./calendar-form.ts";

const document: CalendarsDocument = {
  calendars: [
    {
      id: "emea-office",
      name: "EMEA office hours",
      timezone: "Europe/Berlin",
      hours: {
        mon: [
          ["09:00", "12:00"],
          ["13:00", "17:00"],
        ],
        fri: [["09:00", "24:00"]],
      },
      holidays: ["2026-12-25", "2026-01-01"],
      exceptions: [{ date: "2026-12-24", hours: [["09:00", "12:00"]] }],
    },
  ],
};

describe("calendar drafts", () => {
  it("round-trip a document, keeping the order of spans and holidays", () => {
    expect(draftsToCalendars(calendarsToDrafts(document))).toEqual(document);
  });

  it("show every weekday, closed ones empty, and drop closed days again on save", () => {
    const [draft] = calendarsToDrafts(document);
    expect(draft?.hours.tue).toEqual([]);
    expect(draft?.hours.mon).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ]);
    const saved = draftsToCalendars(calendarsToDrafts(document)).calendars[0];
    expect(Object.keys(saved?.hours ?? {})).toEqual(["mon", "fri"]);
  });

  it("leave exceptions out when there are none and trim typed values", () => {
    const draft = newCalendarDraft("Europe/Lisbon", []);
    draft.name = "  Lisbon ";
    draft.holidays = [" 2026-06-13 "];
    const saved = draftsToCalendars([draft]).calendars[0];
    expect(saved).toEqual({
      id: "calendar",
      name: "Lisbon",
      timezone: "Europe/Lisbon",
      hours: {
        mon: [["09:00", "17:00"]],
        tue: [["09:00", "17:00"]],
        wed: [["09:00", "17:00"]],
        thu: [["09:00", "17:00"]],
        fri: [["09:00", "17:00"]],
      },
      holidays: ["2026-06-13"],
    });
  });
});

describe("uniqueId", () => {
  it("adds the first free suffix", () => {
    expect(uniqueId("calendar", [])).toBe("calendar");
    expect(uniqueId("calendar", ["calendar", "calendar-2"])).toBe("calendar-3");
  });
});

describe("nextSpan", () => {
  it("offers office hours on a closed day and a later hour otherwise", () => {
    expect(nextSpan([])).toEqual({ start: "09:00", end: "17:00" });
    expect(nextSpan([{ start: "09:00", end: "12:00" }])).toEqual({ start: "13:00", end: "14:00" });
    expect(nextSpan([{ start: "20:00", end: "23:30" }])).toEqual({ start: "23:30", end: "24:00" });
  });
});

describe("timeZoneOptions", () => {
  it("keeps a stored zone the browser does not list", () => {
    expect(timeZoneOptions(["Europe/Berlin"], "Europe/Berlin")).toEqual(["Europe/Berlin"]);
    expect(timeZoneOptions(["Europe/Berlin"], "Etc/Unknown")).toEqual([
      "Etc/Unknown",
      "Europe/Berlin",
    ]);
  });
});

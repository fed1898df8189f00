import { describe, expect, it } from "vitest";
import type { JourneyEvent } from "../api/types.ts";
import { groupJourneyByCase, sortJourneyEvents } from "./journey-timeline.ts";

const HOUR = 3_600_000;

function journeyEvent(seq: number, at: string, caseId: string | null): JourneyEvent {
  const data =
    caseId === null
      ? ({
          type: "customer.upserted",
          at,
          customer: "cus-1",
          tier: "gold",
          segment: "smb",
          region: "EMEA",
        } as const)
      : ({ type: "case.reopened", at, case: caseId } as const);
  return {
    id: `evt-${seq}`,
    seq,
    type: data.type,
    at,
    caseId,
    customerId: "cus-1",
    teamId: null,
    agentId: null,
    data,
  };
}

function summarise(events: JourneyEvent[]) {
  return groupJourneyByCase(events).map((group) => ({
    caseId: group.caseId,
    entries: group.entries.map((entry) => [entry.event.id, entry.lagMs, entry.lagFrom]),
  }));
}

describe("sortJourneyEvents", () => {
  it("orders by instant across offsets, then by sequence", () => {
    const events = [
      journeyEvent(3, "2026-03-02T10:00:00Z", "A"),
      journeyEvent(2, "2026-03-02T10:00:00+01:00", "A"),
      journeyEvent(1, "2026-03-02T10:00:00Z", "A"),
    ];
    expect(sortJourneyEvents(events).map((event) => event.seq)).toEqual([2, 1, 3]);
  });

  it("does not modify its input", () => {
    const events = [
      journeyEvent(2, "2026-03-02T11:00:00Z", "A"),
      journeyEvent(1, "2026-03-02T10:00:00Z", "A"),
    ];
    sortJourneyEvents(events);
    expect(events.map((event) => event.seq)).toEqual([2, 1]);
  });
});

describe("groupJourneyByCase", () => {
  it("keeps interleaved cases together and measures lags within a case", () => {
    const groups = summarise([
      journeyEvent(1, "2026-03-02T09:00:00Z", "A"),
      journeyEvent(2, "2026-03-02T10:00:00Z", "B"),
      journeyEvent(3, "2026-03-02T12:00:00Z", "A"),
      journeyEvent(4, "2026-03-02T12:30:00Z", "B"),
    ]);
    expect(groups).toEqual([
      {
        caseId: "A",
        entries: [
          ["evt-1", null, null],
          ["evt-3", 3 * HOUR, "group"],
        ],
      },
      {
        caseId: "B",
        entries: [
          ["evt-2", HOUR, "journey"],
          ["evt-4", 2.5 * HOUR, "group"],
        ],
      },
    ]);
  });

  it("measures a case's first event from the previous event of the whole journey", () => {
    const groups = summarise([
      journeyEvent(1, "2026-03-01T09:00:00Z", "A"),
      journeyEvent(2, "2026-03-01T10:00:00Z", "A"),
      journeyEvent(3, "2026-03-04T10:00:00Z", "B"),
    ]);
    expect(groups[1]?.entries[0]).toEqual(["evt-3", 72 * HOUR, "journey"]);
  });

  it("collects events outside any case into one group", () => {
    const groups = summarise([
      journeyEvent(1, "2026-03-01T08:00:00Z", null),
      journeyEvent(2, "2026-03-01T09:00:00Z", "A"),
      journeyEvent(3, "2026-03-05T09:00:00Z", null),
    ]);
    expect(groups.map((group) => group.caseId)).toEqual([null, "A"]);
    expect(groups[0]?.entries).toEqual([
      ["evt-1", null, null],
      ["evt-3", 4 * 24 * HOUR + HOUR, "group"],
    ]);
  });

  it("sorts unordered input before grouping", () => {
    const groups = summarise([
      journeyEvent(2, "2026-03-02T11:00:00Z", "A"),
      journeyEvent(1, "2026-03-02T09:00:00Z", "A"),
    ]);
    expect(groups[0]?.entries).toEqual([
      ["evt-1", null, null],
      ["evt-2", 2 * HOUR, "group"],
    ]);
  });

  it("returns no groups for an empty journey", () => {
    expect(groupJourneyByCase([])).toEqual([]);
  });
});

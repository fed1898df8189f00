import { describe, expect, it } from "vitest";
import { countHistoryAtOpening, type HistoryCase, type StatusChange } from "./replay-history.js";

const DAY = 86_400_000;

describe("countHistoryAtOpening", () => {
  it("counts the customer's open, recent and recontact cases as they were at each opening", () => {
    const cases: HistoryCase[] = [
      { id: "old", customerId: "ada", openedAt: 0, initiallyOpen: true },
      { id: "c1", customerId: "ada", openedAt: 40 * DAY, initiallyOpen: true },
      { id: "c2", customerId: "ada", openedAt: 41 * DAY, initiallyOpen: true },
      { id: "c3", customerId: "ada", openedAt: 75 * DAY, initiallyOpen: true },
      { id: "other", customerId: "bob", openedAt: 40 * DAY, initiallyOpen: true },
    ];
    const changes: StatusChange[] = [
      // "old" was resolved on day 5 and reopened on day 60; c1 resolved on day 42.
      { caseId: "old", at: 5 * DAY, finished: true },
      { caseId: "old", at: 60 * DAY, finished: false },
      { caseId: "c1", at: 42 * DAY, finished: true },
    ];
    // c2 was detected as a recontact of c1 when it was opened.
    const links = new Map([["c2", 41 * DAY]]);
    const counts = countHistoryAtOpening(
      cases,
      changes,
      links,
      new Set(["c1", "c2", "c3", "other"]),
    );
    // By hand:
    // c1 (day 40): "old" resolved on day 5 → 0 open; day 0 is 40 days back → 0 recent.
    // c2 (day 41): c1 open → 1; c1 within 30 days → 1 recent; c1 no recontact → 0.
    // c3 (day 75): "old" reopened (open), c1 resolved, c2 open → 2; days 45..75: none of
    //   c1 (40) or c2 (41) → 0 recent.
    // other: bob has nothing before.
    expect(counts.get("c1")).toEqual({ openCases: 0, casesLast30Days: 0, recentRecontacts: 0 });
    expect(counts.get("c2")).toEqual({ openCases: 1, casesLast30Days: 1, recentRecontacts: 0 });
    expect(counts.get("c3")).toEqual({ openCases: 2, casesLast30Days: 0, recentRecontacts: 0 });
    expect(counts.get("other")).toEqual({ openCases: 0, casesLast30Days: 0, recentRecontacts: 0 });
    expect(counts.has("old")).toBe(false);
  });

  it("counts recontacts linked by the opening and cases opened at the same instant in id order", () => {
    const cases: HistoryCase[] = [
      { id: "a", customerId: "ada", openedAt: 10 * DAY, initiallyOpen: true },
      { id: "b", customerId: "ada", openedAt: 20 * DAY, initiallyOpen: true },
      { id: "d", customerId: "ada", openedAt: 25 * DAY, initiallyOpen: true },
      { id: "c", customerId: "ada", openedAt: 25 * DAY, initiallyOpen: true },
      { id: "late", customerId: "ada", openedAt: 26 * DAY, initiallyOpen: true },
    ];
    // b is a recontact since its opening; d was linked by hand on day 30, after "late" opened.
    const links = new Map([
      ["b", 20 * DAY],
      ["d", 30 * DAY],
    ]);
    // a was resolved the instant c and d were opened: it no longer counts as open for them.
    const changes: StatusChange[] = [{ caseId: "a", at: 25 * DAY, finished: true }];
    const counts = countHistoryAtOpening(cases, changes, links, new Set(["c", "d", "late"]));
    // c (day 25, before d by id): a resolved → open b → 1; a, b recent → 2; b a recontact → 1.
    expect(counts.get("c")).toEqual({ openCases: 1, casesLast30Days: 2, recentRecontacts: 1 });
    // d: b and c open → 2; a, b, c → 3; b → 1.
    expect(counts.get("d")).toEqual({ openCases: 2, casesLast30Days: 3, recentRecontacts: 1 });
    // late (day 26): b, c, d open → 3; a..d → 4; only b linked by then → 1.
    expect(counts.get("late")).toEqual({ openCases: 3, casesLast30Days: 4, recentRecontacts: 1 });
  });

  it("treats a case resolved the instant it was opened as finished for later cases", () => {
    const cases: HistoryCase[] = [
      { id: "quick", customerId: "ada", openedAt: 1_000, initiallyOpen: true },
      { id: "next", customerId: "ada", openedAt: 2_000, initiallyOpen: true },
    ];
    const counts = countHistoryAtOpening(
      cases,
      [{ caseId: "quick", at: 1_000, finished: true }],
      new Map(),
      new Set(["next"]),
    );
    expect(counts.get("next")).toEqual({ openCases: 0, casesLast30Days: 1, recentRecontacts: 0 });
  });

  it("orders one instant: changes of earlier cases, then openings, then changes of the cases just opened", () => {
    const cases: HistoryCase[] = [
      { id: "x", customerId: "ada", openedAt: 0, initiallyOpen: true },
      { id: "y", customerId: "ada", openedAt: 100, initiallyOpen: true },
      { id: "z", customerId: "ada", openedAt: 100, initiallyOpen: true },
    ];
    // At 100: x is resolved (before the openings), y and z are opened, then y is resolved.
    const changes: StatusChange[] = [
      { caseId: "y", at: 100, finished: true },
      { caseId: "x", at: 100, finished: true },
    ];
    const counts = countHistoryAtOpening(cases, changes, new Map(), new Set(["y", "z"]));
    expect(counts.get("y")?.openCases).toBe(0);
    // y was opened before z (id order) and resolved after the openings: open for z.
    expect(counts.get("z")?.openCases).toBe(1);
  });

  it("starts an old case in the state it had when the changes given begin", () => {
    // "old" was already resolved when the changes begin; it is reopened on day 5.
    const cases: HistoryCase[] = [
      { id: "old", customerId: "ada", openedAt: -100 * DAY, initiallyOpen: false },
      { id: "before", customerId: "ada", openedAt: 3 * DAY, initiallyOpen: true },
      { id: "after", customerId: "ada", openedAt: 6 * DAY, initiallyOpen: true },
    ];
    const changes: StatusChange[] = [
      { caseId: "old", at: 5 * DAY, finished: false },
      { caseId: "before", at: 4 * DAY, finished: true },
    ];
    const counts = countHistoryAtOpening(cases, changes, new Map(), new Set(["before", "after"]));
    expect(counts.get("before")).toEqual({ openCases: 0, casesLast30Days: 0, recentRecontacts: 0 });
    expect(counts.get("after")).toEqual({ openCases: 1, casesLast30Days: 1, recentRecontacts: 0 });
  });
});

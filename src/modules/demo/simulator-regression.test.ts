/**
 * The demo's "one change that causes a regression" (faulty-release.ts), measured on the default
 * 90-day demo as the metrics engine would see it: the affected categories against the same hours
 * of the week a week earlier (/work/issue6/REGRESSION.md has the figures).
 */
import { describe, expect, it } from "vitest";
import { collectCaseStories, measurePeriod } from "./episode-effect.js";
import { AFFECTED_CATEGORIES } from "./faulty-release.js";
import { simulateContactCentre } from "./simulator.js";

const DAY_MS = 86_400_000;
const END = new Date("2026-03-02T00:00:00Z");
const START_MS = END.getTime() - 90 * DAY_MS;
const RELEASED_AT_MS = START_MS + 70 * DAY_MS + 9 * 3_600_000;
const FIXED_AT_MS = RELEASED_AT_MS + 3 * DAY_MS;

const simulation = simulateContactCentre({ days: 90, seed: 42, scale: 1, end: END });
const stories = collectCaseStories(simulation.events);
const isAffected = (category: string): boolean => AFFECTED_CATEGORIES.includes(category);
const isTechnical = (category: string): boolean => category.startsWith("technical/");
const measure = (inSlice: (category: string) => boolean, shiftMs: number, lengthMs?: number) =>
  measurePeriod(
    stories,
    inSlice,
    RELEASED_AT_MS + shiftMs,
    (lengthMs === undefined ? FIXED_AT_MS : RELEASED_AT_MS + lengthMs) + shiftMs,
  );
/** The same hours of the week, a week before the release. */
const before = measure(isAffected, -7 * DAY_MS);
const during = measure(isAffected, 0);
/** The four days after the hotfix, when the slow cases of the fault are resolved and surveyed. */
const tail = measure(isAffected, FIXED_AT_MS - RELEASED_AT_MS, 4 * DAY_MS);
/** The same hours of the week, a week after the release. */
const weekAfter = measure(isAffected, 7 * DAY_MS);

function numberOf(value: number | null): number {
  if (value === null) throw new Error("the period has no value for this KPI");
  return value;
}

describe("the default demo's faulty release", () => {
  it("is in the summary, with the promotion, at their instants", () => {
    expect(simulation.summary.episodes).toEqual([
      expect.objectContaining({
        kind: "promotion",
        from: "2026-01-26T00:00:00.000Z",
        to: "2026-01-30T00:00:00.000Z",
        extraVolume: 1.5,
      }),
      expect.objectContaining({
        kind: "regression",
        from: new Date(RELEASED_AT_MS).toISOString(),
        to: "2026-02-13T09:00:00.000Z",
        categories: ["technical/login", "account/access", "technical/bug"],
        extraVolume: 0.5,
      }),
    ]);
    expect(simulation.summary.episodes[1]?.description).toMatch(/^release 4\.2\.0 .* 4\.2\.1/);
  });

  it("triples the affected categories' cases per hour, more than it grows the centre", () => {
    expect(during.casesOpenedPerHour).toBeGreaterThan(3 * before.casesOpenedPerHour);
    expect(measure(isTechnical, 0).casesOpenedPerHour).toBeGreaterThan(
      2.2 * measure(isTechnical, -7 * DAY_MS).casesOpenedPerHour,
    );
    const all = (): boolean => true;
    expect(measure(all, 0).casesOpenedPerHour).toBeLessThan(
      1.6 * measure(all, -7 * DAY_MS).casesOpenedPerHour,
    );
    const others = (category: string): boolean => !isAffected(category);
    const othersRatio =
      measure(others, 0).casesOpenedPerHour / measure(others, -7 * DAY_MS).casesOpenedPerHour;
    expect(othersRatio).toBeGreaterThan(0.8);
    expect(othersRatio).toBeLessThan(1.2);
  });

  it("drops the affected categories' CSAT by 30 points or more", () => {
    expect(numberOf(before.csat)).toBeGreaterThan(75);
    expect(numberOf(during.csat)).toBeLessThan(numberOf(before.csat) - 30);
    expect(numberOf(tail.csat)).toBeLessThan(numberOf(before.csat) - 20);
    expect(during.csatAnswers).toBeGreaterThan(40);
  });

  it("reopens and recontacts the affected cases two to four times as often", () => {
    expect(numberOf(before.reopenRate)).toBeLessThan(0.1);
    expect(numberOf(during.reopenRate)).toBeGreaterThan(0.22);
    expect(numberOf(during.reopenRate)).toBeGreaterThan(3 * numberOf(before.reopenRate));
    expect(numberOf(during.recontactRate)).toBeGreaterThan(0.22);
    expect(numberOf(during.recontactRate)).toBeGreaterThan(1.8 * numberOf(before.recontactRate));
  });

  it("answers the affected cases later and takes longer to work and resolve them", () => {
    expect(numberOf(during.firstResponseP90Minutes)).toBeGreaterThan(
      2 * numberOf(before.firstResponseP90Minutes),
    );
    expect(numberOf(during.ahtMinutes)).toBeGreaterThan(1.4 * numberOf(before.ahtMinutes));
    // Resolved cases of the fault come in after the hotfix: the KPI sees them in the tail.
    expect(numberOf(tail.resolutionMedianHours)).toBeGreaterThan(
      2 * numberOf(before.resolutionMedianHours),
    );
    const login = (category: string): boolean => category === "technical/login";
    expect(numberOf(measure(login, 0).openedResolutionMedianHours)).toBeGreaterThan(
      1.5 * numberOf(measure(login, -7 * DAY_MS).openedResolutionMedianHours),
    );
  });

  it("is over a week later: volume and reopens back near where they were", () => {
    expect(weekAfter.casesOpenedPerHour).toBeLessThan(1.5 * before.casesOpenedPerHour);
    expect(numberOf(weekAfter.reopenRate)).toBeLessThan(0.15);
  });

  it("closes the login cases it caused as session bugs", () => {
    const rootCauses = (fromMs: number, toMs: number): string[] => {
      const ids = new Set(
        stories
          .filter(
            (story) =>
              story.category === "technical/login" &&
              story.openedAtMs >= fromMs &&
              story.openedAtMs < toMs,
          )
          .map((story) => story.caseId),
      );
      return simulation.events.flatMap((event) =>
        event.type === "case.resolved" && ids.has(event.case) && event.rootCause !== undefined
          ? [event.rootCause]
          : [],
      );
    };
    const sessionBugShare = (causes: string[]): number =>
      causes.filter((cause) => cause === "session-bug").length / causes.length;
    expect(sessionBugShare(rootCauses(RELEASED_AT_MS, FIXED_AT_MS))).toBeGreaterThan(0.6);
    expect(
      sessionBugShare(rootCauses(RELEASED_AT_MS - 7 * DAY_MS, FIXED_AT_MS - 7 * DAY_MS)),
    ).toBeLessThan(0.4);
  });
});

describe("a 30-day demo", () => {
  const options = { days: 30, seed: 5, scale: 0.1, end: END } as const;

  it("has its faulty release on day 23, and stays byte-identical for the same options", () => {
    const first = simulateContactCentre(options);
    expect(first.summary.episodes.map((episode) => [episode.kind, episode.from])).toEqual([
      ["promotion", "2026-02-18T00:00:00.000Z"],
      ["regression", "2026-02-23T09:00:00.000Z"],
    ]);
    expect(JSON.stringify(simulateContactCentre(options))).toBe(JSON.stringify(first));
  });

  it("has no episode at all in a week", () => {
    expect(simulateContactCentre({ ...options, days: 7 }).summary.episodes).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, ordinaryHourlyDemand, planPromotion } from "./arrival-curve.js";
import { generateSurgeArrivals } from "./case-arrivals.js";
import type { CaseIntake } from "./case-intake.js";
import { planCaseLife } from "./case-plan.js";
import { findDemoCategory } from "./demo-categories.js";
import {
  AFFECTED_CATEGORIES,
  MINIMUM_DAYS_FOR_REGRESSION,
  planFaultyRelease,
  RELEASE_IMPACT,
  releaseImpactOn,
} from "./faulty-release.js";
import { createRandom } from "./random.js";
import { buildRoster } from "./roster.js";

const START_MS = Date.parse("2025-12-01T00:00:00Z");

describe("planFaultyRelease", () => {
  it("ships the release at 09:00 UTC on day 70 of 90 and the hotfix three days later", () => {
    const release = planFaultyRelease(START_MS, 90);
    expect(release?.releasedAtMs).toBe(START_MS + 70 * DAY_MS + 9 * HOUR_MS);
    expect(release?.fixedAtMs).toBe(START_MS + 73 * DAY_MS + 9 * HOUR_MS);
    expect(release?.surge).toMatchObject({
      label: "regression",
      startMs: release?.releasedAtMs,
      endMs: release?.fixedAtMs,
      extraVolume: 0.5,
    });
    expect(release?.affectedCategories).toEqual([
      "technical/login",
      "account/access",
      "technical/bug",
    ]);
  });

  it("scales the date with the run (day 23 of 30) and skips runs shorter than four weeks", () => {
    expect(planFaultyRelease(START_MS, 30)?.releasedAtMs).toBe(
      START_MS + 23 * DAY_MS + 9 * HOUR_MS,
    );
    expect(planFaultyRelease(START_MS, MINIMUM_DAYS_FOR_REGRESSION - 1)).toBeUndefined();
    expect(planFaultyRelease(START_MS, 14)).toBeUndefined();
    expect(planFaultyRelease(START_MS, 7)).toBeUndefined();
  });

  it("goes out Monday to Thursday within three days of day 70 of 90, whatever the weekday", () => {
    const releases = Array.from({ length: 7 }, (_, weekday) => {
      const startMs = START_MS + weekday * DAY_MS;
      const releasedAtMs = planFaultyRelease(startMs, 90)?.releasedAtMs ?? 0;
      return {
        weekday: new Date(releasedAtMs).getUTCDay(),
        day: (releasedAtMs - 9 * HOUR_MS - startMs) / DAY_MS,
      };
    });
    expect(releases.map((release) => release.weekday).sort()).toEqual([1, 1, 1, 2, 3, 4, 4]);
    expect(releases.every((release) => Math.abs(release.day - 70) <= 2)).toBe(true);
  });

  it("comes a day or more after the promotion and leaves two days or more after the hotfix", () => {
    const problems: string[] = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      const startMs = START_MS + weekday * DAY_MS;
      for (let days = MINIMUM_DAYS_FOR_REGRESSION; days <= 400; days++) {
        const release = planFaultyRelease(startMs, days);
        const [promotion] = planPromotion(startMs, days);
        const endMs = startMs + days * DAY_MS;
        if (
          release === undefined ||
          promotion === undefined ||
          release.releasedAtMs - promotion.endMs < DAY_MS ||
          endMs - release.fixedAtMs < 2 * DAY_MS
        ) {
          problems.push(`${days} days from weekday ${weekday}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("draws the extra cases only in the affected categories, while the fault is live", () => {
    const release = planFaultyRelease(START_MS, 90);
    if (release === undefined) throw new Error("a 90-day run has a faulty release");
    const roster = buildRoster(3, 0.1);
    const window = {
      startMs: START_MS,
      firstArrivalMs: START_MS + 60_000,
      endMs: START_MS + 90 * DAY_MS,
      scale: 0.1,
      surges: [],
    };
    const arrivals = generateSurgeArrivals(window, release.surge, roster, createRandom(3, "x"));
    let expected = 0;
    for (let hour = release.releasedAtMs; hour < release.fixedAtMs; hour += HOUR_MS) {
      expected += ordinaryHourlyDemand(hour, 0.1) * release.surge.extraVolume;
    }
    expect(arrivals.length).toBeGreaterThan(expected - 4 * Math.sqrt(expected));
    expect(arrivals.length).toBeLessThan(expected + 4 * Math.sqrt(expected));
    const outside = arrivals.filter(
      (arrival) =>
        arrival.atMs < release.releasedAtMs ||
        arrival.atMs >= release.fixedAtMs ||
        !AFFECTED_CATEGORIES.includes(arrival.category.id),
    );
    expect(outside).toEqual([]);
    expect(arrivals.map((arrival) => arrival.atMs)).toEqual(
      [...arrivals.map((arrival) => arrival.atMs)].sort((left, right) => left - right),
    );
  });
});

describe("releaseImpactOn", () => {
  const release = planFaultyRelease(START_MS, 90);
  const releasedAtMs = release?.releasedAtMs ?? 0;
  const fixedAtMs = release?.fixedAtMs ?? 0;

  it("hits cases of the affected categories opened from the release until the hotfix", () => {
    expect(releaseImpactOn(release, "technical/login", releasedAtMs)).toBe(RELEASE_IMPACT);
    expect(releaseImpactOn(release, "account/access", fixedAtMs - 1000)).toBe(RELEASE_IMPACT);
    expect(releaseImpactOn(release, "technical/login", releasedAtMs - 1000)).toBeUndefined();
    expect(releaseImpactOn(release, "technical/login", fixedAtMs)).toBeUndefined();
    expect(releaseImpactOn(release, "billing/refund", releasedAtMs)).toBeUndefined();
    expect(releaseImpactOn(undefined, "technical/login", releasedAtMs)).toBeUndefined();
  });
});

describe("a case the faulty release caused", () => {
  const customers = buildRoster(1, 0.05).customers;
  const intake = (index: number): CaseIntake => ({
    caseId: `cas-${index}`,
    customer: customers[index % customers.length] as CaseIntake["customer"],
    category: findDemoCategory("technical/login"),
    channel: "email",
    priority: "normal",
    subject: "Login loop on the mobile app",
    body: "The login page on the mobile app sends me round in a loop.",
    openedAtMs: START_MS,
  });
  const plans = Array.from({ length: 600 }, (_, index) => ({
    ordinary: planCaseLife(intake(index), createRandom(9, "case", index)),
    impacted: planCaseLife(intake(index), createRandom(9, "case", index), RELEASE_IMPACT),
  }));
  const mean = (values: number[]): number =>
    values.reduce((sum, value) => sum + value, 0) / values.length;
  const share = (flags: boolean[]): number => flags.filter(Boolean).length / flags.length;

  it("is reopened more, takes longer to work and to settle, and needs another round", () => {
    const ordinary = plans.map((plan) => plan.ordinary);
    const impacted = plans.map((plan) => plan.impacted);
    expect(share(impacted.map((plan) => plan.reopened))).toBeGreaterThan(
      share(ordinary.map((plan) => plan.reopened)) + 0.15,
    );
    const worked = (plan: (typeof ordinary)[number]): number =>
      plan.workSessionSeconds.reduce((sum, seconds) => sum + seconds, 0);
    expect(mean(impacted.map(worked))).toBeGreaterThan(1.4 * mean(ordinary.map(worked)));
    expect(mean(impacted.map((plan) => plan.internalWaitMs))).toBeGreaterThan(
      2 * mean(ordinary.map((plan) => plan.internalWaitMs)),
    );
    expect(mean(impacted.map((plan) => plan.customerRounds))).toBeGreaterThan(
      mean(ordinary.map((plan) => plan.customerRounds)) + 0.35,
    );
  });

  it("has an agent turn for every turn the timeline will take, and closes as a session bug", () => {
    for (const { impacted } of plans) {
      const turns =
        1 +
        (impacted.handoff === undefined ? 0 : 1) +
        (impacted.escalationLevels === 2 ? 1 : 0) +
        impacted.customerRounds +
        (impacted.internalWorkIsTracked ? 1 : 0) +
        (impacted.reopened ? 1 : 0);
      expect(impacted.workSessionSeconds).toHaveLength(turns);
      expect(impacted.workSessionSeconds.every((seconds) => seconds > 0)).toBe(true);
    }
    const notRecategorised = plans.filter(
      (plan) => plan.impacted.handoff?.recategorisedAs === undefined,
    );
    expect(notRecategorised.every((plan) => plan.impacted.rootCause === "session-bug")).toBe(true);
  });
});

/**
 * The simulated contact centre has to look like one: seasonal demand, a promotion spike, the
 * usual share of handoffs, reopens, recontacts and surveys, and surveys that sour with waiting.
 * The faulty release has tests of its own (simulator-regression.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { ThroughlineEvent } from "../events/event.types.js";
import { simulateContactCentre } from "./simulator.js";

const DAY_MS = 86_400_000;
const END = new Date("2026-03-02T00:00:00Z");

interface CaseStory {
  customer: string;
  category: string;
  openedAtMs: number;
  firstResponseAtMs: number | undefined;
  firstResolvedAtMs: number | undefined;
  handedOff: boolean;
  reopened: boolean;
  csatScores: number[];
}

/** One entry per case, in the spirit of PRODUCT.md's KPI definitions. */
function collectCaseStories(events: readonly ThroughlineEvent[]): Map<string, CaseStory> {
  const stories = new Map<string, CaseStory>();
  for (const event of events) {
    const at = Date.parse(event.at);
    if (event.type === "case.opened") {
      stories.set(event.case, {
        customer: event.customer,
        category: event.category,
        openedAtMs: at,
        firstResponseAtMs: undefined,
        firstResolvedAtMs: undefined,
        handedOff: false,
        reopened: false,
        csatScores: [],
      });
      continue;
    }
    const story = typeof event.case === "string" ? stories.get(event.case) : undefined;
    if (story === undefined) continue;
    if (event.type === "case.replied" && event.by !== "customer") story.firstResponseAtMs ??= at;
    if (event.type === "case.resolved") story.firstResolvedAtMs ??= at;
    if (event.type === "case.handoff") story.handedOff = true;
    if (event.type === "case.reopened") story.reopened = true;
    if (event.type === "survey.answered" && event.kind === "csat")
      story.csatScores.push(event.score);
  }
  return stories;
}

function casesPerDay(stories: Iterable<CaseStory>, startMs: number, days: number): number[] {
  const counts = new Array<number>(days).fill(0);
  for (const story of stories) {
    const day = Math.floor((story.openedAtMs - startMs) / DAY_MS);
    counts[day] = (counts[day] ?? 0) + 1;
  }
  return counts;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function isWeekend(startMs: number, day: number): boolean {
  const weekday = new Date(startMs + day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function recontactRate(stories: Map<string, CaseStory>): number {
  const byCustomer = new Map<string, CaseStory[]>();
  for (const story of stories.values()) {
    byCustomer.set(story.customer, [...(byCustomer.get(story.customer) ?? []), story]);
  }
  const topLevel = (category: string): string => category.split("/")[0] ?? category;
  const resolved = [...stories.values()].filter((story) => story.firstResolvedAtMs !== undefined);
  const followedUp = resolved.filter((story) =>
    (byCustomer.get(story.customer) ?? []).some(
      (later) =>
        later.openedAtMs > (story.firstResolvedAtMs ?? 0) &&
        later.openedAtMs <= (story.firstResolvedAtMs ?? 0) + 7 * DAY_MS &&
        topLevel(later.category) === topLevel(story.category),
    ),
  );
  return followedUp.length / resolved.length;
}

describe("a three-week demo at a fifth of the size", () => {
  const days = 21;
  const startMs = END.getTime() - days * DAY_MS;
  const simulation = simulateContactCentre({ days, seed: 11, scale: 0.2, end: END });
  const stories = collectCaseStories(simulation.events);
  const perDay = casesPerDay(stories.values(), startMs, days);
  // planPromotion puts the promotion at days 13–16 of a 21-day run.
  const promotionDays = new Set([13, 14, 15, 16]);
  const ordinaryDays = perDay.map((_, day) => day).filter((day) => !promotionDays.has(day));

  it("is quieter at weekends, at about 40 % of a weekday", () => {
    const weekend = mean(
      ordinaryDays.filter((day) => isWeekend(startMs, day)).map((day) => perDay[day] ?? 0),
    );
    const weekday = mean(
      ordinaryDays.filter((day) => !isWeekend(startMs, day)).map((day) => perDay[day] ?? 0),
    );
    expect(weekday).toBeGreaterThan(45);
    expect(weekday).toBeLessThan(80);
    expect(weekend / weekday).toBeGreaterThan(0.25);
    expect(weekend / weekday).toBeLessThan(0.6);
  });

  it("roughly doubles or more during the promotion, mostly in billing and orders", () => {
    for (const day of promotionDays) {
      const sameKind = ordinaryDays.filter(
        (other) => isWeekend(startMs, other) === isWeekend(startMs, day),
      );
      // Recontacts and duplicates move a day's count by a few cases either way: 1.7, not 2.
      expect(perDay[day]).toBeGreaterThan(1.7 * mean(sameKind.map((other) => perDay[other] ?? 0)));
    }
    const promotionCases = [...stories.values()].filter((story) =>
      promotionDays.has(Math.floor((story.openedAtMs - startMs) / DAY_MS)),
    );
    const billingOrOrders = promotionCases.filter((story) =>
      /^(billing|orders)\//.test(story.category),
    );
    expect(billingOrOrders.length / promotionCases.length).toBeGreaterThan(0.6);
  });

  it("is quiet at night and busiest in the late morning (UTC)", () => {
    const perHour = new Array<number>(24).fill(0);
    for (const story of stories.values()) {
      const hour = new Date(story.openedAtMs).getUTCHours();
      perHour[hour] = (perHour[hour] ?? 0) + 1;
    }
    const night = (perHour[2] ?? 0) + (perHour[3] ?? 0);
    const morning = (perHour[9] ?? 0) + (perHour[10] ?? 0);
    expect(morning).toBeGreaterThan(8 * night);
  });

  it("has handoffs, escalations, reopens, recontacts, surveys and a backlog", () => {
    const cases = stories.size;
    const resolved = [...stories.values()].filter((story) => story.firstResolvedAtMs !== undefined);
    const count = (type: ThroughlineEvent["type"]): number =>
      simulation.events.filter((event) => event.type === type).length;
    expect(count("case.handoff") / cases).toBeGreaterThan(0.04);
    expect(count("case.handoff") / cases).toBeLessThan(0.15);
    expect(count("case.escalated")).toBeGreaterThan(0);
    expect(count("case.reopened") / resolved.length).toBeGreaterThan(0.02);
    expect(count("case.reopened") / resolved.length).toBeLessThan(0.09);
    expect(count("survey.answered") / resolved.length).toBeGreaterThan(0.2);
    expect(count("survey.answered") / resolved.length).toBeLessThan(0.3);
    expect(recontactRate(stories)).toBeGreaterThan(0.04);
    expect(recontactRate(stories)).toBeLessThan(0.14);
    expect(resolved.length).toBeLessThan(cases);
  });

  it("lets some customers contact again and again", () => {
    const perCustomer = new Map<string, number>();
    for (const story of stories.values()) {
      perCustomer.set(story.customer, (perCustomer.get(story.customer) ?? 0) + 1);
    }
    expect(Math.max(...perCustomer.values())).toBeGreaterThanOrEqual(4);
  });
});

describe("the default 90-day demo", () => {
  const days = 90;
  const startMs = END.getTime() - days * DAY_MS;
  const simulation = simulateContactCentre({ days, seed: 42, scale: 1, end: END });
  const stories = collectCaseStories(simulation.events);

  it("has the full roster and a quarter's worth of cases", () => {
    expect(simulation.summary).toMatchObject({ customers: 20_000, teams: 8, agents: 60 });
    expect(simulation.summary.cases).toBeGreaterThan(20_000);
    expect(simulation.summary.cases).toBeLessThan(30_000);
    expect(simulation.summary.events).toBeGreaterThan(200_000);
    // About 13 events per case, one of them its routing (case.routed).
    expect(simulation.summary.events).toBeLessThan(400_000);
    const tiers = new Map<string, number>();
    for (const event of simulation.events) {
      if (event.type === "customer.upserted")
        tiers.set(event.tier, (tiers.get(event.tier) ?? 0) + 1);
    }
    expect((tiers.get("platinum") ?? 0) / 20_000).toBeCloseTo(0.03, 1);
    expect((tiers.get("bronze") ?? 0) / 20_000).toBeCloseTo(0.5, 1);
  });

  it("opens 250–350 cases on an ordinary weekday", () => {
    const perDay = casesPerDay(stories.values(), startMs, days);
    // Days 55–58 hold the promotion, days 70–73 the faulty release (faulty-release.ts).
    const ordinary = (day: number): boolean => (day < 55 || day > 58) && (day < 70 || day > 73);
    const weekdays = perDay.filter((_, day) => !isWeekend(startMs, day) && ordinary(day));
    expect(mean(weekdays)).toBeGreaterThan(250);
    expect(mean(weekdays)).toBeLessThan(350);
  });

  it("gets worse survey scores when the first response was slow", () => {
    const satisfiedShare = (filter: (story: CaseStory) => boolean): number => {
      const scores = [...stories.values()].filter(filter).flatMap((story) => story.csatScores);
      return scores.filter((score) => score >= 4).length / scores.length;
    };
    const responseMinutes = (story: CaseStory): number =>
      ((story.firstResponseAtMs ?? Number.POSITIVE_INFINITY) - story.openedAtMs) / 60_000;
    const fast = satisfiedShare((story) => responseMinutes(story) < 60);
    const slow = satisfiedShare((story) => responseMinutes(story) > 12 * 60);
    expect(fast - slow).toBeGreaterThan(0.1);
    expect(satisfiedShare((story) => !story.reopened)).toBeGreaterThan(
      satisfiedShare((story) => story.reopened) + 0.2,
    );
  });
});

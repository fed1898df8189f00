import { describe, expect, it } from "vitest";
import type { ThroughlineEvent } from "../events/event.types.js";
import { collectCaseStories, measurePeriod, percentileOf } from "./episode-effect.js";

let sequence = 0;
function event(at: string, body: Record<string, unknown>): ThroughlineEvent {
  sequence++;
  return { id: `e-${sequence}`, at: `${at}Z`, ...body } as unknown as ThroughlineEvent;
}

function opened(at: string, id: string, customer: string, category: string): ThroughlineEvent {
  return event(at, {
    type: "case.opened",
    case: id,
    customer,
    channel: "email",
    category,
    priority: "normal",
    team: "technical",
  });
}

/**
 * Case A (technical/login, customer 1): answered after 30 minutes, 600 s of work, resolved after
 * 2 hours, reopened the next day, a CSAT 2. Case B (customer 1) opens exactly seven days after
 * A's first resolution as account/access and is recategorised as technical/login, so it is a
 * recontact of A. Case C (billing/refund, customer 2): never answered, resolved after 4 hours,
 * a CSAT 5.
 */
function history(recontactAt = "2026-01-08T12:00:00"): ThroughlineEvent[] {
  return [
    opened("2026-01-01T10:00:00", "A", "cus-1", "technical/login"),
    opened("2026-01-01T11:00:00", "C", "cus-2", "billing/refund"),
    event("2026-01-01T10:29:00", { type: "case.worked", case: "A", agent: "a", seconds: 600 }),
    event("2026-01-01T10:30:00", {
      type: "case.replied",
      case: "A",
      by: "agent:agt-001",
      public: true,
    }),
    event("2026-01-01T12:00:00", { type: "case.resolved", case: "A" }),
    event("2026-01-01T13:00:00", { type: "survey.answered", case: "A", kind: "csat", score: 2 }),
    event("2026-01-01T15:00:00", { type: "case.resolved", case: "C" }),
    event("2026-01-01T18:00:00", { type: "survey.answered", case: "C", kind: "csat", score: 5 }),
    event("2026-01-02T09:00:00", { type: "case.reopened", case: "A" }),
    event("2026-01-02T11:00:00", { type: "case.resolved", case: "A" }),
    opened(recontactAt, "B", "cus-1", "account/access"),
    event("2026-01-08T12:30:00", {
      type: "case.recategorised",
      case: "B",
      category: "technical/login",
      previous: "account/access",
    }),
  ].sort((left, right) => Date.parse(left.at) - Date.parse(right.at));
}

const FROM = Date.parse("2026-01-01T00:00:00Z");
const TO = Date.parse("2026-01-02T00:00:00Z");
const technical = (category: string): boolean => category.startsWith("technical/");

describe("measurePeriod", () => {
  it("anchors each KPI where PRODUCT.md does, slicing by the category a case ended with", () => {
    const stories = collectCaseStories(history());
    expect(measurePeriod(stories, technical, FROM, TO)).toEqual({
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-01-02T00:00:00.000Z",
      casesOpened: 1,
      casesOpenedPerHour: 1 / 24,
      firstResponseMedianMinutes: 30,
      firstResponseP90Minutes: 30,
      casesResolved: 1,
      resolutionMedianHours: 2,
      openedResolutionMedianHours: 2,
      reopenRate: 1,
      recontactRate: 1,
      csatAnswers: 1,
      csat: 0,
      ahtMinutes: 10,
    });
    expect(measurePeriod(stories, () => true, FROM, TO)).toMatchObject({
      casesOpened: 2,
      firstResponseMedianMinutes: 30,
      casesResolved: 2,
      resolutionMedianHours: 3,
      reopenRate: 0.5,
      recontactRate: 0.5,
      csatAnswers: 2,
      csat: 50,
      ahtMinutes: 10,
    });
  });

  it("counts a recontact up to seven days after the first resolution, not a second later", () => {
    const stories = collectCaseStories(history("2026-01-08T12:00:01"));
    expect(measurePeriod(stories, technical, FROM, TO).recontactRate).toBe(0);
  });

  it("leaves undefined what a period has no denominator for", () => {
    const stories = collectCaseStories(history());
    const later = Date.parse("2026-02-01T00:00:00Z");
    expect(measurePeriod(stories, technical, later, later + 3_600_000)).toMatchObject({
      casesOpened: 0,
      firstResponseMedianMinutes: null,
      resolutionMedianHours: null,
      reopenRate: null,
      recontactRate: null,
      csat: null,
      ahtMinutes: null,
    });
  });
});

describe("percentileOf", () => {
  it("interpolates linearly between the closest ranks, as numpy does", () => {
    expect(percentileOf([10, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentileOf([1, 2, 3, 10], 0.9)).toBeCloseTo(7.9, 10);
    expect(percentileOf([4], 0.9)).toBe(4);
    expect(percentileOf([], 0.5)).toBeNull();
  });
});

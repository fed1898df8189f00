/**
 * What an episode of the demo (the promotion, the faulty release) did to the KPIs of a slice of
 * categories, read back from the simulated event log: for a period [from, to), the KPIs of
 * PRODUCT.md that move with it, each anchored where PRODUCT.md anchors it (cases opened, first
 * resolutions, survey answers, work done in the period) and sliced by the category the case ended
 * with, as the metrics engine slices them. Used by the demo's tests and to document the figures
 * the default alert rules are tuned to (/work/issue6/REGRESSION.md).
 */
import type { ThroughlineEvent } from "../events/event.types.js";
import { topLevelOf } from "./demo-categories.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const RECONTACT_WINDOW_MS = 7 * DAY_MS;

export interface CaseStory {
  caseId: string;
  customer: string;
  /** The category the case ended with (a recategorisation corrects it). */
  category: string;
  openedAtMs: number;
  firstResponseAtMs: number | undefined;
  firstResolvedAtMs: number | undefined;
  reopened: boolean;
  /** CSAT answers: when, and the score 1–5. */
  csat: { atMs: number; score: number }[];
  /** `case.worked` events: when, and how many seconds. */
  worked: { atMs: number; seconds: number }[];
}

/** Every case of the log, in the order they were opened. */
export function collectCaseStories(events: readonly ThroughlineEvent[]): CaseStory[] {
  const stories = new Map<string, CaseStory>();
  for (const event of events) {
    const atMs = Date.parse(event.at);
    if (event.type === "case.opened") {
      stories.set(event.case, {
        caseId: event.case,
        customer: event.customer,
        category: event.category,
        openedAtMs: atMs,
        firstResponseAtMs: undefined,
        firstResolvedAtMs: undefined,
        reopened: false,
        csat: [],
        worked: [],
      });
      continue;
    }
    const story =
      "case" in event && typeof event.case === "string" ? stories.get(event.case) : undefined;
    if (story === undefined) continue;
    switch (event.type) {
      case "case.replied":
        if (event.public && event.by.startsWith("agent:")) story.firstResponseAtMs ??= atMs;
        break;
      case "case.resolved":
        story.firstResolvedAtMs ??= atMs;
        break;
      case "case.reopened":
        story.reopened = true;
        break;
      case "case.recategorised":
        story.category = event.category;
        break;
      case "survey.answered":
        if (event.kind === "csat") story.csat.push({ atMs, score: event.score });
        break;
      case "case.worked":
        story.worked.push({ atMs, seconds: event.seconds });
        break;
      default:
        break;
    }
  }
  return [...stories.values()];
}

export interface PeriodFigures {
  from: string;
  to: string;
  casesOpened: number;
  /** Cases opened per hour of the period, on average. */
  casesOpenedPerHour: number;
  firstResponseMedianMinutes: number | null;
  firstResponseP90Minutes: number | null;
  casesResolved: number;
  resolutionMedianHours: number | null;
  /**
   * Not a KPI: the median hours to the first resolution of the cases opened in the period (and
   * resolved by the end of the log), which shows cases getting slower to resolve where the KPI,
   * anchored at the resolution, first sees the quick ones.
   */
  openedResolutionMedianHours: number | null;
  reopenRate: number | null;
  recontactRate: number | null;
  csatAnswers: number;
  /** Answers 4–5 ÷ all CSAT answers, in points (0–100). */
  csat: number | null;
  ahtMinutes: number | null;
}

/**
 * The KPIs over [fromMs, toMs) of the cases whose category `inSlice` accepts. Recontacts are
 * looked for among all of `stories` (same customer, same top-level category, opened within seven
 * days of the first resolution, inclusive).
 */
export function measurePeriod(
  stories: readonly CaseStory[],
  inSlice: (category: string) => boolean,
  fromMs: number,
  toMs: number,
): PeriodFigures {
  const within = (atMs: number | undefined): atMs is number =>
    atMs !== undefined && atMs >= fromMs && atMs < toMs;
  const slice = stories.filter((story) => inSlice(story.category));
  const opened = slice.filter((story) => within(story.openedAtMs));
  const resolved = slice.filter((story) => within(story.firstResolvedAtMs));

  const casesByCustomer = new Map<string, CaseStory[]>();
  for (const story of stories) {
    const cases = casesByCustomer.get(story.customer) ?? [];
    cases.push(story);
    casesByCustomer.set(story.customer, cases);
  }
  const isRecontacted = (story: CaseStory): boolean => {
    const resolvedAtMs = story.firstResolvedAtMs ?? Number.POSITIVE_INFINITY;
    const top = topLevelOf(story.category);
    return (casesByCustomer.get(story.customer) ?? []).some(
      (later) =>
        later !== story &&
        later.openedAtMs >= resolvedAtMs &&
        later.openedAtMs - resolvedAtMs <= RECONTACT_WINDOW_MS &&
        topLevelOf(later.category) === top,
    );
  };

  const csatScores = slice.flatMap((story) =>
    story.csat.filter((answer) => within(answer.atMs)).map((answer) => answer.score),
  );
  let workedSeconds = 0;
  let casesWorked = 0;
  for (const story of slice) {
    const seconds = story.worked.filter((work) => within(work.atMs));
    if (seconds.length === 0) continue;
    casesWorked++;
    workedSeconds += seconds.reduce((sum, work) => sum + work.seconds, 0);
  }
  const firstResponseMinutes = opened.flatMap((story) =>
    story.firstResponseAtMs === undefined
      ? []
      : [(story.firstResponseAtMs - story.openedAtMs) / MINUTE_MS],
  );
  const share = (count: number, total: number): number | null =>
    total === 0 ? null : count / total;
  const satisfied = share(csatScores.filter((score) => score >= 4).length, csatScores.length);

  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    casesOpened: opened.length,
    casesOpenedPerHour: (opened.length * HOUR_MS) / (toMs - fromMs),
    firstResponseMedianMinutes: percentileOf(firstResponseMinutes, 0.5),
    firstResponseP90Minutes: percentileOf(firstResponseMinutes, 0.9),
    casesResolved: resolved.length,
    resolutionMedianHours: percentileOf(
      resolved.map((story) => ((story.firstResolvedAtMs ?? 0) - story.openedAtMs) / HOUR_MS),
      0.5,
    ),
    openedResolutionMedianHours: percentileOf(
      opened.flatMap((story) =>
        story.firstResolvedAtMs === undefined
          ? []
          : [(story.firstResolvedAtMs - story.openedAtMs) / HOUR_MS],
      ),
      0.5,
    ),
    reopenRate: share(resolved.filter((story) => story.reopened).length, resolved.length),
    recontactRate: share(resolved.filter(isRecontacted).length, resolved.length),
    csatAnswers: csatScores.length,
    csat: satisfied === null ? null : 100 * satisfied,
    ahtMinutes: casesWorked === 0 ? null : workedSeconds / casesWorked / 60,
  };
}

/**
 * The `fraction` percentile, interpolating linearly between the closest ranks (numpy's default):
 * percentileOf([1, 2, 3, 10], 0.5) is 2.5, percentileOf([1, 2, 3, 10], 0.9) is 7.9.
 */
export function percentileOf(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = (sorted.length - 1) * fraction;
  const below = sorted[Math.floor(rank)] ?? 0;
  const above = sorted[Math.ceil(rank)] ?? 0;
  return below + (above - below) * (rank - Math.floor(rank));
}

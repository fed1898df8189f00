/**
 * The demo's "one change that causes a regression" (PRODUCT.md, quality bars): a release that
 * breaks sign-in sessions and the checkout goes out at the same relative point of any run long
 * enough to have one (09:00 UTC on day 70 of 90, moved to the nearest Monday–Thursday, as teams
 * ship), and a hotfix follows three days later.
 *
 * While the fault is live, customers who cannot log in or pay write in: the affected categories
 * get extra demand (a surge with its own mix, on top of the ordinary curve), and the cases they
 * open are harder to settle than usual. Each such case gets a `ReleaseImpact`: longer work and
 * internal waits (engineering has to ship the fix), another round with the customer, a workaround
 * that often does not hold (reopens, recontacts) and customers who resent the breakage (surveys).
 * The teams serving these categories are staffed for an ordinary week, so their queues grow and
 * first responses slow down too (team-workload.ts): nothing here sets waits directly.
 *
 * Cases are affected by what the customer reported (the category the case opened with) and when
 * they opened it: reports before the release or after the hotfix are ordinary cases.
 */
import { DAY_MS, type DemandSurge, HOUR_MS, planPromotion } from "./arrival-curve.js";
import { DEMO_CATEGORIES } from "./demo-categories.js";
import { buildWeightedTable } from "./random.js";

export const FAULTY_RELEASE_VERSION = "4.2.0";
export const HOTFIX_VERSION = "4.2.1";

/** Share of the surge's extra cases that each affected category receives. */
const AFFECTED_CATEGORY_MIX: Readonly<Record<string, number>> = {
  "technical/login": 0.4,
  "account/access": 0.35,
  // Checkout errors are reported as bugs ("the pay button does nothing").
  "technical/bug": 0.25,
};

export const AFFECTED_CATEGORIES: readonly string[] = Object.keys(AFFECTED_CATEGORY_MIX);

/** What the fault does to a case of an affected category opened while it is live. */
export interface ReleaseImpact {
  /** Multiplies the agents' handling time (reproducing, collecting details, workarounds). */
  handlingFactor: number;
  /** Multiplies the internal wait before resolving (engineering has to ship a fix). */
  investigationFactor: number;
  /** Chance of one more round with the customer (screenshots, the exact error, the browser). */
  extraCustomerRoundChance: number;
  /** Added to the chance that the problem is back after the case was resolved. */
  extraReopenChance: number;
  /** Added to the chance that the customer opens a new case about it within seven days. */
  extraRecontactChance: number;
  /** Taken off the customer's 0–1 feeling about the case (see survey-response.ts). */
  satisfactionPenalty: number;
  /**
   * The root cause agents close the case with when it ends in one of these categories (the one
   * the fault explains); other categories keep their usual root causes.
   */
  rootCauseByCategory: Readonly<Record<string, string>>;
}

export const RELEASE_IMPACT: ReleaseImpact = {
  handlingFactor: 1.5,
  investigationFactor: 2.5,
  extraCustomerRoundChance: 0.5,
  extraReopenChance: 0.25,
  extraRecontactChance: 0.2,
  satisfactionPenalty: 0.16,
  rootCauseByCategory: {
    "technical/login": "session-bug",
    "technical/bug": "software-defect",
  },
};

export interface FaultyRelease {
  version: string;
  hotfixVersion: string;
  /** When the faulty release went out: the fault is live in [releasedAtMs, fixedAtMs). */
  releasedAtMs: number;
  /** When the hotfix went out. */
  fixedAtMs: number;
  affectedCategories: readonly string[];
  /** The extra demand while the fault is live. */
  surge: DemandSurge;
  impact: ReleaseImpact;
}

const FIRST_DAY_OF_90 = 70;
const RELEASE_HOUR_UTC = 9;
const LIVE_DAYS = 3;
/**
 * Below four weeks a run has no regression: it would overlap the promotion (arrival-curve.ts),
 * and the hour-of-week baselines that should notice it need weeks of ordinary history before.
 */
export const MINIMUM_DAYS_FOR_REGRESSION = 28;
/** Extra arrivals while the fault is live, as a multiple of the whole centre's ordinary demand. */
const EXTRA_VOLUME = 0.5;

/** Teams ship Monday to Thursday (UTC days of the week), never into a weekend. */
const RELEASE_WEEKDAYS: readonly number[] = [1, 2, 3, 4];
/** The release day moves at most this far from the run's relative point to reach a weekday. */
const MAXIMUM_SHIFT_DAYS = 3;
/** Days of ordinary demand kept between the promotion's end and the release, and after the fix. */
const QUIET_DAYS_BEFORE = 1;
const QUIET_DAYS_AFTER = 2;

/**
 * The faulty release of a run of `days` days starting at `startMs` (a UTC midnight): at 09:00 UTC
 * on day round(days × 70 / 90) (day 70 of 90, day 23 of 30), or on the nearest Monday–Thursday
 * within three days that keeps a quiet day after the promotion and two after the fix (a later day
 * on a tie); fixed three days later. Undefined for runs shorter than four weeks.
 */
export function planFaultyRelease(startMs: number, days: number): FaultyRelease | undefined {
  if (days < MINIMUM_DAYS_FOR_REGRESSION) return undefined;
  const firstDay = chooseReleaseDay(startMs, days);
  const releasedAtMs = startMs + firstDay * DAY_MS + RELEASE_HOUR_UTC * HOUR_MS;
  const fixedAtMs = releasedAtMs + LIVE_DAYS * DAY_MS;
  return {
    version: FAULTY_RELEASE_VERSION,
    hotfixVersion: HOTFIX_VERSION,
    releasedAtMs,
    fixedAtMs,
    affectedCategories: AFFECTED_CATEGORIES,
    surge: {
      label: "regression",
      startMs: releasedAtMs,
      endMs: fixedAtMs,
      extraVolume: EXTRA_VOLUME,
      categories: buildWeightedTable(
        DEMO_CATEGORIES,
        (category) => AFFECTED_CATEGORY_MIX[category.id] ?? 0,
      ),
    },
    impact: RELEASE_IMPACT,
  };
}

function chooseReleaseDay(startMs: number, days: number): number {
  const relativeDay = Math.round((days * FIRST_DAY_OF_90) / 90);
  const promotionEndMs = planPromotion(startMs, days)[0]?.endMs ?? startMs;
  const fits = (day: number): boolean => {
    const releasedAtMs = startMs + day * DAY_MS + RELEASE_HOUR_UTC * HOUR_MS;
    return (
      RELEASE_WEEKDAYS.includes(new Date(releasedAtMs).getUTCDay()) &&
      releasedAtMs - promotionEndMs >= QUIET_DAYS_BEFORE * DAY_MS &&
      startMs + days * DAY_MS - (releasedAtMs + LIVE_DAYS * DAY_MS) >= QUIET_DAYS_AFTER * DAY_MS
    );
  };
  for (let shift = 0; shift <= MAXIMUM_SHIFT_DAYS; shift++) {
    if (fits(relativeDay + shift)) return relativeDay + shift;
    if (fits(relativeDay - shift)) return relativeDay - shift;
  }
  // Short runs may have no such weekday: the release then goes out on the relative day.
  return relativeDay;
}

/** The fault's impact on a case reported as `categoryId` at `openedAtMs`, if it has any. */
export function releaseImpactOn(
  release: FaultyRelease | undefined,
  categoryId: string,
  openedAtMs: number,
): ReleaseImpact | undefined {
  if (release === undefined) return undefined;
  if (openedAtMs < release.releasedAtMs || openedAtMs >= release.fixedAtMs) return undefined;
  return release.affectedCategories.includes(categoryId) ? release.impact : undefined;
}

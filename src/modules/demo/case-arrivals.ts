/**
 * Draws the moments new cases arrive, hour by hour, from the arrival curve: a Poisson count per
 * hour around the expected demand, spread uniformly within the hour.
 */
import {
  type DemandSurge,
  HOUR_MS,
  ORDINARY_CATEGORY_MIX,
  ordinaryHourlyDemand,
  surgesActiveAt,
} from "./arrival-curve.js";
import type { DemoCategory } from "./demo-categories.js";
import { pickWeighted, type Random } from "./random.js";
import type { DemoCustomer, Roster } from "./roster.js";

export interface CaseArrival {
  atMs: number;
  customer: DemoCustomer;
  category: DemoCategory;
}

export interface ArrivalWindow {
  /** No case arrives before this instant (the roster must exist first). */
  firstArrivalMs: number;
  /** Exclusive. */
  endMs: number;
  /** Where the hour grid starts: the beginning of the run. */
  startMs: number;
  scale: number;
  surges: readonly DemandSurge[];
}

/** Arrivals in time order. */
export function generateArrivals(
  window: ArrivalWindow,
  roster: Roster,
  random: Random,
): CaseArrival[] {
  const arrivals: CaseArrival[] = [];
  let dayNoise = 1;
  for (let hourStart = window.startMs; hourStart < window.endMs; hourStart += HOUR_MS) {
    // Real days are never exactly on forecast; one factor per day keeps hours of a day coherent.
    if ((hourStart - window.startMs) % (24 * HOUR_MS) === 0) dayNoise = random.logNormal(1, 0.08);

    const from = Math.max(hourStart, window.firstArrivalMs);
    const to = Math.min(hourStart + HOUR_MS, window.endMs);
    if (to <= from) continue;
    const ordinary =
      ordinaryHourlyDemand(hourStart, window.scale) * dayNoise * ((to - from) / HOUR_MS);

    const drawArrivals = (expected: number, categories: DemandSurge["categories"]): void => {
      const count = random.poisson(expected);
      for (let i = 0; i < count; i++) {
        arrivals.push({
          atMs: from + Math.floor((random.float() * (to - from)) / 1000) * 1000,
          customer: pickWeighted(roster.customersByContactLikelihood, random),
          category: pickWeighted(categories, random),
        });
      }
    };

    drawArrivals(ordinary, ORDINARY_CATEGORY_MIX);
    for (const surge of surgesActiveAt(window.surges, hourStart)) {
      drawArrivals(ordinary * surge.extraVolume, surge.categories);
    }
  }
  return arrivals.sort((left, right) => left.atMs - right.atMs);
}

/**
 * Arrivals for one surge alone, drawn from a stream of its own: a surge added after the first
 * version of the simulator (the faulty release) then leaves the ordinary arrivals as they were.
 * Its expected volume follows the ordinary curve, without the day's noise of `generateArrivals`.
 */
export function generateSurgeArrivals(
  window: ArrivalWindow,
  surge: DemandSurge,
  roster: Roster,
  random: Random,
): CaseArrival[] {
  const arrivals: CaseArrival[] = [];
  const firstHour =
    window.startMs + Math.floor((surge.startMs - window.startMs) / HOUR_MS) * HOUR_MS;
  for (let hourStart = firstHour; hourStart < surge.endMs; hourStart += HOUR_MS) {
    const from = Math.max(hourStart, surge.startMs, window.firstArrivalMs);
    const to = Math.min(hourStart + HOUR_MS, surge.endMs, window.endMs);
    if (to <= from) continue;
    const expected =
      ordinaryHourlyDemand(hourStart, window.scale) * surge.extraVolume * ((to - from) / HOUR_MS);
    const count = random.poisson(expected);
    for (let i = 0; i < count; i++) {
      arrivals.push({
        atMs: from + Math.floor((random.float() * (to - from)) / 1000) * 1000,
        customer: pickWeighted(roster.customersByContactLikelihood, random),
        category: pickWeighted(surge.categories, random),
      });
    }
  }
  return arrivals.sort((left, right) => left.atMs - right.atMs);
}

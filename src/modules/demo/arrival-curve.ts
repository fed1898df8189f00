/**
 * How many cases the demo contact centre expects per hour: a daily shape (quiet nights, a
 * mid-morning and an early-afternoon peak, in UTC), a weekly shape (weekends at 40 %), and demand
 * surges on top. The promotion is the first surge; the faulty release (faulty-release.ts) brings
 * its own, with its own category mix, and the rest of the simulator follows.
 */
import { DEMO_CATEGORIES, type DemoCategory } from "./demo-categories.js";
import { buildWeightedTable, type WeightedTable } from "./random.js";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Ordinary weekday demand at scale 1, before recontacts (which add roughly 8 %). */
export const WEEKDAY_CASES_AT_SCALE_1 = 280;

export const WEEKEND_FACTOR = 0.4;

// biome-ignore format: one row per six hours of the UTC day reads as a curve
const HOURLY_WEIGHTS = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2,
  0.45, 0.8, 1.2, 1.5, 1.6, 1.4,
  1.1, 1.35, 1.45, 1.3, 1.1, 0.9,
  0.7, 0.55, 0.45, 0.35, 0.25, 0.2,
];
const HOURLY_WEIGHT_TOTAL = HOURLY_WEIGHTS.reduce((sum, weight) => sum + weight, 0);

/** Share of a day's cases that arrive in the given UTC hour (0–23). */
export function hourlyShare(utcHour: number): number {
  return (HOURLY_WEIGHTS[utcHour] ?? 0) / HOURLY_WEIGHT_TOTAL;
}

/** Saturday and Sunday (UTC) carry 40 % of a weekday's demand. */
export function weekdayFactor(utcDayOfWeek: number): number {
  return utcDayOfWeek === 0 || utcDayOfWeek === 6 ? WEEKEND_FACTOR : 1;
}

/** Extra demand on top of the ordinary curve during [startMs, endMs). */
export interface DemandSurge {
  label: string;
  startMs: number;
  endMs: number;
  /** Extra volume as a multiple of the ordinary volume (1.5 makes the total ×2.5). */
  extraVolume: number;
  categories: WeightedTable<DemoCategory>;
}

export const ORDINARY_CATEGORY_MIX: WeightedTable<DemoCategory> = buildWeightedTable(
  DEMO_CATEGORIES,
  (category) => category.weight,
);

const PROMOTION_CATEGORY_MIX: WeightedTable<DemoCategory> = buildWeightedTable(
  DEMO_CATEGORIES,
  (category) => category.promotionWeight,
);

const PROMOTION_LENGTH_DAYS = 4;

/**
 * A four-day sales promotion at the same relative point of any run (days 55–58 of 90), so
 * short demo runs have one too. Runs too short to show a before and after have none.
 */
export function planPromotion(startMs: number, days: number): DemandSurge[] {
  if (days < PROMOTION_LENGTH_DAYS * 3) return [];
  const firstDay = Math.round((days * 55) / 90);
  return [
    {
      label: "promotion",
      startMs: startMs + firstDay * DAY_MS,
      endMs: startMs + (firstDay + PROMOTION_LENGTH_DAYS) * DAY_MS,
      extraVolume: 1.5,
      categories: PROMOTION_CATEGORY_MIX,
    },
  ];
}

/** Ordinary expected cases in the hour starting at `hourStartMs`, before surges and noise. */
export function ordinaryHourlyDemand(hourStartMs: number, scale: number): number {
  const instant = new Date(hourStartMs);
  return (
    WEEKDAY_CASES_AT_SCALE_1 *
    scale *
    weekdayFactor(instant.getUTCDay()) *
    hourlyShare(instant.getUTCHours())
  );
}

export function surgesActiveAt(surges: readonly DemandSurge[], atMs: number): DemandSurge[] {
  return surges.filter((surge) => atMs >= surge.startMs && atMs < surge.endMs);
}

import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { runPendingMetricsBackfill } from "../modules/metrics/metric-facts.backfill.js";
import type { ScheduledJob } from "./scheduler.js";

export const METRICS_BACKFILL_JOB = "metrics-backfill";

/**
 * Builds the metric facts and roll-ups of a store that held cases before the metrics existed
 * (its migration left a marker). Looks once a minute; after the one run that finds the marker
 * and removes it, each look is a single indexed read.
 */
export function metricsBackfillJob(db: Kysely<DB>, intervalMs = 60_000): ScheduledJob {
  return {
    name: METRICS_BACKFILL_JOB,
    intervalMs,
    run: () => runPendingMetricsBackfill(db, Date.now()),
  };
}

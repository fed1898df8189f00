import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { fireBreachPredictions } from "../modules/prediction/prediction.service.js";
import type { ScheduledJob } from "./scheduler.js";

export const PREDICTION_JOB = "breach-prediction";

/**
 * Predicts the first response of every case waiting in a queue, once a minute by default, and
 * flags each one predicted to miss its target with `sla.breach_predicted` (once per clock start:
 * the event ids are deterministic, so a retry or a second process records nothing twice).
 */
export function predictionJob(db: Kysely<DB>, intervalMs: number): ScheduledJob {
  return {
    name: PREDICTION_JOB,
    intervalMs,
    run: () => fireBreachPredictions(db, Date.now()),
  };
}

import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { runAlerts } from "../modules/alerts/alert-runner.service.js";
import type { ScheduledJob } from "./scheduler.js";

export const ALERT_JOB = "alerts";
export const ALERT_INTERVAL_MS = 60_000;

/**
 * Evaluates the alert rules over the hours completed since the last run (a fresh store's whole
 * history on its first run), recording `alert.raised` / `alert.resolved` with notifications.
 * Its cursor moves in the transaction that records them, and alert ids are deterministic, so a
 * slot taken over after a crash or a run after downtime records only what is missing.
 */
export function alertJob(db: Kysely<DB>, intervalMs = ALERT_INTERVAL_MS): ScheduledJob {
  return {
    name: ALERT_JOB,
    intervalMs,
    run: () => runAlerts(db, { now: Date.now() }),
  };
}

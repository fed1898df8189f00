import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { runEscalations } from "../modules/escalations/escalation.service.js";
import type { ScheduledJob } from "./scheduler.js";

export const ESCALATION_JOB = "escalations";
export const ESCALATION_INTERVAL_MS = 30_000;

/**
 * Fires the escalation steps that came due (after the SLA timer's at-risk and breach events),
 * each once: its event id is deterministic, so a slot taken over after a crash or a run after
 * downtime records only what is missing.
 */
export function escalationJob(db: Kysely<DB>, intervalMs = ESCALATION_INTERVAL_MS): ScheduledJob {
  return {
    name: ESCALATION_JOB,
    intervalMs,
    run: () => runEscalations(db, { now: Date.now() }),
  };
}

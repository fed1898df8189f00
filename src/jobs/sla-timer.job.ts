import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { fireDueSlaEvents } from "../modules/sla/sla-timer.service.js";
import type { ScheduledJob } from "./scheduler.js";

export const SLA_TIMER_JOB = "sla-timer";

/**
 * Fires the SLA thresholds (at risk, breached) that have passed, once a slot (15 s by default).
 * The scheduler's lease keeps two processes from running it at once, and the events' ids are
 * deterministic, so even a retry or a lost lease cannot record a threshold twice. A slot missed
 * while no server ran is not replayed: the next slot finds every threshold still unfired.
 */
export function slaTimerJob(db: Kysely<DB>, intervalMs: number): ScheduledJob {
  return {
    name: SLA_TIMER_JOB,
    intervalMs,
    run: () => fireDueSlaEvents(db, Date.now()),
  };
}

import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { SmtpSettings } from "../modules/digests/digest-delivery.js";
import { alertJob } from "./alert.job.js";
import { assignmentJob } from "./assignment.job.js";
import { digestJob } from "./digest.job.js";
import { escalationJob } from "./escalation.job.js";
import { metricsBackfillJob } from "./metrics-backfill.job.js";
import { predictionJob } from "./prediction.job.js";
import { retentionJob } from "./retention.job.js";
import { type Scheduler, type SchedulerLogger, startScheduler } from "./scheduler.js";
import { slaTimerJob } from "./sla-timer.job.js";
import { webhookJob } from "./webhook.job.js";

export interface BackgroundJobOptions {
  /** How often retention runs (the config's `retentionIntervalMs`; one day by default there). */
  retentionIntervalMs: number;
  /** How often the SLA timer fires due thresholds (the config's `slaTimerIntervalMs`; 15 s). */
  slaTimerIntervalMs?: number;
  /** How often the assignment job pushes waiting cases (the config's `assignmentIntervalMs`; 10 s). */
  assignmentIntervalMs?: number;
  /** How often breach prediction runs over the queues (60 s). */
  predictionIntervalMs?: number;
  /** How often the alerts job evaluates the alert rules (the config's `alertIntervalMs`; 60 s). */
  alertIntervalMs?: number;
  /** The SMTP server digests are mailed through (the config's `smtpUrl` and `smtpFrom`); null: none. */
  smtp?: SmtpSettings | null;
  logger?: SchedulerLogger;
  /** Default: host, process id and a random suffix, unique per process. */
  holderId?: string;
}

const DEFAULT_SLA_TIMER_INTERVAL_MS = 15_000;
const DEFAULT_ASSIGNMENT_INTERVAL_MS = 10_000;
const DEFAULT_PREDICTION_INTERVAL_MS = 60_000;
const DEFAULT_ALERT_INTERVAL_MS = 60_000;

/** Starts the server's background jobs; `stop()` them before closing the store. */
export function startBackgroundJobs(
  store: { db: Kysely<DB> },
  options: BackgroundJobOptions,
): Scheduler {
  return startScheduler(store, {
    jobs: [
      retentionJob(store.db, options.retentionIntervalMs),
      slaTimerJob(store.db, options.slaTimerIntervalMs ?? DEFAULT_SLA_TIMER_INTERVAL_MS),
      escalationJob(store.db),
      webhookJob(store.db),
      assignmentJob(store.db, options.assignmentIntervalMs ?? DEFAULT_ASSIGNMENT_INTERVAL_MS),
      predictionJob(store.db, options.predictionIntervalMs ?? DEFAULT_PREDICTION_INTERVAL_MS),
      // Before the jobs that read metrics: an upgraded store gets its facts first.
      metricsBackfillJob(store.db),
      digestJob(store.db, options.smtp ?? null),
      alertJob(store.db, options.alertIntervalMs ?? DEFAULT_ALERT_INTERVAL_MS),
    ],
    holderId: options.holderId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
}

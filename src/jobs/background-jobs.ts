import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { escalationJob } from "./escalation.job.js";
import { retentionJob } from "./retention.job.js";
import { type Scheduler, type SchedulerLogger, startScheduler } from "./scheduler.js";
import { slaTimerJob } from "./sla-timer.job.js";
import { webhookJob } from "./webhook.job.js";

export interface BackgroundJobOptions {
  /** How often retention runs (the config's `retentionIntervalMs`; one day by default there). */
  retentionIntervalMs: number;
  /** How often the SLA timer fires due thresholds (the config's `slaTimerIntervalMs`; 15 s). */
  slaTimerIntervalMs?: number;
  logger?: SchedulerLogger;
  /** Default: host, process id and a random suffix, unique per process. */
  holderId?: string;
}

const DEFAULT_SLA_TIMER_INTERVAL_MS = 15_000;

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
    ],
    holderId: options.holderId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
}

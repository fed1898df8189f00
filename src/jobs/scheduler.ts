import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { acquireLease, claimSlot, finishSlot, releaseLease, renewLease } from "./job.repository.js";

/**
 * Runs background jobs on a fixed interval, coordinated through the database so that several
 * server processes sharing one PostgreSQL store run each scheduled slot exactly once.
 *
 * Time is cut into slots of `intervalMs` from the epoch (a daily job's slots start at 00:00
 * UTC). On every tick, for each job whose current slot this process has not seen finished, the
 * scheduler tries to take the job's lease (`job_leases`); only the holder goes on, claims the
 * slot in `job_runs` (whose key is the job and the slot, so a slot cannot be claimed twice) and
 * runs the job, renewing the lease while it works. A slot left running by a holder whose lease
 * ran out (a crashed process) is taken over by the next holder. A slot that failed is not retried;
 * the next slot runs as usual. A process that starts during a slot nobody has run runs it then.
 */

export interface ScheduledJob {
  /** Unique among jobs; the key of its lease and runs. */
  name: string;
  intervalMs: number;
  /** The work of the slot that started at `dueAt` (epoch ms). */
  run(slot: { dueAt: number }): Promise<unknown>;
}

/** The two methods of a pino (or Fastify) logger the scheduler uses. */
export interface SchedulerLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface SchedulerOptions {
  jobs: readonly ScheduledJob[];
  /** Identifies this process in leases and runs; unique per process. */
  holderId: string;
  /** How often to look for due slots; at most the shortest interval. Default one minute. */
  tickMs?: number;
  /** How long a lease lasts unless renewed; renewed every third of it while a job runs. */
  leaseMs?: number;
  /** The clock (epoch ms); tests pass their own. */
  now?: () => number;
  logger?: SchedulerLogger;
}

export interface Scheduler {
  /** Stops ticking and resolves once any job that is running has finished. */
  stop(): Promise<void>;
}

const DEFAULT_TICK_MS = 60_000;
const DEFAULT_LEASE_MS = 5 * 60_000;

const stderrLogger: SchedulerLogger = {
  info: () => {},
  error: (details, message) => {
    process.stderr.write(`${message} ${JSON.stringify(details)}\n`);
  },
};

/** The start of the slot `now` falls in. */
export function slotStart(now: number, intervalMs: number): number {
  return Math.floor(now / intervalMs) * intervalMs;
}

export function startScheduler(store: { db: Kysely<DB> }, options: SchedulerOptions): Scheduler {
  const { db } = store;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? stderrLogger;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const shortest = Math.min(...options.jobs.map((job) => job.intervalMs));
  const tickMs = Math.min(options.tickMs ?? DEFAULT_TICK_MS, shortest);
  const names = new Set(options.jobs.map((job) => job.name));
  if (names.size !== options.jobs.length) throw new Error("scheduled jobs need unique names");
  for (const job of options.jobs) {
    if (!(job.intervalMs > 0)) throw new Error(`job ${job.name}: intervalMs must be positive`);
  }

  /** The last slot of each job this process knows to be done (by it or by another). */
  const seenSlot = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function attempt(job: ScheduledJob): Promise<void> {
    const dueAt = slotStart(now(), job.intervalMs);
    if (seenSlot.get(job.name) === dueAt) return;
    const lease = { name: job.name, holder: options.holderId };
    const startedAt = now();
    if (!(await acquireLease(db, { ...lease, now: startedAt, expiresAt: startedAt + leaseMs }))) {
      return;
    }
    try {
      const claim = await claimSlot(db, { ...lease, dueAt, now: startedAt });
      if (claim === "finished") {
        seenSlot.set(job.name, dueAt);
        return;
      }
      const heartbeat = setInterval(() => {
        renewLease(db, { ...lease, expiresAt: now() + leaseMs })
          .then((held) => {
            if (!held) logger.error({ job: job.name, dueAt }, "job lease lost while running");
          })
          .catch((error: unknown) =>
            logger.error({ job: job.name, err: error }, "could not renew job lease"),
          );
      }, leaseMs / 3);
      let failure: string | null = null;
      try {
        const result = await job.run({ dueAt });
        logger.info(
          {
            job: job.name,
            dueAt,
            ms: now() - startedAt,
            result,
            takenOver: claim === "taken_over",
          },
          "job finished",
        );
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        logger.error({ job: job.name, dueAt, err: error }, "job failed");
      } finally {
        clearInterval(heartbeat);
      }
      await finishSlot(db, { ...lease, dueAt, now: now(), error: failure });
      seenSlot.set(job.name, dueAt);
    } finally {
      await releaseLease(db, lease);
    }
  }

  function tick(): void {
    for (const job of options.jobs) {
      if (stopped || inFlight.has(job.name)) continue;
      const running = attempt(job)
        .catch((error: unknown) => {
          logger.error({ job: job.name, err: error }, "scheduler could not check the job");
        })
        .finally(() => inFlight.delete(job.name));
      inFlight.set(job.name, running);
    }
    if (!stopped) timer = setTimeout(tick, tickMs);
  }

  tick();
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await Promise.all(inFlight.values());
    },
  };
}

import type { Kysely } from "kysely";
import { SYSTEM_ACTORS } from "../access/actor.js";
import type { DB } from "../db/schema.js";
import { runRetention } from "../modules/retention/retention.service.js";
import type { ScheduledJob } from "./scheduler.js";

export const RETENTION_JOB = "retention";

/** Applies the retention policies once a slot (daily by default), as the scheduler actor. */
export function retentionJob(db: Kysely<DB>, intervalMs: number): ScheduledJob {
  return {
    name: RETENTION_JOB,
    intervalMs,
    run: async () => {
      const report = await runRetention(db, {
        now: new Date(),
        dryRun: false,
        actor: SYSTEM_ACTORS.scheduler,
      });
      return { changes: report.changes, held: report.held };
    },
  };
}

import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { pushWaitingCases } from "../modules/assignment/assignment.service.js";
import type { ScheduledJob } from "./scheduler.js";

export const ASSIGNMENT_JOB = "assignment";

/**
 * Pushes waiting cases to agents for the teams in push mode (`queue-settings`), once a slot
 * (10 s by default). The scheduler's lease keeps two processes from running it at once, and
 * each assignment claims its case with a conditional update, so even a second runner (a lost
 * lease) or a person assigning at the same time cannot give a case to two agents.
 */
export function assignmentJob(db: Kysely<DB>, intervalMs: number): ScheduledJob {
  return {
    name: ASSIGNMENT_JOB,
    intervalMs,
    run: () => pushWaitingCases(db, Date.now()),
  };
}

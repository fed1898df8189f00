import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

/** Where a job that tails the store has got to (an event `seq`, or the instant of its last run). */
export interface JobCursorTable {
  name: string;
  position: number;
  updated_at: number;
}

export type JobCursorTables = { job_cursors: JobCursorTable };

export function withJobCursorTables(db: Kysely<DB>): Kysely<DB & JobCursorTables> {
  return db.withTables<JobCursorTables>();
}

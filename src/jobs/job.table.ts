import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

/** One scheduled slot of a job; (name, due_at) is the key, so a slot can run only once. */
export interface JobRunTable {
  name: string;
  /** The start of the slot (epoch ms): a multiple of the job's interval. */
  due_at: number;
  holder: string;
  /** `running`, `succeeded` or `failed`. */
  status: string;
  /** More than 1 when a holder took over the slot of one whose lease ran out mid-run. */
  attempts: number;
  started_at: number;
  finished_at: number | null;
  error: string | null;
}

/** Who may run a job now; a lease not renewed by `expires_at` may be taken. */
export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: number;
}

export type JobTables = {
  job_runs: JobRunTable;
  job_leases: JobLeaseTable;
};

/** The store seen with the job tables (db/schema.ts's DB does not list them). */
export function withJobTables(db: Kysely<DB>): Kysely<DB & JobTables> {
  return db.withTables<JobTables>();
}

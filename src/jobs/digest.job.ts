import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { runDigests } from "../modules/digests/digest.service.js";
import type { SmtpSettings } from "../modules/digests/digest-delivery.js";
import type { ScheduledJob } from "./scheduler.js";

export const DIGEST_JOB = "digests";
/** Digests run on the hour; a pass a minute sends them within a minute of it. */
export const DIGEST_INTERVAL_MS = 60_000;

/**
 * Sends the scheduled digests that came due since the last pass and retries failed deliveries.
 * Each period of each digest is claimed once in `digest_runs`, so it is sent once however many
 * processes share the store (docs/digests.md).
 */
export function digestJob(
  db: Kysely<DB>,
  smtp: SmtpSettings | null,
  intervalMs = DIGEST_INTERVAL_MS,
): ScheduledJob {
  return {
    name: DIGEST_JOB,
    intervalMs,
    run: () => runDigests(db, { smtp, now: Date.now() }),
  };
}

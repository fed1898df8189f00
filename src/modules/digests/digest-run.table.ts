import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

/** One digest for one reported period: claimed once, then delivered (with retries). */
export interface DigestRunTable {
  /** The digest's name in the `digests` settings. */
  schedule: string;
  /** The reported period, [period_from, period_to), epoch ms. */
  period_from: number;
  period_to: number;
  /** When the schedule said to send it. */
  run_at: number;
  /** pending | sent | failed */
  status: string;
  attempts: number;
  next_attempt_at: number;
  /** The digest content as JSON, computed at the first attempt and sent as it is on retries. */
  content: string | null;
  /** When each channel went out; null while it has not (or the digest has no such recipient). */
  email_sent_at: number | null;
  webhook_sent_at: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}
export type DigestRunRow = Selectable<DigestRunTable>;

export type DigestTables = { digest_runs: DigestRunTable };

export function withDigestTables(db: Kysely<DB>): Kysely<DB & DigestTables> {
  return db.withTables<DigestTables>();
}

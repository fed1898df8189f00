import type { KpiName, KpiValues } from "../metrics/kpi.js";
import type { DigestCadence } from "./digest-settings.js";

export const DIGEST_RUN_STATUSES = ["pending", "sent", "failed"] as const;
export type DigestRunStatus = (typeof DIGEST_RUN_STATUSES)[number];

/** One scheduled digest for one reported period, and how its delivery went. */
export interface DigestRun {
  schedule: string;
  periodFrom: number;
  periodTo: number;
  runAt: number;
  status: DigestRunStatus;
  attempts: number;
  nextAttemptAt: number;
  /** Frozen at the first attempt; null before it. */
  content: DigestContent | null;
  emailSentAt: number | null;
  webhookSentAt: number | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** One scorecard row of a digest: the period's values and the previous period's, per KPI. */
export interface DigestRow {
  /** "all", or the team. */
  key: string;
  values: Partial<KpiValues>;
  previous: Partial<KpiValues>;
}

/**
 * What a digest says, as the webhook receives it (JSON) and the email renders it. Times are
 * ISO-8601 UTC; values are the API's full-precision KPI values (rounded only in the email).
 */
export interface DigestContent {
  digest: string;
  cadence: DigestCadence;
  timezone: string;
  team: string | null;
  period: { from: string; to: string; firstDay: string; lastDay: string };
  /** The period compared against: the same length of local days just before. */
  previousPeriod: { from: string; to: string };
  generatedAt: string;
  metrics: KpiName[];
  rows: DigestRow[];
}

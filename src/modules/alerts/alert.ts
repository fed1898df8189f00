import { createHash } from "node:crypto";
import type { AlertDirection, AlertSeverity } from "../events/event.types.js";
import type { KpiName, SliceDimension } from "../metrics/kpi.js";

/** `all` (the whole workspace) or one slice dimension. */
export type AlertDimension = "all" | SliceDimension;
export type AlertBucket = "hour" | "day";
export const ALERT_BUCKETS = ["hour", "day"] as const satisfies readonly AlertBucket[];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export const ALERT_STATES = ["open", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export type ResolveReason = "recovered" | "rule_removed" | "superseded";

/** One alert as the API shows it. */
export interface Alert {
  id: string;
  ruleId: string;
  metric: KpiName;
  dim: AlertDimension;
  key: string;
  bucket: AlertBucket;
  /** Start of the first bucket out of range (epoch ms). */
  bucketStart: number;
  direction: AlertDirection;
  severity: AlertSeverity;
  value: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  link: string;
  raisedAt: number;
  state: AlertState;
  resolvedAt: number | null;
  resolveReason: ResolveReason | null;
  resolvedValue: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

/** One slice an alert rule watches: the workspace (`all`/`all`) or one value of a dimension. */
export interface AlertSlice {
  dim: AlertDimension;
  key: string;
}

export const WHOLE_WORKSPACE: AlertSlice = { dim: "all", key: "all" };

export function bucketMs(bucket: AlertBucket): number {
  return bucket === "hour" ? HOUR_MS : DAY_MS;
}

/** The slice as it appears in alert ids: `all`, or `<dim>=<key>`. */
export function sliceLabel(slice: AlertSlice): string {
  return slice.dim === "all" ? "all" : `${slice.dim}=${slice.key}`;
}

/** Event ids are at most 200 characters; longer alert ids are hashed. */
const MAX_EVENT_ID_LENGTH = 200;

/**
 * The id of an alert and of its `alert.raised` event: the rule, the slice and the start of the
 * first bucket out of range. Deterministic, so a retried or repeated evaluation of the same
 * buckets finds the alert already recorded instead of raising it again.
 *
 * @example
 * alertId("volume-spike", { dim: "all", key: "all" }, Date.UTC(2026, 9, 3, 9))
 * // "alert:volume-spike:all:2026-10-03T09:00:00.000Z"
 */
export function alertId(ruleId: string, slice: AlertSlice, bucketStart: number): string {
  const id = `alert:${ruleId}:${sliceLabel(slice)}:${new Date(bucketStart).toISOString()}`;
  if (id.length <= MAX_EVENT_ID_LENGTH) return id;
  return `alert:${ruleId.slice(0, 60)}:${createHash("sha256").update(id).digest("hex")}`;
}

/** The id of the `alert.resolved` event that ends an alert. */
export function resolvedEventId(id: string): string {
  const resolved = `${id}:resolved`;
  if (resolved.length <= MAX_EVENT_ID_LENGTH) return resolved;
  return `alert-resolved:${createHash("sha256").update(id).digest("hex")}`;
}

/** The key that makes one open alert per rule and slice (a unique column while it is open). */
export function openSlotOf(ruleId: string, slice: AlertSlice): string {
  return `${ruleId} ${slice.dim} ${slice.key}`;
}

/**
 * Where the cases behind an alert are listed: the metrics cases route for the alert's metric,
 * slice and buckets (from the first bucket out of range to the end of the confirming one).
 */
export function casesLink(
  metric: KpiName,
  slice: AlertSlice,
  range: { from: number; to: number },
): string {
  const query = new URLSearchParams({
    metric,
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
  });
  if (slice.dim !== "all") query.set(slice.dim, slice.key);
  return `/api/v1/metrics/cases?${query.toString()}`;
}

import type { AlertDirection } from "../events/event.types.js";
import type { Band, BucketStatus } from "./baseline.js";

/**
 * When alerts open and end, from the statuses of a slice's buckets in time order. Pure.
 *
 * An alert opens at the `consecutive`-th bucket in a row out of range in the same direction (its
 * id names the first of them), and ends at the `recovery`-th bucket in a row back in range. A
 * slice has at most one open alert: while one is open, further buckets out of range extend it.
 * Buckets without a value (`empty`) are skipped: they neither break nor extend a run. A bucket
 * without a baseline (`unknown`) breaks both kinds of run.
 */

export interface EvaluatedBucket {
  /** Bucket start, epoch ms. */
  at: number;
  value: number | null;
  band: Band | null;
  status: BucketStatus;
}

export type Transition =
  | {
      kind: "raise";
      /** The start of the first bucket of the run out of range. */
      runStart: number;
      direction: AlertDirection;
      /** The bucket that made the run long enough. */
      bucket: EvaluatedBucket & { value: number };
    }
  | {
      kind: "resolve";
      alertId: string;
      /** The bucket that made the recovery long enough. */
      bucket: EvaluatedBucket;
    };

export interface SliceEvaluation {
  /** Every bucket to look at, ascending and without gaps: context first, then those to act on. */
  buckets: readonly EvaluatedBucket[];
  /** Only buckets starting at or after this instant may open or end an alert. */
  actFrom: number;
  /** The slice's open alert at `actFrom`, if any. */
  open: { id: string } | null;
  consecutive: number;
  recovery: number;
  /** The id an alert opened by a run starting at `runStart` gets. */
  alertIdOf: (runStart: number) => string;
}

interface Run {
  status: "high" | "low";
  length: number;
  /** Start of its first bucket. */
  start: number;
}

function extendRun(run: Run | null, status: Run["status"], at: number): Run {
  return run?.status === status
    ? { ...run, length: run.length + 1 }
    : { status, length: 1, start: at };
}

/**
 * The transitions of the buckets from `actFrom` on. The buckets before it only set up the runs in
 * progress (how many buckets in a row were out of range, or back in range, just before).
 *
 * @example
 * // consecutive 2, recovery 2, no open alert; statuses ok, high, high, ok, ok:
 * // raise at the 3rd bucket (runStart = 2nd bucket), resolve at the 5th.
 */
export function evaluateSlice(input: SliceEvaluation): Transition[] {
  const transitions: Transition[] = [];
  let open = input.open;
  let run = null as Run | null;
  let inRange = 0;
  for (const bucket of input.buckets) {
    switch (bucket.status) {
      case "empty":
        continue;
      case "unknown":
        run = null;
        inRange = 0;
        break;
      case "ok":
        run = null;
        inRange += 1;
        break;
      case "high":
      case "low":
        run = extendRun(run, bucket.status, bucket.at);
        inRange = 0;
        break;
    }
    if (bucket.at < input.actFrom) continue;
    if (open !== null) {
      if (inRange >= input.recovery) {
        transitions.push({ kind: "resolve", alertId: open.id, bucket });
        open = null;
      }
    } else if (run !== null && run.length >= input.consecutive && bucket.value !== null) {
      transitions.push({
        kind: "raise",
        runStart: run.start,
        direction: run.status === "high" ? "up" : "down",
        bucket: { ...bucket, value: bucket.value },
      });
      open = { id: input.alertIdOf(run.start) };
    }
  }
  return transitions;
}

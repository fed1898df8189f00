/**
 * How far the live feed has read the event log, by `seq`, and which earlier seq values it still
 * waits for.
 *
 * On PostgreSQL a `seq` is taken when a row is inserted but becomes visible when its transaction
 * commits, so a reader can see seq 102 while 101 is still uncommitted. A reader that only kept
 * "the highest seq seen" would skip 101 for good. The position therefore remembers each hole it
 * jumped over as a gap and looks into the gaps again on the next reads until the hole fills or
 * `gapWaitMs` passes (a rolled-back transaction leaves a hole that never fills). On SQLite one
 * writer at a time commits in seq order; its holes come from rollbacks only.
 */

/** Seq values `from`..`to` (inclusive) not seen although a later one was, since `since` (ms). */
export interface SeqGap {
  from: number;
  to: number;
  since: number;
}

export interface LogPosition {
  /** The highest seq read. */
  cursor: number;
  /** Holes below the cursor still waited for, oldest first. */
  gaps: SeqGap[];
}

export interface GapLimits {
  /** How long a hole is waited for. */
  gapWaitMs: number;
  /** At most this many holes are remembered; the oldest go first. */
  maxGaps: number;
}

export function startPosition(cursor: number): LogPosition {
  return { cursor, gaps: [] };
}

/** Removes `seq` from the gaps, splitting the one that holds it. */
function fillGap(gaps: readonly SeqGap[], seq: number): SeqGap[] {
  const result: SeqGap[] = [];
  for (const gap of gaps) {
    if (seq < gap.from || seq > gap.to) {
      result.push(gap);
      continue;
    }
    if (gap.from < seq) result.push({ from: gap.from, to: seq - 1, since: gap.since });
    if (seq < gap.to) result.push({ from: seq + 1, to: gap.to, since: gap.since });
  }
  return result;
}

/**
 * The position after reading the events with these seq values, found past the cursor or in the
 * gaps: each hole jumped over becomes a gap seen at `now`, each seq found in a gap fills it.
 *
 * @example
 * notePositions({cursor: 10, gaps: []}, [11, 14], 5_000)
 * // → {cursor: 14, gaps: [{from: 12, to: 13, since: 5_000}]}
 */
export function notePositions(
  position: LogPosition,
  seqs: readonly number[],
  now: number,
): LogPosition {
  let { cursor, gaps } = position;
  for (const seq of [...seqs].sort((a, b) => a - b)) {
    if (seq > cursor) {
      if (seq > cursor + 1) gaps = [...gaps, { from: cursor + 1, to: seq - 1, since: now }];
      cursor = seq;
    } else {
      gaps = fillGap(gaps, seq);
    }
  }
  return { cursor, gaps };
}

/** Stops waiting for holes older than `gapWaitMs`, and for the oldest beyond `maxGaps`. */
export function expireGaps(position: LogPosition, now: number, limits: GapLimits): LogPosition {
  const waited = position.gaps.filter((gap) => now - gap.since < limits.gapWaitMs);
  return {
    cursor: position.cursor,
    gaps: waited.length > limits.maxGaps ? waited.slice(waited.length - limits.maxGaps) : waited,
  };
}

/**
 * A clock and an event list for one case. Time only moves forward, every event lands at least a
 * second after the previous one (so a case's events keep their order even for readers that sort
 * by `at` alone) unless recorded alongside it, and nothing is recorded at or after the end of the run: a case still in
 * progress then simply stops there, which is how the demo ends with a backlog.
 */
import type { EventBody, EventDraft } from "./event-draft.js";

const SECOND_MS = 1000;

export interface CaseTimeline {
  readonly nowMs: number;
  /** True once the clock has reached the end of the run; later steps are not recorded. */
  readonly pastEnd: boolean;
  readonly drafts: readonly EventDraft[];
  /** Moves the clock forward by `durationMs` (rounded to whole seconds). */
  wait(durationMs: number): void;
  /** Moves the clock to `atMs` if that is later than now. */
  waitUntil(atMs: number): void;
  record(body: EventBody): void;
  /**
   * Records an event at the instant of the one recorded last, as its immediate consequence
   * (routing right after the opening); nothing when that one was not recorded.
   */
  recordAlongside(body: EventBody): void;
}

export function startCaseTimeline(openedAtMs: number, endMs: number): CaseTimeline {
  let nowMs = openedAtMs;
  let lastRecordedMs = Number.NEGATIVE_INFINITY;
  const drafts: EventDraft[] = [];
  return {
    get nowMs() {
      return nowMs;
    },
    get pastEnd() {
      return nowMs >= endMs;
    },
    drafts,
    wait(durationMs) {
      nowMs += Math.max(0, Math.round(durationMs / SECOND_MS) * SECOND_MS);
    },
    waitUntil(atMs) {
      nowMs = Math.max(nowMs, atMs);
    },
    record(body) {
      if (nowMs <= lastRecordedMs) nowMs = lastRecordedMs + SECOND_MS;
      if (nowMs >= endMs) return;
      drafts.push({ atMs: nowMs, body });
      lastRecordedMs = nowMs;
    },
    recordAlongside(body) {
      if (lastRecordedMs === Number.NEGATIVE_INFINITY || lastRecordedMs >= endMs) return;
      drafts.push({ atMs: lastRecordedMs, body });
    },
  };
}

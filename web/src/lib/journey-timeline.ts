/**
 * Turns a customer's event log into the journey timeline: one group per case (plus one for
 * events that belong to no case, such as profile updates), each entry carrying the lag since
 * the event before it.
 */
import type { JourneyEvent } from "../api/types.ts";

export interface TimelineEntry {
  event: JourneyEvent;
  /** Milliseconds since the previous event, or null for the very first event of the journey. */
  lagMs: number | null;
  /**
   * What the lag is measured from: `group` the previous event of the same group, `journey` the
   * previous event of the whole timeline (for the first event of a group, showing how long the
   * customer went between cases).
   */
  lagFrom: "group" | "journey" | null;
}

export interface TimelineGroup {
  /** The case the events belong to; null for events outside any case. */
  caseId: string | null;
  entries: TimelineEntry[];
}

function timeOf(event: JourneyEvent): number {
  const time = Date.parse(event.at);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** Events in time order; the log's sequence number breaks ties between events at one instant. */
export function sortJourneyEvents(events: readonly JourneyEvent[]): JourneyEvent[] {
  return [...events].sort((a, b) => timeOf(a) - timeOf(b) || a.seq - b.seq);
}

function lagBetween(previous: JourneyEvent | undefined, next: JourneyEvent): number | null {
  if (previous === undefined) return null;
  const lag = timeOf(next) - timeOf(previous);
  return Number.isFinite(lag) ? lag : null;
}

/**
 * Groups a journey by case. Groups are ordered by their first event and entries by time, so
 * interleaved cases each read as one story. Example: events A1 (case A, 09:00), B1 (case B,
 * 10:00), A2 (case A, 12:00) give groups A [A1 (no lag), A2 (+3h, group)] and
 * B [B1 (+1h, journey)].
 */
export function groupJourneyByCase(events: readonly JourneyEvent[]): TimelineGroup[] {
  const groups = new Map<string | null, TimelineGroup>();
  let previousInJourney: JourneyEvent | undefined;
  for (const event of sortJourneyEvents(events)) {
    let group = groups.get(event.caseId);
    const previousInGroup = group?.entries.at(-1)?.event;
    const entry: TimelineEntry =
      previousInGroup === undefined
        ? {
            event,
            lagMs: lagBetween(previousInJourney, event),
            lagFrom: previousInJourney === undefined ? null : "journey",
          }
        : { event, lagMs: lagBetween(previousInGroup, event), lagFrom: "group" };
    if (group === undefined) {
      group = { caseId: event.caseId, entries: [] };
      groups.set(event.caseId, group);
    }
    group.entries.push(entry);
    previousInJourney = event;
  }
  return [...groups.values()];
}

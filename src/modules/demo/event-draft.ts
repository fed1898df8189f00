/**
 * Events as the simulator builds them: a millisecond timestamp to sort on and the event's fields
 * without `id` and `at`, which are stamped once every producer has run and the log is in order.
 */
import type { ThroughlineEvent } from "../events/event.types.js";

/** An event's own fields: everything but `id`, `at` and the open-ended extras. */
type WithoutStamp<Event> = Event extends unknown
  ? {
      [Key in keyof Event as Key extends "id" | "at"
        ? never
        : string extends Key
          ? never
          : Key]: Event[Key];
    }
  : never;

export type EventBody = WithoutStamp<ThroughlineEvent>;

export interface EventDraft {
  atMs: number;
  body: EventBody;
}

/**
 * Orders drafts by time and stamps them. The sort is stable, so events of one case that share a
 * second keep the order in which their case produced them.
 */
export function stampEvents(drafts: readonly EventDraft[], seed: number): ThroughlineEvent[] {
  const ordered = [...drafts].sort((left, right) => left.atMs - right.atMs);
  // Assigning onto a head that already holds `id`, `type` and `at` keeps those three first on
  // every NDJSON line.
  return ordered.map(
    (draft, index) =>
      Object.assign(
        {
          id: `demo-${seed}-${index + 1}`,
          type: draft.body.type,
          at: new Date(draft.atMs).toISOString(),
        },
        draft.body,
      ) as ThroughlineEvent,
  );
}

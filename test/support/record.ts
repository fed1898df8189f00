import type { Kysely } from "kysely";
import type { DB } from "../../src/db/schema.js";
import type { ThroughlineEvent } from "../../src/modules/events/event.types.js";
import { type RecordReport, recordEvents } from "../../src/modules/events/event-recorder.js";
import { checkEvent } from "../../src/modules/events/event-validation.js";

/**
 * Records events as the importer would (checked first, missing teams, agents and customers
 * created unless told otherwise); a test event that fails the check is a bug in the test.
 */
export function recordChecked(
  db: Kysely<DB>,
  events: readonly (ThroughlineEvent | Record<string, unknown>)[],
  options: { createMissing?: boolean } = {},
): Promise<RecordReport> {
  const pending = events.map((event) => {
    const checked = checkEvent(event as ThroughlineEvent);
    if (!checked.ok) throw new Error(`bad test event: ${JSON.stringify(checked.problem)}`);
    return { event: checked.event, atMs: checked.atMs };
  });
  return recordEvents(db, pending, { createMissing: options.createMissing ?? true });
}

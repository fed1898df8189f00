import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { findLatestSettings } from "../settings/settings.repository.js";
import { type BusinessCalendar, parseCalendar } from "../sla/calendar.js";

/**
 * The business calendars in force (the `calendars` settings document), by id. Read straight from
 * the stored document so escalation needs nothing of the SLA service; an entry that does not
 * parse (the document is validated when saved, so only an older format could) is left out.
 */
export async function loadBusinessCalendars(
  db: Kysely<DB>,
): Promise<Map<string, BusinessCalendar>> {
  const saved = await findLatestSettings<{ calendars?: unknown[] }>(db, "calendars");
  const calendars = new Map<string, BusinessCalendar>();
  for (const entry of saved?.body.calendars ?? []) {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id !== "string") continue;
    const parsed = parseCalendar(entry);
    if (parsed.ok) calendars.set(id, parsed.calendar);
  }
  return calendars;
}

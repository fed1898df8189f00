import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { SeqGap } from "./log-position.js";

/** An event as the live feed reads it: its data only for the types the feed forwards. */
export interface LoggedEvent {
  seq: number;
  type: string;
  caseId: string | null;
  /** The stored JSON text, for forwarded types; null for the others. */
  data: string | null;
}

interface LoggedEventRow {
  seq: number;
  type: string;
  case_id: string | null;
  data: string | null;
}

function toLoggedEvent(row: LoggedEventRow): LoggedEvent {
  return { seq: Number(row.seq), type: row.type, caseId: row.case_id, data: row.data };
}

/** The highest `seq` in the log, 0 when it is empty. */
export async function readLastEventSeq(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? 0 : Number(row.seq);
}

function selectLogged(db: Kysely<DB>, forwardedTypes: readonly string[]) {
  return db.selectFrom("events").select((eb) => [
    "seq",
    "type",
    "case_id",
    // The payload of a bulk import is not read: only forwarded events need theirs.
    forwardedTypes.length === 0
      ? eb.val<string | null>(null).as("data")
      : eb
          .case()
          .when("type", "in", [...forwardedTypes])
          .then(eb.ref("data"))
          .else(null)
          .end()
          .as("data"),
  ]);
}

/** Events recorded after `after` (by seq), oldest first, at most `limit`. */
export async function listEventsAfterSeq(
  db: Kysely<DB>,
  range: { after: number; limit: number; forwardedTypes: readonly string[] },
): Promise<LoggedEvent[]> {
  const rows = await selectLogged(db, range.forwardedTypes)
    .where("seq", ">", range.after)
    .orderBy("seq")
    .limit(range.limit)
    .execute();
  return rows.map(toLoggedEvent);
}

/** Events whose seq lies in one of the gaps (holes that may have been filled since). */
export async function listEventsInGaps(
  db: Kysely<DB>,
  range: { gaps: readonly SeqGap[]; limit: number; forwardedTypes: readonly string[] },
): Promise<LoggedEvent[]> {
  if (range.gaps.length === 0) return [];
  const rows = await selectLogged(db, range.forwardedTypes)
    .where((eb) => eb.or(range.gaps.map((gap) => eb.between("seq", gap.from, gap.to))))
    .orderBy("seq")
    .limit(range.limit)
    .execute();
  return rows.map(toLoggedEvent);
}

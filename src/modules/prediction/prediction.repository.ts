import type { Kysely } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import type { DB } from "../../db/schema.js";
import { WAITING_CASE_STATUSES } from "../queues/queue.js";
import { DEFAULT_AHT_MINUTES, type TeamHandling } from "./breach-prediction.js";

/** Teams with at least one case waiting in the queue for its first response. */
export async function listTeamsWithWaitingCases(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom("cases")
    .select("team_id")
    .distinct()
    .where("status", "in", [...WAITING_CASE_STATUSES])
    .where("agent_id", "is", null)
    .where("first_response_at", "is", null)
    .orderBy("team_id")
    .execute();
  return rows.map((row) => row.team_id);
}

/**
 * The team's recent handling time: the mean worked minutes of its cases first resolved since
 * `since` that have worked time recorded; the default when it resolved none.
 */
export async function measureTeamHandling(
  db: Kysely<DB>,
  teamId: string,
  since: number,
): Promise<TeamHandling> {
  const row = await db
    .selectFrom("cases")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("cases"),
      eb.fn.sum<number | string | null>("worked_seconds").as("seconds"),
    ])
    .where("team_id", "=", teamId)
    .where("first_resolved_at", ">=", since)
    .where("worked_seconds", ">", 0)
    .executeTakeFirst();
  const cases = Number(row?.cases ?? 0);
  if (cases === 0) return { ahtMinutes: DEFAULT_AHT_MINUTES, sampleCases: 0 };
  return { ahtMinutes: Number(row?.seconds ?? 0) / cases / 60, sampleCases: cases };
}

/** Which of these prediction event ids are in the log already, with when they were recorded. */
export async function findPredictionEventIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of inChunks(ids, IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("events")
      .select(["id", "at"])
      .where("id", "in", chunk)
      .execute();
    for (const row of rows) found.set(row.id, Number(row.at));
  }
  return found;
}

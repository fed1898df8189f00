import type { Kysely } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import type { DB } from "../../db/schema.js";

/**
 * Gives the case to the agent if, and only if, nobody has it and it is still waiting: one
 * conditional UPDATE, so of two transactions racing for a case (in two servers), exactly one
 * changes the row. On PostgreSQL the loser's UPDATE waits for the winner's commit, re-reads the
 * row and matches nothing; SQLite lets one writer in at a time. Returns whether it was given.
 */
export async function claimCase(
  db: Kysely<DB>,
  caseId: string,
  agentId: string,
  waitingStatuses: readonly string[],
): Promise<boolean> {
  const result = await db
    .updateTable("cases")
    .set({ agent_id: agentId })
    .where("id", "=", caseId)
    .where("agent_id", "is", null)
    .where("status", "in", waitingStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Each agent's latest `case.assigned` at or after `since` (the round-robin only needs recent
 * history, and the bound keeps the look-up to the recent end of the log). Agents without one
 * in the window are absent.
 */
export async function findLastAssignedAt(
  db: Kysely<DB>,
  agentIds: readonly string[],
  since: number,
): Promise<Map<string, number>> {
  const last = new Map<string, number>();
  for (const chunk of inChunks([...new Set(agentIds)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("events")
      .select(["agent_id", (eb) => eb.fn.max("at").as("last")])
      .where("type", "=", "case.assigned")
      .where("at", ">=", since)
      .where("agent_id", "in", chunk)
      .groupBy("agent_id")
      .execute();
    for (const row of rows) {
      if (row.agent_id !== null) last.set(row.agent_id, Number(row.last));
    }
  }
  return last;
}

import type { Kysely } from "kysely";
import type { Scope } from "../../access/access.js";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import type { DB } from "../../db/schema.js";
import { LOAD_CASE_STATUSES } from "../assignment/agent-availability.js";
import type { Case } from "../cases/case.js";
import { caseInScope, toCase } from "../cases/case.repository.js";
import { WAITING_CASE_STATUSES } from "./queue.js";

/**
 * The team's waiting cases (and with `includeAssigned` those being worked in a waiting status),
 * of one named queue when `queue` is given (null: the team's main queue). One query, on the
 * cases(team_id, status, agent_id) index.
 */
export async function listQueueCases(
  db: Kysely<DB>,
  filter: { teamId: string; queue?: string | null; includeAssigned?: boolean },
): Promise<Case[]> {
  let query = db
    .selectFrom("cases")
    .selectAll()
    .where("team_id", "=", filter.teamId)
    .where("status", "in", WAITING_CASE_STATUSES);
  if (!filter.includeAssigned) query = query.where("agent_id", "is", null);
  if (filter.queue === null) query = query.where("queue", "is", null);
  else if (filter.queue !== undefined) query = query.where("queue", "=", filter.queue);
  const rows = await query.execute();
  return rows.map(toCase);
}

/** Tier and region of each customer named. */
export async function findCustomerFacts(
  db: Kysely<DB>,
  customerIds: readonly string[],
): Promise<Map<string, { tier: string; region: string }>> {
  const facts = new Map<string, { tier: string; region: string }>();
  for (const chunk of inChunks([...new Set(customerIds)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("customers")
      .select(["id", "tier", "region"])
      .where("id", "in", chunk)
      .execute();
    for (const row of rows) facts.set(row.id, { tier: row.tier, region: row.region });
  }
  return facts;
}

export interface TeamQueueCounts {
  teamId: string;
  /** Cases in a waiting status that nobody has. */
  waiting: number;
  /** Open cases (not resolved or closed) that an agent has. */
  assigned: number;
  /** When the longest-waiting case was opened; null when nothing waits. */
  oldestWaitingSince: number | null;
}

/** Per team, the cases waiting and being worked, counting only cases inside `scope`. */
export async function countQueueCases(db: Kysely<DB>, scope: Scope): Promise<TeamQueueCounts[]> {
  let query = db
    .selectFrom("cases")
    .select((eb) => {
      const waiting = eb.and([
        eb("agent_id", "is", null),
        eb("status", "in", WAITING_CASE_STATUSES),
      ]);
      return [
        "team_id",
        eb.fn.sum<number>(eb.case().when(waiting).then(1).else(0).end()).as("waiting"),
        eb.fn
          .sum<number>(eb.case().when("agent_id", "is not", null).then(1).else(0).end())
          .as("assigned"),
        eb.fn
          .min<number | null>(eb.case().when(waiting).then(eb.ref("opened_at")).end())
          .as("oldest"),
      ];
    })
    .where("status", "in", LOAD_CASE_STATUSES);
  if (!scope.all) query = query.where(caseInScope(scope));
  const rows = await query.groupBy("team_id").execute();
  return rows.map((row) => ({
    teamId: row.team_id,
    waiting: Number(row.waiting),
    assigned: Number(row.assigned),
    oldestWaitingSince: row.oldest === null ? null : Number(row.oldest),
  }));
}

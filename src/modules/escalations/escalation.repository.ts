import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { SlaClockKind } from "../events/event.types.js";
import { withSlaTables } from "../sla/sla.table.js";

/** An SLA clock whose at-risk or breach event was recorded, with what escalation needs of its case. */
export interface ClockToEscalate {
  caseId: string;
  clock: SlaClockKind;
  /** The SLA policy (or internal SLA) of the clock. */
  slaPolicyId: string;
  /** Internal clocks: the receiving team. */
  teamId: string | null;
  startedAt: number;
  dueAt: number;
  atRiskAt: number;
  stoppedAt: number | null;
  state: string;
  atRiskFiredAt: number | null;
  breachedFiredAt: number | null;
  caseTeamId: string;
  priority: string;
  tier: string;
  region: string;
}

/** States of a clock that has not stopped (a breached clock may still be running). */
const UNSTOPPED_STATES = ["running", "paused", "breached"];

/**
 * One page (keyset on case and clock) of the clocks escalation must look at: those whose
 * at-risk or breach event fired and that either have not stopped or changed since `since` (a
 * clock that stopped while the job was not running may still owe a step due before the stop).
 */
export async function listClocksToEscalate(
  db: Kysely<DB>,
  page: { since: number; after?: { caseId: string; clock: string }; limit: number },
): Promise<ClockToEscalate[]> {
  let query = withSlaTables(db)
    .selectFrom("sla_clocks")
    .innerJoin("cases", "cases.id", "sla_clocks.case_id")
    .innerJoin("customers", "customers.id", "cases.customer_id")
    .select([
      "sla_clocks.case_id",
      "sla_clocks.clock",
      "sla_clocks.policy_id",
      "sla_clocks.team_id",
      "sla_clocks.started_at",
      "sla_clocks.due_at",
      "sla_clocks.at_risk_at",
      "sla_clocks.stopped_at",
      "sla_clocks.state",
      "sla_clocks.at_risk_fired_at",
      "sla_clocks.breached_fired_at",
      "cases.team_id as case_team_id",
      "cases.priority",
      "customers.tier",
      "customers.region",
    ])
    .where((eb) =>
      eb.and([
        eb.or([
          eb("sla_clocks.at_risk_fired_at", "is not", null),
          eb("sla_clocks.breached_fired_at", "is not", null),
        ]),
        eb.or([
          eb.and([
            eb("sla_clocks.state", "in", UNSTOPPED_STATES),
            eb("sla_clocks.stopped_at", "is", null),
          ]),
          eb("sla_clocks.updated_at", ">=", page.since),
        ]),
      ]),
    );
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("sla_clocks.case_id", ">", after.caseId),
        eb.and([
          eb("sla_clocks.case_id", "=", after.caseId),
          eb("sla_clocks.clock", ">", after.clock),
        ]),
      ]),
    );
  }
  const rows = await query
    .orderBy("sla_clocks.case_id")
    .orderBy("sla_clocks.clock")
    .limit(page.limit)
    .execute();
  return rows.map((row) => ({
    caseId: row.case_id,
    clock: row.clock as SlaClockKind,
    slaPolicyId: row.policy_id,
    teamId: row.team_id,
    startedAt: Number(row.started_at),
    dueAt: Number(row.due_at),
    atRiskAt: Number(row.at_risk_at),
    stoppedAt: row.stopped_at === null ? null : Number(row.stopped_at),
    state: row.state,
    atRiskFiredAt: row.at_risk_fired_at === null ? null : Number(row.at_risk_fired_at),
    breachedFiredAt: row.breached_fired_at === null ? null : Number(row.breached_fired_at),
    caseTeamId: row.case_team_id,
    priority: row.priority,
    tier: row.tier,
    region: row.region,
  }));
}

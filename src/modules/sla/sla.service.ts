import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { requireCase } from "../cases/case.service.js";
import type { SlaClockKind } from "../events/event.types.js";
import { listSlaClocksOfCases } from "./sla.repository.js";
import {
  currentClockState,
  type SlaClockState,
  type StoredSlaClock,
  summaryClock,
} from "./sla-clocks.js";
import { loadSlaSettings } from "./sla-settings.service.js";

export interface CaseSla {
  policy: { id: string; name: string } | null;
  /** Each clock with its state at `now`. */
  clocks: StoredSlaClock[];
}

/** The case's SLA policy and clocks; a case outside the actor's scope is not found. */
export async function getCaseSla(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: number,
): Promise<CaseSla> {
  await requireCase(db, caseId, requirePermission(actor, "case:read"));
  const [clocks, settings] = await Promise.all([
    listSlaClocksOfCases(db, [caseId]),
    loadSlaSettings(db),
  ]);
  const policyId = clocks.find((clock) => clock.clock !== "internal")?.policyId;
  const policy =
    policyId === undefined
      ? null
      : {
          id: policyId,
          name: settings.policies.find((candidate) => candidate.id === policyId)?.name ?? policyId,
        };
  return {
    policy,
    clocks: clocks.map((clock) => ({ ...clock, state: currentClockState(clock, now) })),
  };
}

export interface CaseSlaSummary {
  clock: SlaClockKind;
  dueAt: number;
  atRiskAt: number;
  state: SlaClockState;
}

/**
 * The queue badge of each case: its running or paused clock with the earliest due time, with
 * its state at `now`; cases without one are absent. One query for the whole page.
 */
export async function findSlaSummaries(
  db: Kysely<DB>,
  caseIds: readonly string[],
  now: number,
): Promise<Map<string, CaseSlaSummary>> {
  const byCase = new Map<string, StoredSlaClock[]>();
  for (const clock of await listSlaClocksOfCases(db, caseIds, { runningOnly: true })) {
    const list = byCase.get(clock.caseId);
    if (list) list.push(clock);
    else byCase.set(clock.caseId, [clock]);
  }
  const summaries = new Map<string, CaseSlaSummary>();
  for (const [caseId, clocks] of byCase) {
    const clock = summaryClock(clocks);
    if (clock === undefined) continue;
    summaries.set(caseId, {
      clock: clock.clock,
      dueAt: clock.dueAt,
      atRiskAt: clock.atRiskAt,
      state: currentClockState(clock, now),
    });
  }
  return summaries;
}

import type { Kysely } from "kysely";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { toIso } from "../../http/common.schemas.js";
import { appendAuditBatch } from "../audit/audit.service.js";
import type { SlaAtRisk, SlaBreached } from "../events/event.types.js";
import { AUDIT_ACTIONS } from "../events/event-audit.js";
import { type PendingEvent, recordEvents } from "../events/event-recorder.js";
import {
  type DueThreshold,
  findDueSlaThresholds,
  markSlaThresholdsFired,
} from "./sla.repository.js";

/** Thresholds fired per transaction: a catch-up after long downtime commits in steps. */
const THRESHOLDS_PER_BATCH = 500;

/**
 * The id of a threshold's event: the same for every process and retry, so the log's unique ids
 * make a second recording of one threshold impossible.
 */
export function slaEventId(threshold: DueThreshold): string {
  const { clock } = threshold;
  return `sla:${clock.caseId}:${clock.clock}:${clock.startedAt}:${threshold.threshold}`;
}

function toEvent(threshold: DueThreshold): SlaAtRisk | SlaBreached {
  const { clock } = threshold;
  return {
    id: slaEventId(threshold),
    type: threshold.threshold === "at_risk" ? "sla.at_risk" : "sla.breached",
    at: toIso(threshold.at),
    case: clock.caseId,
    clock: clock.clock,
    policy: clock.policyId,
    dueAt: toIso(clock.dueAt),
    ...(clock.teamId === null ? {} : { team: clock.teamId }),
  };
}

export interface FireReport {
  /** Events recorded by this call. */
  fired: number;
  /** Thresholds whose event was already in the log (recorded by another process or a retry). */
  alreadyRecorded: number;
}

/**
 * Records `sla.at_risk` and `sla.breached` for every threshold crossed by `now` while its clock
 * ran and not yet fired, dated at the instant it was crossed, and marks it fired in the same
 * transaction; after downtime this catches up on every missed threshold, each once. Audited as
 * the scheduler.
 */
export async function fireDueSlaEvents(db: Kysely<DB>, now: number): Promise<FireReport> {
  const report: FireReport = { fired: 0, alreadyRecorded: 0 };
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const due = await findDueSlaThresholds(trx, now, THRESHOLDS_PER_BATCH);
      if (due.length === 0) return 0;
      const pending: PendingEvent[] = due.map((threshold) => ({
        event: toEvent(threshold),
        atMs: threshold.at,
      }));
      const recorded = await recordEvents(trx, pending, { createMissing: false });
      const recordedIds = new Set(recorded.recordedIds);
      await markSlaThresholdsFired(trx, due, now);
      await appendAuditBatch(
        trx,
        due
          .filter((threshold) => recordedIds.has(slaEventId(threshold)))
          .map((threshold) => ({
            actor: SYSTEM_ACTORS.scheduler,
            action:
              AUDIT_ACTIONS[threshold.threshold === "at_risk" ? "sla.at_risk" : "sla.breached"],
            targetKind: "case",
            targetId: threshold.clock.caseId,
            after: toEvent(threshold),
            at: now,
          })),
      );
      report.fired += recordedIds.size;
      report.alreadyRecorded += due.length - recordedIds.size;
      return due.length;
    });
    if (batch < THRESHOLDS_PER_BATCH) break;
  }
  return report;
}

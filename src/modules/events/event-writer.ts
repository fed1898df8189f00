import type { Kysely } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { appendAudit } from "../audit/audit.service.js";
import { enforceHandoff } from "../handoffs/handoff-rules.service.js";
import { enforceIntake } from "../intake/intake.service.js";
import { enforceTaxonomy } from "../taxonomy/taxonomy.service.js";
import type { ThroughlineEvent } from "./event.types.js";
import { checkEventAccess } from "./event-access.js";
import { AUDIT_ACTIONS, auditTargetOf, loadAuditState } from "./event-audit.js";
import { recordEvents } from "./event-recorder.js";
import { checkEvent } from "./event-validation.js";

/**
 * Records one event built by a service from an API request: validated against the vocabulary,
 * checked against the actor's permissions and scope, references required to exist (the API
 * never invents teams or customers), and audited with the changed record before and after, all
 * in one transaction. Problems are reported against the request body's field of the same name.
 */
export async function writeEvent(
  db: Kysely<DB>,
  actor: Actor,
  event: ThroughlineEvent,
): Promise<string> {
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => writeEvent(trx, actor, event));
  }
  const checked = checkEvent(event);
  if (!checked.ok) {
    throw new AppError("request.invalid", {
      message: `${checked.problem.field ?? "body"} ${checked.problem.reason}`,
      field: `body.${checked.problem.field ?? ""}`.replace(/\.$/, ""),
    });
  }
  await checkEventAccess(db, actor, checked.event);
  // Intake rules guard new cases made through the API (POST /cases, POST /events). NDJSON
  // imports do not come through here on purpose: they are history, recorded as it happened.
  if (checked.event.type === "case.opened") {
    await enforceIntake(db, checked.event as unknown as Record<string, unknown>);
  }
  // Likewise the taxonomy (categories, root causes) and the handoff types with their checklists.
  await enforceTaxonomy(db, checked.event);
  await enforceHandoff(db, checked.event);
  const target = auditTargetOf(checked.event);
  const before = await loadAuditState(db, target);
  try {
    const report = await recordEvents(db, [{ event: checked.event, atMs: checked.atMs }], {
      createMissing: false,
    });
    const id = report.recordedIds[0];
    if (id === undefined) {
      throw new AppError("event.duplicate_id", {
        message: `event "${event.id}" is already in the log`,
        field: "body.id",
      });
    }
    await appendAudit(db, {
      actor,
      action: AUDIT_ACTIONS[checked.event.type],
      targetKind: target.kind,
      targetId: target.id,
      before,
      after: await loadAuditState(db, target),
    });
    return id;
  } catch (error) {
    if (error instanceof AppError && error.field !== undefined && !error.field.startsWith("body")) {
      throw new AppError(error.code, { message: error.message, field: `body.${error.field}` });
    }
    throw error;
  }
}

import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { type CaseDetail, loadCaseDetail, requireCase } from "../cases/case.service.js";
import { writeEvent } from "../events/event-writer.js";
import type { HandOffCaseBody } from "./handoff.schemas.js";

/** The request body's name for an event field (`handoffType` is `type` in the body). */
function toBodyField(field: string): string {
  return field === "body.handoffType" ? "body.type" : field;
}

/** Hands a case to another team now: a `case.handoff` event from the team it is with. */
export async function handOffCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  body: HandOffCaseBody,
  now: Date,
): Promise<CaseDetail> {
  const scope = requirePermission(actor, "case:write");
  try {
    return await db.transaction().execute(async (trx) => {
      const current = await requireCase(trx, caseId, scope);
      await writeEvent(trx, actor, {
        type: "case.handoff",
        at: now.toISOString(),
        case: caseId,
        from: current.teamId,
        to: body.to,
        ...(body.type === undefined ? {} : { handoffType: body.type }),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
        ...(body.checklist === undefined ? {} : { checklist: body.checklist }),
      });
      return loadCaseDetail(
        trx,
        await requireCase(trx, caseId),
        requirePermission(actor, "case:read"),
        now.getTime(),
      );
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.field === undefined) throw error;
    throw new AppError(error.code, {
      message: error.message,
      field: toBodyField(error.field),
      ...(error.errors === undefined
        ? {}
        : {
            errors: error.errors.map((problem) => ({
              field: toBodyField(problem.field),
              reason: problem.reason,
            })),
          }),
    });
  }
}

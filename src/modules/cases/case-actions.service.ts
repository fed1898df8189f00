import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import {
  type CaseLinkKind,
  PRIORITIES,
  type Priority,
  type SettableCaseStatus,
  type ThroughlineEvent,
} from "../events/event.types.js";
import { writeEvent } from "../events/event-writer.js";
import { decideRouting } from "../routing/routing.service.js";
import { loadRoutingRules } from "../routing/routing-rules.service.js";
import type { Case } from "./case.js";
import { findOpeningEvent } from "./case.repository.js";
import { type CaseDetail, loadCaseDetail, requireCase, routedEvent } from "./case.service.js";
import { listLinksOfCase } from "./case-link.repository.js";

/**
 * What people do to a case through the API besides opening it: move it through the lifecycle,
 * link it to another case, merge another case into it. Each is an event written through
 * `writeEvent` (checked, recorded, audited) in one transaction, and answers the case as it is
 * afterwards. The lifecycle refuses what its state does not allow (409 naming the state).
 */

/** Records events on a case the actor may change, and returns the case afterwards. */
async function actOnCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: Date,
  build: (current: Case, trx: Kysely<DB>) => Promise<ThroughlineEvent[]> | ThroughlineEvent[],
): Promise<CaseDetail> {
  const scope = requirePermission(actor, "case:write");
  return db.transaction().execute(async (trx) => {
    const current = await requireCase(trx, caseId, scope);
    for (const event of await build(current, trx)) await writeEvent(trx, actor, event);
    const readScope = requirePermission(actor, "case:read");
    return loadCaseDetail(trx, await requireCase(trx, caseId), readScope, now.getTime());
  });
}

/** The case and time fields of an event happening to `caseId` now. */
function happening(caseId: string, now: Date): { at: string; case: string } {
  return { at: now.toISOString(), case: caseId };
}

export function setCaseStatus(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  status: SettableCaseStatus,
  now: Date,
): Promise<CaseDetail> {
  return actOnCase(db, actor, caseId, now, () => [
    { ...happening(caseId, now), type: "case.status", status },
  ]);
}

export function resolveCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  body: { rootCause?: string },
  now: Date,
): Promise<CaseDetail> {
  return actOnCase(db, actor, caseId, now, () => [
    {
      ...happening(caseId, now),
      type: "case.resolved",
      ...(body.rootCause === undefined ? {} : { rootCause: body.rootCause }),
    },
  ]);
}

export function reopenCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<CaseDetail> {
  return actOnCase(db, actor, caseId, now, () => [
    { ...happening(caseId, now), type: "case.reopened" },
  ]);
}

export function closeCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  body: { reason?: string },
  now: Date,
): Promise<CaseDetail> {
  return actOnCase(db, actor, caseId, now, () => [
    {
      ...happening(caseId, now),
      type: "case.closed",
      ...(body.reason === undefined ? {} : { reason: body.reason }),
    },
  ]);
}

/**
 * Links a case to another one it may see: `caseId` is `kind` of `target`. A case is not linked
 * to itself, nor twice the same way to the same case (400 naming `body.target`).
 */
export function linkCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  body: { kind: CaseLinkKind; target: string },
  now: Date,
): Promise<CaseDetail> {
  const scope = requirePermission(actor, "case:write");
  return actOnCase(db, actor, caseId, now, async (_current, trx) => {
    if (body.target === caseId) {
      throw new AppError("request.invalid", {
        message: "a case cannot be linked to itself",
        field: "body.target",
      });
    }
    await requireCase(trx, body.target, scope).catch((error: unknown) => {
      throw withField(error, "body.target");
    });
    const { outgoing } = await listLinksOfCase(trx, caseId, { all: true });
    if (outgoing.some((link) => link.kind === body.kind && link.targetId === body.target)) {
      throw new AppError("request.invalid", {
        message: `case "${caseId}" is ${body.kind} "${body.target}" already`,
        field: "body.target",
      });
    }
    return [
      { ...happening(caseId, now), type: "case.linked", kind: body.kind, target: body.target },
    ];
  });
}

/**
 * Merges case `merged` into `survivorId`: the survivor records `case.merged`, the merged case
 * `case.merged_into` (which closes it), in one transaction. Both histories stay; the survivor's
 * events include the merged case's from then on. Refused (400) for a case merged into itself, a
 * survivor or merged case that is closed (or merged already), or cases of different customers.
 */
export function mergeCases(
  db: Kysely<DB>,
  actor: Actor,
  survivorId: string,
  body: { merged: string },
  now: Date,
): Promise<CaseDetail> {
  const scope = requirePermission(actor, "case:write");
  return actOnCase(db, actor, survivorId, now, async (survivor, trx) => {
    if (body.merged === survivorId) {
      throw new AppError("request.invalid", {
        message: "a case cannot be merged into itself",
        field: "body.merged",
      });
    }
    if (survivor.status === "closed") {
      throw new AppError("request.invalid", {
        message: `case "${survivorId}" is closed: a case can only be merged into an open one`,
        field: "params.id",
      });
    }
    const merged = await requireCase(trx, body.merged, scope).catch((error: unknown) => {
      throw withField(error, "body.merged");
    });
    if (merged.status === "closed") {
      throw new AppError("request.invalid", {
        message: `case "${merged.id}" is closed already (closed or merged): only a case still open can be merged`,
        field: "body.merged",
      });
    }
    if (merged.customerId !== survivor.customerId) {
      throw new AppError("request.invalid", {
        message: `case "${merged.id}" is of another customer than case "${survivorId}"`,
        field: "body.merged",
      });
    }
    return [
      { ...happening(survivorId, now), type: "case.merged", merged: merged.id },
      { ...happening(merged.id, now), type: "case.merged_into", into: survivorId },
    ];
  });
}

/**
 * Corrects the case's category (`case.recategorised`, checked against the taxonomy) and, when
 * routing rules are enabled, routes it again under the new category: a `case.routed` event when
 * that changes where it goes or what it needs. A re-categorisation is a misclassification signal
 * (GET /api/v1/routing/misclassification).
 */
export function recategoriseCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  body: { category: string },
  now: Date,
): Promise<CaseDetail> {
  return actOnCase(db, actor, caseId, now, async (current, trx) => {
    if (body.category === current.category) {
      throw new AppError("request.invalid", {
        message: `case "${caseId}" is in ${body.category} already`,
        field: "body.category",
      });
    }
    const recategorised: ThroughlineEvent = {
      ...happening(caseId, now),
      type: "case.recategorised",
      category: body.category,
      previous: current.category,
    };
    const rerouted = await rerouteEvent(trx, { ...current, category: body.category }, now);
    return rerouted ? [recategorised, rerouted] : [recategorised];
  });
}

/**
 * Runs the routing rules in force on the case again (after its customer or the rules changed):
 * a `case.routed` event when the decision differs from where the case is; 400 when routing is
 * off.
 */
export function rerouteCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<CaseDetail> {
  return actOnCase(db, actor, caseId, now, async (current, trx) => {
    if (!(await loadRoutingRules(trx)).document.enabled) {
      throw new AppError("request.invalid", {
        message: "routing rules are disabled (GET /api/v1/routing/rules): nothing to route by",
        field: "params.id",
      });
    }
    const rerouted = await rerouteEvent(trx, current, now);
    return rerouted ? [rerouted] : [];
  });
}

/** The `case.routed` event for `item` as it now is, or null when nothing would change. */
async function rerouteEvent(
  trx: Kysely<DB>,
  item: Case,
  now: Date,
): Promise<ThroughlineEvent | null> {
  if (item.status === "resolved" || item.status === "closed") return null;
  const opening = await findOpeningEvent(trx, item.id);
  const routing = await decideRouting(
    trx,
    {
      caseId: item.id,
      customerId: item.customerId,
      channel: item.channel,
      category: item.category,
      // The priority the case was opened with: routing raises from it, and the current one may
      // carry an earlier routing's raise, which a second pass would raise again.
      priority: isPriority(opening?.priority) ? opening.priority : item.priority,
      team: item.teamId,
      subject: item.subject,
      body: typeof opening?.body === "string" ? opening.body : null,
      tags: item.tags,
    },
    now.getTime(),
  );
  if (!routing) return null;
  const { decision } = routing;
  const unchanged =
    decision.team === item.teamId &&
    decision.queue === item.queue &&
    decision.priority === item.priority &&
    decision.tags.every((tag) => item.tags.includes(tag)) &&
    JSON.stringify(decision.skills) === JSON.stringify(item.requiredSkills);
  if (unchanged) return null;
  return routedEvent(item.id, now.toISOString(), decision, routing.version);
}

function isPriority(value: unknown): value is Priority {
  return typeof value === "string" && (PRIORITIES as readonly string[]).includes(value);
}

function withField(error: unknown, field: string): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, { message: error.message, field });
}

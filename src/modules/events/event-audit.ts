import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { getAgent } from "../agents/agent.repository.js";
import { getCase } from "../cases/case.repository.js";
import { getCustomer } from "../customers/customer.repository.js";
import { getTeam } from "../teams/team.repository.js";
import type { EventType, ThroughlineEvent } from "./event.types.js";

/** The audit action recorded for a write made through each event type. */
export const AUDIT_ACTIONS: Record<EventType, string> = {
  "team.upserted": "team.upsert",
  "agent.upserted": "agent.upsert",
  "customer.upserted": "customer.upsert",
  "case.opened": "case.create",
  "case.assigned": "case.assign",
  "case.replied": "case.reply",
  "case.handoff": "case.handoff",
  "case.status": "case.status",
  "case.escalated": "case.escalate",
  "case.worked": "case.work",
  "case.resolved": "case.resolve",
  "case.reopened": "case.reopen",
  "case.closed": "case.close",
  "survey.answered": "survey.answer",
  "case.linked": "case.link",
  "case.merged": "case.merge",
  "case.merged_into": "case.merge_into",
  "sla.at_risk": "sla.at_risk",
  "sla.breached": "sla.breach",
  "agent.presence": "agent.presence",
  "case.routed": "case.route",
  "case.recategorised": "case.recategorise",
  "sla.breach_predicted": "sla.breach_predicted",
  "alert.raised": "alert.raise",
  "alert.resolved": "alert.resolve",
};

export interface AuditTarget {
  kind: "team" | "agent" | "customer" | "case";
  id: string;
}

/** The record an event changes: what the audit trail shows before and after. */
export function auditTargetOf(event: ThroughlineEvent): AuditTarget {
  switch (event.type) {
    case "team.upserted":
      return { kind: "team", id: event.team };
    case "agent.upserted":
    case "agent.presence":
      return { kind: "agent", id: event.agent };
    case "customer.upserted":
      return { kind: "customer", id: event.customer };
    case "alert.raised":
    case "alert.resolved":
      // Recorded by the alerts job, never through the audited API (checkEventAccess refuses them).
      throw new AppError("access.forbidden", {
        message: `${event.type} events are recorded by the alerts job only`,
        field: "body.type",
      });
    default:
      return { kind: "case", id: event.case };
  }
}

/** The current state of an audit target, or null when it does not exist (yet). */
export async function loadAuditState(db: Kysely<DB>, target: AuditTarget): Promise<unknown> {
  const loaders = { team: getTeam, agent: getAgent, customer: getCustomer, case: getCase };
  return (await loaders[target.kind](db, target.id)) ?? null;
}

import type { Kysely } from "kysely";
import { requirePermission, scopeCovers, scopeOf } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { getAgent } from "../agents/agent.repository.js";
import { getCase } from "../cases/case.repository.js";
import { getCustomer } from "../customers/customer.repository.js";
import { getUser } from "../users/user.repository.js";
import type { ThroughlineEvent } from "./event.types.js";

function outsideScope(field: string): AppError {
  return new AppError("access.forbidden", {
    message: `${field} lies outside the teams or regions you may change`,
    field,
  });
}

/**
 * Whether the actor may record this event: the permission its type needs (describing a team
 * needs team:write, not just event:write, so the generic endpoint is no side door), inside the
 * actor's scope. A case or customer outside what the actor may see answers 404, as if absent.
 */
export async function checkEventAccess(
  db: Kysely<DB>,
  actor: Actor,
  event: ThroughlineEvent,
): Promise<void> {
  if (actor.kind === "system") return;
  switch (event.type) {
    case "team.upserted": {
      const scope = requirePermission(actor, "team:write");
      if (!scopeCovers(scope, { teamId: event.team })) throw outsideScope("body.team");
      return;
    }
    case "agent.upserted": {
      const scope = requirePermission(actor, "agent:write");
      if (!scopeCovers(scope, { teamId: event.team })) throw outsideScope("body.team");
      // Moving an agent needs the right over the team they leave as well as the one they join.
      const existing = await getAgent(db, event.agent);
      if (existing && !scopeCovers(scope, { teamId: existing.teamId })) {
        throw outsideScope("body.agent");
      }
      return;
    }
    case "agent.presence": {
      const existing = await getAgent(db, event.agent);
      if (!existing) {
        throw new AppError("agent.not_found", {
          message: `agent "${event.agent}" does not exist`,
          field: "body.agent",
        });
      }
      // Agents set their own presence (their user is linked to them); others need agent:write.
      if ((await getUser(db, actor.userId))?.agentId === event.agent) return;
      const scope = requirePermission(actor, "agent:write");
      if (!scopeCovers(scope, { teamId: existing.teamId })) throw outsideScope("body.agent");
      return;
    }
    case "customer.upserted": {
      const scope = requirePermission(actor, "customer:write");
      if (!scopeCovers(scope, { region: event.region })) throw outsideScope("body.region");
      // Changing a customer needs the right over the region they are in now, not only the new one.
      const existing = await getCustomer(db, event.customer);
      if (existing && !scopeCovers(scope, { region: existing.region })) {
        throw outsideScope("body.customer");
      }
      return;
    }
    case "case.opened": {
      const scope = requirePermission(actor, "case:write");
      const readScope = scopeOf(actor, "customer:read");
      const customer = readScope && (await getCustomer(db, event.customer, readScope));
      if (!customer) {
        throw new AppError("customer.not_found", {
          message: `customer "${event.customer}" does not exist`,
          field: "body.customer",
        });
      }
      if (!scopeCovers(scope, { teamId: event.team, region: customer.region })) {
        throw outsideScope("body.team");
      }
      return;
    }
    case "alert.raised":
    case "alert.resolved":
      // Alerts are the alerts job's findings (src/modules/alerts), not something a caller states.
      throw new AppError("access.forbidden", {
        message: `${event.type} events are recorded by the alerts job only`,
        field: "body.type",
      });
    default: {
      const scope = requirePermission(actor, "case:write");
      if (!(await getCase(db, event.case, scope))) {
        throw new AppError("case.not_found", {
          message: `case "${event.case}" does not exist`,
          field: "body.case",
        });
      }
    }
  }
}

import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError, type FieldError } from "../../errors.js";
import { UNKNOWN_ATTRIBUTE } from "../customers/customer.js";
import { getVisibleCustomer } from "../customers/customer.service.js";
import type { Channel, Priority } from "../events/event.types.js";
import { loadCustomerFacts, noTeamDecided } from "./routing.service.js";
import { compileRuleSet, evaluateRouting, RoutingNoTeamError } from "./routing-evaluate.js";
import type { RoutingDecision, RoutingRuleSet } from "./routing-rules.js";
import { findUnknownTeam, loadRoutingRules } from "./routing-rules.service.js";
import { buildRoutingSubject, type RoutingCustomerFacts } from "./routing-subject.js";
import { findRoutingWarnings, validateRoutingRules } from "./routing-validate.js";

/** The rule editor's tools: checking a draft and trying a case against it (docs/routing.md). */

export interface RoutingCheck {
  /** Whether saving the draft would pass its checks (the 400s); see the warnings for the rest. */
  valid: boolean;
  /** The first problem, its field a path inside the document. */
  error?: FieldError;
  warnings: FieldError[];
}

/**
 * A draft as a save would judge it, without saving: the document's own checks, then whether the
 * teams it names exist; and what it probably does not mean (warnings, among them a set that
 * routes nothing, which a save refuses with `routing.routes_nothing`).
 */
export async function checkRoutingRules(
  db: Kysely<DB>,
  actor: Actor,
  document: RoutingRuleSet,
): Promise<RoutingCheck> {
  requirePermission(actor, "settings:read");
  const warnings = findRoutingWarnings(document);
  const checked = validateRoutingRules(document);
  if (!checked.ok) {
    return { valid: false, error: { field: checked.field, reason: checked.reason }, warnings };
  }
  const unknown = await findUnknownTeam(db, document);
  if (unknown !== undefined) {
    return {
      valid: false,
      error: { field: unknown.field, reason: `team "${unknown.team}" does not exist` },
      warnings,
    };
  }
  return { valid: true, warnings };
}

/** The customer of a test: an existing one (its history counted) or attributes as given. */
export type RoutingTestCustomer =
  | string
  | {
      tier: string;
      segment: string;
      region: string;
      language?: string;
      openCases?: number;
      casesLast30Days?: number;
      recentRecontacts?: number;
    };

export interface RoutingTestRequest {
  /** A draft to try; the set in force when absent. */
  document?: RoutingRuleSet;
  case: {
    channel: Channel;
    category: string;
    priority: Priority;
    team?: string;
    subject?: string;
    body?: string;
    tags?: string[];
  };
  customer?: RoutingTestCustomer;
}

async function customerFactsOf(
  db: Kysely<DB>,
  actor: Actor,
  customer: RoutingTestCustomer | undefined,
  now: number,
): Promise<RoutingCustomerFacts> {
  if (typeof customer === "string") {
    // Read within the actor's customer scope: one outside it answers 404 like a missing one.
    const found = await getVisibleCustomer(db, actor, customer);
    return loadCustomerFacts(db, found.id, { now, customer: found });
  }
  return {
    tier: customer?.tier ?? UNKNOWN_ATTRIBUTE,
    segment: customer?.segment ?? UNKNOWN_ATTRIBUTE,
    region: customer?.region ?? UNKNOWN_ATTRIBUTE,
    language: customer?.language ?? null,
    openCases: customer?.openCases ?? 0,
    casesLast30Days: customer?.casesLast30Days ?? 0,
    recentRecontacts: customer?.recentRecontacts ?? 0,
  };
}

/**
 * The test panel: where a case would go under a draft (or the rules in force), with the full
 * trace. The rules are tried whether or not the set is enabled. An invalid draft answers 400
 * naming `body.document.<path>`; a case without a team that no rule routes, under a set without
 * a fallback team, answers 400 naming `body.case.team` (as opening it would).
 */
export async function testRoutingRules(
  db: Kysely<DB>,
  actor: Actor,
  request: RoutingTestRequest,
  now: number,
): Promise<{ version: number | null; decision: RoutingDecision }> {
  requirePermission(actor, "settings:read");
  let version: number | null = null;
  let document: RoutingRuleSet;
  let compiled: ReturnType<typeof compileRuleSet>;
  if (request.document === undefined) {
    const inForce = await loadRoutingRules(db);
    ({ version, document, compiled } = inForce);
  } else {
    const checked = validateRoutingRules(request.document);
    if (!checked.ok) {
      throw new AppError("request.invalid", {
        message: `${checked.field} ${checked.reason}`,
        field: `body.document.${checked.field}`,
      });
    }
    document = request.document;
    compiled = compileRuleSet(document);
  }
  const customer = await customerFactsOf(db, actor, request.customer, now);
  const subject = buildRoutingSubject(
    { ...request.case, team: request.case.team ?? null },
    customer,
  );
  try {
    return { version, decision: evaluateRouting(compiled, subject, { explain: true }) };
  } catch (error) {
    if (error instanceof RoutingNoTeamError) throw noTeamDecided("body.case.team");
    throw error;
  }
}

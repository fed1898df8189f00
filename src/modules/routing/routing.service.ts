import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { Customer } from "../customers/customer.js";
import { UNKNOWN_ATTRIBUTE } from "../customers/customer.js";
import { getCustomer } from "../customers/customer.repository.js";
import { countCustomerHistory } from "./routing.repository.js";
import { evaluateRouting, RoutingNoTeamError } from "./routing-evaluate.js";
import type { RoutingDecision, RoutingSubject } from "./routing-rules.js";
import { loadRoutingRules } from "./routing-rules.service.js";
import {
  buildRoutingSubject,
  RECENT_HISTORY_MS,
  type RoutingCaseInput,
  type RoutingCustomerFacts,
} from "./routing-subject.js";

/**
 * The customer's attributes and history counts at `now`: open cases, cases opened in the last
 * 30 days and those of them that are recontacts, `excludeCaseId` not counted. Pass the customer
 * when the caller has it (the test panel reads it within the actor's scope); a customer that
 * does not exist has the unknown attributes and no history.
 */
export async function loadCustomerFacts(
  db: Kysely<DB>,
  customerId: string,
  options: { excludeCaseId?: string; now: number; customer?: Customer },
): Promise<RoutingCustomerFacts> {
  const [customer, counts] = await Promise.all([
    options.customer ?? getCustomer(db, customerId),
    countCustomerHistory(db, {
      customerId,
      since: options.now - RECENT_HISTORY_MS,
      ...(options.excludeCaseId === undefined ? {} : { excludeCaseId: options.excludeCaseId }),
    }),
  ]);
  return {
    tier: customer?.tier ?? UNKNOWN_ATTRIBUTE,
    segment: customer?.segment ?? UNKNOWN_ATTRIBUTE,
    region: customer?.region ?? UNKNOWN_ATTRIBUTE,
    language: customer?.language ?? null,
    openCases: counts.openCases,
    casesLast30Days: counts.casesSince,
    recentRecontacts: counts.recontactsSince,
  };
}

/**
 * What routing knows about a case being opened (no `caseId`) or re-routed (`caseId`, not counted
 * in its customer's history): two indexed queries, the customer by id and the counts over the
 * customer's cases.
 */
export async function loadRoutingSubject(
  db: Kysely<DB>,
  input: RoutingCaseInput,
  now: number,
): Promise<RoutingSubject> {
  const customer = await loadCustomerFacts(db, input.customerId, {
    now,
    ...(input.caseId === undefined ? {} : { excludeCaseId: input.caseId }),
  });
  return buildRoutingSubject(input, customer);
}

/** The 400 of a case that came without a team and that routing leaves without one. */
export function noTeamDecided(field: string): AppError {
  return new AppError("request.invalid", {
    message: `${field} is required: no routing rule routes this case and the routing rules have no fallback team`,
    field,
  });
}

/**
 * Where the rules in force send a case, and the version of the rules that decided; null when
 * routing is disabled (the case keeps the team it was opened for and nothing is recorded). The
 * decision carries no trace. A case without a team (`input.team` null) that no rule routes and
 * the rules have no fallback for is refused: 400 `request.invalid` naming `body.team`.
 *
 * Reads the rule set (one query; compiled once per version) and, when enabled, the customer and
 * its history counts (two indexed queries).
 */
export async function decideRouting(
  db: Kysely<DB>,
  input: RoutingCaseInput,
  now: number,
): Promise<{ decision: RoutingDecision; version: number } | null> {
  const rules = await loadRoutingRules(db);
  if (!rules.document.enabled) return null;
  const subject = await loadRoutingSubject(db, input, now);
  try {
    return { decision: evaluateRouting(rules.compiled, subject), version: rules.version };
  } catch (error) {
    if (error instanceof RoutingNoTeamError) throw noTeamDecided("body.team");
    throw error;
  }
}

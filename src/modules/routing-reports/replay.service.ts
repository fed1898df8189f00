import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { UNKNOWN_ATTRIBUTE } from "../customers/customer.js";
import { type CompiledRuleSet, compileRuleSet } from "../routing/routing-evaluate.js";
import type { RoutingRuleSet } from "../routing/routing-rules.js";
import { findUnknownTeam, loadRoutingRules } from "../routing/routing-rules.service.js";
import { buildRoutingSubject } from "../routing/routing-subject.js";
import { validateRoutingRules } from "../routing/routing-validate.js";
import { type ReplayCase, type ReplayReport, replayRouting } from "./replay.js";
import {
  findWindowCustomers,
  listAgentHours,
  listFirstResponses,
  listWindowCases,
  loadCustomerHistory,
  type ReplayWindow,
} from "./replay.repository.js";
import { countHistoryAtOpening } from "./replay-history.js";

export const DAY_MS = 86_400_000;
export const REPLAY_DAYS = { min: 1, max: 90, default: 14 } as const;
/** The most cases one replay takes; a longer window is cut to its most recent cases. */
export const REPLAY_MAX_CASES = 200_000;

export interface ReplayRequest {
  /** A draft to replay; the rules in force when absent. Replayed as if enabled. */
  document?: RoutingRuleSet;
  /** The last N days, 1 to 90. */
  days: number;
}

export interface RoutingReplay extends ReplayReport {
  days: number;
  /** The version of the rules in force that was replayed; null for a draft. */
  version: number | null;
  /** The window held more cases than a replay takes: `from` was moved forward to keep the most recent. */
  capped: boolean;
}

async function ruleSetToReplay(
  db: Kysely<DB>,
  draft: RoutingRuleSet | undefined,
): Promise<{ document: RoutingRuleSet; compiled: CompiledRuleSet; version: number | null }> {
  if (draft === undefined) {
    const inForce = await loadRoutingRules(db);
    return { document: inForce.document, compiled: inForce.compiled, version: inForce.version };
  }
  const checked = validateRoutingRules(draft);
  if (!checked.ok) {
    throw new AppError("request.invalid", {
      message: `${checked.field} ${checked.reason}`,
      field: `body.document.${checked.field}`,
    });
  }
  const unknown = await findUnknownTeam(db, draft);
  if (unknown !== undefined) {
    throw new AppError("request.invalid", {
      message: `${unknown.field}: team "${unknown.team}" does not exist`,
      field: `body.document.${unknown.field}`,
    });
  }
  return { document: draft, compiled: compileRuleSet(draft), version: null };
}

/**
 * Replays a draft rule set (or the set in force) over the cases opened in the last `days` days
 * before `now` inside the actor's `metrics:read` scope, each as routing met it when it was opened
 * (docs/routing-replay.md): what would have changed in team loads, first responses and transfers.
 * An invalid draft answers 400 naming `body.document.<path>`. About a dozen queries whatever the
 * window; the customers' history counts are rebuilt in memory.
 */
export async function replayRoutingRules(
  db: Kysely<DB>,
  actor: Actor,
  request: ReplayRequest,
  now: number,
  options: { maxCases?: number } = {},
): Promise<RoutingReplay> {
  const scope = requirePermission(actor, "metrics:read");
  const { days } = request;
  if (!Number.isInteger(days) || days < REPLAY_DAYS.min || days > REPLAY_DAYS.max) {
    throw new AppError("request.invalid", {
      message: `days must be a whole number from ${REPLAY_DAYS.min} to ${REPLAY_DAYS.max}`,
      field: "body.days",
    });
  }
  const rules = await ruleSetToReplay(db, request.document);
  const maxCases = options.maxCases ?? REPLAY_MAX_CASES;

  let window: ReplayWindow = { from: now - days * DAY_MS, to: now, scope };
  let rows = await listWindowCases(db, window, maxCases + 1);
  const capped = rows.length > maxCases;
  if (capped) {
    // Keep the most recent cases, and no half of an instant: `from` moves past the first left out.
    const from = (rows[maxCases]?.openedAt ?? window.from) + 1;
    window = { ...window, from };
    rows = rows.filter((row) => row.openedAt >= from);
  }
  rows.reverse();

  const [customers, history, firstResponses, agentHours] = await Promise.all([
    findWindowCustomers(db, window),
    loadCustomerHistory(db, window),
    listFirstResponses(db, window),
    listAgentHours(db, window),
  ]);
  const counts = countHistoryAtOpening(
    history.cases,
    history.changes,
    history.recontactLinkedAt,
    new Set(rows.map((row) => row.id)),
  );
  const cases = rows.map((row): ReplayCase => {
    const customer = customers.get(row.customerId);
    const history = counts.get(row.id) ?? { openCases: 0, casesLast30Days: 0, recentRecontacts: 0 };
    const { opened } = row;
    const subject = buildRoutingSubject(
      {
        channel: opened.channel,
        category: opened.category,
        priority: opened.priority,
        team: opened.team,
        subject: opened.subject ?? null,
        body: opened.body ?? null,
        tags: opened.tags ?? [],
      },
      {
        tier: customer?.tier ?? UNKNOWN_ATTRIBUTE,
        segment: customer?.segment ?? UNKNOWN_ATTRIBUTE,
        region: customer?.region ?? UNKNOWN_ATTRIBUTE,
        language: customer?.language ?? null,
        ...history,
      },
    );
    return {
      id: row.id,
      openedAt: row.openedAt,
      subject,
      actualTeam: row.routedTeam ?? opened.team,
      finalTeam: row.finalTeam,
      handedOff: row.handoffCount > 0,
    };
  });
  const report = replayRouting(
    { from: window.from, to: window.to, cases, firstResponses, agentHours },
    rules.document,
    rules.compiled,
  );
  return { ...report, days, version: rules.version, capped };
}

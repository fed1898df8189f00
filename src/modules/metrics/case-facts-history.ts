import { topLevelCategory } from "../cases/case.js";
import { type CaseEvent, isCaseEvent, transition } from "../cases/case-lifecycle.js";
import { agentOfReply } from "../cases/case-projection.js";
import { UNKNOWN_ATTRIBUTE } from "../customers/customer.js";
import type { CaseStatus, ThroughlineEvent } from "../events/event.types.js";
import type { CaseFacts, FactBacklogSpell } from "./case-facts.js";
import { UNASSIGNED } from "./kpi.js";

/**
 * From a case's history to its KPI facts (case-facts.ts). Pure: the derivation
 * (metric-facts.derivation.ts) loads the history and the context, and writes the result.
 */

/** An event of a case's history as the log stores it; `data` may be parsed only when read. */
export interface FactsHistoryEvent {
  type: string;
  at: number;
  data: ThroughlineEvent;
}

/** What the facts need from outside the case's own events. */
export interface FactsContext {
  /** The customer's current attributes; null when the customer is unknown (then "unknown"). */
  customer: { tier: string; segment: string; region: string } | null;
  /** The first-response due time of the case's SLA clock; null without a first-response target. */
  firstResponseDueAt: number | null;
  /** The case that recontacted this one (findRecontacts), or null. */
  recontactedBy: string | null;
}

/** Types that change nothing the facts hold (a case's status stays as it is): left unparsed. */
const IGNORED_TYPES: ReadonlySet<string> = new Set([
  "sla.at_risk",
  "sla.breached",
  "sla.breach_predicted",
  "case.linked",
  "case.merged",
]);

const BACKLOG_STATUSES: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  "new",
  "open",
  "pending_customer",
  "pending_internal",
]);

/**
 * The facts of one case from its whole history, in business-time order (the opening first among
 * events at its instant). The team and agent holding the case follow its events as the case
 * projection does: an assignment sets the agent (and the team when it names one), a handoff or a
 * routing decision to another team clears the agent. The status follows the lifecycle (a refused
 * transition, which a stored history cannot hold, leaves it unchanged).
 *
 * @example
 * // opened 09:00 (team t1), assigned a1 09:05, public reply by a1 09:30, resolved 11:00:
 * // openedTeam t1, firstResponseAt 09:30 by a1, firstResolvedAt 11:00 by t1/a1,
 * // backlog [09:00–09:05 t1/unassigned, 09:05–11:00 t1/a1]
 */
export function deriveCaseFacts(
  history: readonly FactsHistoryEvent[],
  context: FactsContext,
): CaseFacts {
  const opening = history.find((event) => event.type === "case.opened")?.data;
  if (opening === undefined || opening.type !== "case.opened") {
    throw new Error("deriveCaseFacts: the history has no case.opened");
  }
  const customer = context.customer;
  const facts: CaseFacts = {
    caseId: opening.case,
    customerId: opening.customer,
    channel: opening.channel,
    category: opening.category,
    categoryTop: topLevelCategory(opening.category),
    region: customer?.region ?? UNKNOWN_ATTRIBUTE,
    tier: customer?.tier ?? UNKNOWN_ATTRIBUTE,
    segment: customer?.segment ?? UNKNOWN_ATTRIBUTE,
    openedAt: 0,
    openedTeam: opening.team,
    firstResponseAt: null,
    firstResponseAgent: null,
    escalated: false,
    firstResponseDueAt: context.firstResponseDueAt,
    firstResolvedAt: null,
    resolvedTeam: null,
    resolvedAgent: null,
    reopened: false,
    recontactedBy: context.recontactedBy,
    handoffs: [],
    worked: [],
    surveys: [],
    backlog: [],
  };
  let status: CaseStatus | null = null;
  let resolvedAt: number | null = null;
  let team = opening.team;
  let agent: string | null = null;
  let spell: FactBacklogSpell | undefined;

  const closeSpell = (at: number) => {
    if (spell === undefined) return;
    // A spell that ends where it began (an assignment at the opening instant) held nothing.
    if (spell.from !== at) facts.backlog.push({ ...spell, until: at });
    spell = undefined;
  };

  for (const item of history) {
    const { type, at } = item;
    if (IGNORED_TYPES.has(type)) continue;
    if (type === "case.opened") {
      if (status !== null) continue;
      facts.openedAt = at;
    } else if (status === null) {
      // Nothing happens to a case before its opening (the recorder refuses such events).
      continue;
    }
    const data = item.data;
    if (!isCaseEvent(data)) continue;
    const event: CaseEvent = data;
    const outcome = transition(status, event, {
      caseId: facts.caseId,
      atMs: at,
      resolvedAt,
      reopenWindowMs: Number.POSITIVE_INFINITY,
    });
    if (outcome.ok) status = outcome.next;
    switch (event.type) {
      case "case.assigned":
        agent = event.agent;
        if (event.team) team = event.team;
        break;
      case "case.replied": {
        const replier = agentOfReply(event.by);
        if (event.public && replier !== null && facts.firstResponseAt === null) {
          facts.firstResponseAt = at;
          facts.firstResponseAgent = replier;
        }
        break;
      }
      case "case.handoff":
        facts.handoffs.push({ at, from: event.from, to: event.to });
        team = event.to;
        agent = null;
        break;
      case "case.routed":
        if (event.team !== team) agent = null;
        team = event.team;
        break;
      case "case.escalated":
        facts.escalated = true;
        break;
      case "case.worked":
        facts.worked.push({ at, seconds: event.seconds, team, agent: event.agent });
        break;
      case "case.resolved":
        if (outcome.ok) resolvedAt = at;
        if (facts.firstResolvedAt === null) {
          facts.firstResolvedAt = at;
          facts.resolvedTeam = team;
          facts.resolvedAgent = agent ?? UNASSIGNED;
        }
        break;
      case "case.reopened":
        if (outcome.ok) resolvedAt = null;
        if (facts.firstResolvedAt !== null) facts.reopened = true;
        break;
      case "case.recategorised":
        facts.category = event.category;
        facts.categoryTop = topLevelCategory(event.category);
        break;
      case "survey.answered":
        facts.surveys.push({
          at,
          kind: event.kind,
          score: event.score,
          team,
          agent: agent ?? UNASSIGNED,
        });
        break;
      default:
        break;
    }
    const holder = agent ?? UNASSIGNED;
    const inBacklog = status !== null && BACKLOG_STATUSES.has(status);
    if (spell !== undefined && (!inBacklog || spell.team !== team || spell.agent !== holder)) {
      closeSpell(at);
    }
    if (inBacklog && spell === undefined) spell = { from: at, until: null, team, agent: holder };
  }
  if (spell !== undefined) facts.backlog.push(spell);
  return facts;
}

/** What recontact detection needs to know of a case. */
export interface RecontactInput {
  id: string;
  customerId: string;
  categoryTop: string;
  openedAt: number;
  firstResolvedAt: number | null;
}

/**
 * For each case first resolved, the case that recontacted it: of the customer's other cases in
 * the same top-level category, the first opened at or after the first resolution and at most
 * `windowMs` after it (the edge included); null when there is none. Ties at one instant go to
 * the smaller id. Cases never resolved are null.
 *
 * @example
 * // c1 (billing) resolved Mar 1 10:00; c2 (billing) opened Mar 8 10:00; 7-day window:
 * findRecontacts([c1, c2], 7 * DAY_MS).get("c1") // "c2" (exactly 7 days: inside)
 */
export function findRecontacts(
  cases: readonly RecontactInput[],
  windowMs: number,
): Map<string, string | null> {
  const groups = new Map<string, RecontactInput[]>();
  for (const item of cases) {
    const key = `${item.customerId}\u0000${item.categoryTop}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const result = new Map<string, string | null>();
  for (const group of groups.values()) {
    group.sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const item of group) {
      const resolvedAt = item.firstResolvedAt;
      let found: string | null = null;
      if (resolvedAt !== null) {
        for (let index = firstOpenedAtOrAfter(group, resolvedAt); index < group.length; index++) {
          const candidate = group[index] as RecontactInput;
          if (candidate.openedAt - resolvedAt > windowMs) break;
          if (candidate.id === item.id) continue;
          found = candidate.id;
          break;
        }
      }
      result.set(item.id, found);
    }
  }
  return result;
}

/** The index of the first case opened at or after `at` (cases sorted by opening). */
function firstOpenedAtOrAfter(group: readonly RecontactInput[], at: number): number {
  let low = 0;
  let high = group.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((group[middle]?.openedAt ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

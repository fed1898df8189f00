import { isCaseFinished } from "../cases/case-lifecycle.js";
import {
  DAY_MS,
  type LegalHold,
  noChanges,
  REDACTED,
  type RetentionAction,
  type RetentionChanges,
  type RetentionKind,
  type RetentionPolicy,
} from "./retention.js";

/**
 * What retention changes, as pure functions over plain records. The service loads candidates
 * in batches, asks these functions what to do with them, and writes the answer.
 *
 * A record is due under a policy of N days when it is older than N days: its instant is strictly
 * before `now − N days` (a record exactly N days old is not due yet).
 *
 * - `cases`: a case is due when it is resolved or closed and `resolved_at` is before the cutoff.
 *   anonymise = the case's `subject` becomes "[redacted]" and its events lose their personal and
 *   free-text fields (below); purge = the case row and all its events are deleted. A customer
 *   whose cases are all due (at least one, none held) and who is not held is anonymised too:
 *   the row's name, email and phone become "[redacted]" and its `customer.upserted` events are
 *   redacted. The customer row itself is kept (it carries tier, segment and region for the
 *   metrics, and the cases that remain refer to it).
 * - `events`: an event is due when its `at` is before the cutoff. anonymise = its personal and
 *   free-text fields are redacted; purge = it is deleted. A case's events are purged only all
 *   together, once the case is resolved (or closed) and its newest event is before the cutoff, so no case
 *   is left with half a history (a case is rebuilt from its events when a late one arrives).
 *   The case rows stay: they are the projection the metrics read.
 * - `survey_comments`: a `survey.answered` event older than N days loses its `comment`
 *   (anonymise and purge alike: a comment has no life of its own).
 * - `audit`: entries older than N days lose their before/after payload (the only allowed
 *   action; the hash chain covers payload hashes, not payloads, so it still verifies).
 *
 * Personal and free-text event fields: `customer.upserted` name, email, phone; `case.opened`
 * subject; `case.handoff` reason; `survey.answered` comment. Unknown extra fields are kept.
 *
 * A legal hold on a customer suspends every policy for the customer, its cases and their events;
 * a hold on a case, for that case and its events. Released holds count for nothing.
 *
 * An event is redacted at most once, all its personal fields together, and `redacted_at` marks
 * it (the event log's triggers allow exactly that update, and deleting only redacted events), so
 * a second run finds nothing left to do. Each change is counted once, under the first policy in
 * the order cases → events → survey_comments → audit that makes it; a dry run counts exactly
 * what a real run would change.
 */

export type RetentionRule = { action: RetentionAction; cutoff: number };
export type RetentionRules = Partial<Record<RetentionKind, RetentionRule>>;

/** Records dated strictly before the returned instant are older than `days` days at `now`. */
export function cutoffOf(now: number, days: number): number {
  return now - days * DAY_MS;
}

export function rulesOf(policies: readonly RetentionPolicy[], now: number): RetentionRules {
  const rules: RetentionRules = {};
  for (const policy of policies) {
    rules[policy.kind] = { action: policy.action, cutoff: cutoffOf(now, policy.days) };
  }
  return rules;
}

export interface ActiveHolds {
  customers: ReadonlySet<string>;
  cases: ReadonlySet<string>;
}

export function activeHolds(holds: readonly LegalHold[]): ActiveHolds {
  const customers = new Set<string>();
  const cases = new Set<string>();
  for (const hold of holds) {
    if (hold.releasedAt !== null) continue;
    (hold.targetKind === "customer" ? customers : cases).add(hold.targetId);
  }
  return { customers, cases };
}

/** The personal and free-text fields of each event type that has any. */
export const PERSONAL_EVENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "customer.upserted": ["name", "email", "phone"],
  "case.opened": ["subject"],
  "case.handoff": ["reason"],
  "survey.answered": ["comment"],
};

export const PERSONAL_EVENT_TYPES: readonly string[] = Object.keys(PERSONAL_EVENT_FIELDS);

/** Replaces a present, non-null value with the marker; reports whether anything was removed. */
function redactValue(value: unknown): { value: unknown; removed: boolean } {
  if (value === null || value === undefined || value === REDACTED) {
    return { value, removed: false };
  }
  return { value: REDACTED, removed: true };
}

/**
 * The event's JSON text with its personal fields replaced by "[redacted]", and whether any value
 * was removed. Text without anything to remove is returned unchanged:
 * `redactEventData("survey.answered", '{"score":2,"comment":"slow"}')` →
 * `{data: '{"score":2,"comment":"[redacted]"}', removed: true}`.
 */
export function redactEventData(type: string, data: string): { data: string; removed: boolean } {
  const fields = PERSONAL_EVENT_FIELDS[type];
  if (fields === undefined) return { data, removed: false };
  const event = JSON.parse(data) as Record<string, unknown>;
  let removed = false;
  for (const field of fields) {
    if (!(field in event)) continue;
    const result = redactValue(event[field]);
    event[field] = result.value;
    removed ||= result.removed;
  }
  return removed ? { data: JSON.stringify(event), removed } : { data, removed };
}

export interface CustomerRecord {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface CaseRecord {
  id: string;
  customerId: string;
  status: string;
  resolvedAt: number | null;
  lastEventAt: number;
  subject: string | null;
}

export interface EventRecord {
  seq: number;
  type: string;
  at: number;
  caseId: string | null;
  customerId: string | null;
  data: string;
  redactedAt: number | null;
}

/** The state of an event's case that retention decides by (null when the event has no case). */
export interface CaseContext {
  customerId: string;
  status: string;
  resolvedAt: number | null;
  lastEventAt: number;
}

export interface EventCandidate extends EventRecord {
  case: CaseContext | null;
}

export function isCaseDue(
  item: { status: string; resolvedAt: number | null },
  rule: RetentionRule,
): boolean {
  return isCaseFinished(item.status) && item.resolvedAt !== null && item.resolvedAt < rule.cutoff;
}

/** True when every case is due under `rule`, there is at least one, and no hold touches them. */
export function isCustomerDue(
  customerId: string,
  cases: readonly { id: string; status: string; resolvedAt: number | null }[],
  rule: RetentionRule,
  holds: ActiveHolds,
): boolean {
  return (
    !holds.customers.has(customerId) &&
    cases.length > 0 &&
    cases.every((item) => isCaseDue(item, rule) && !holds.cases.has(item.id))
  );
}

/** The writes a batch needs. Events to redact carry their new text (possibly unchanged). */
export interface RetentionWrites {
  redactEvents: { seq: number; data: string }[];
  /** Events to delete; the repository marks unredacted ones redacted first, as the log requires. */
  purgeEvents: number[];
  /** Cases whose subject becomes the marker. */
  anonymiseCases: string[];
  /** Cases to delete together with all their events. */
  purgeCases: string[];
  /** Customers with their new name, email and phone. */
  anonymiseCustomers: CustomerRecord[];
}

export interface BatchPlan {
  writes: RetentionWrites;
  changes: RetentionChanges;
  /** Due records a legal hold kept: customers held themselves, and cases held by any hold. */
  held: { customers: string[]; cases: string[] };
}

function emptyPlan(): BatchPlan {
  return {
    writes: {
      redactEvents: [],
      purgeEvents: [],
      anonymiseCases: [],
      purgeCases: [],
      anonymiseCustomers: [],
    },
    changes: noChanges(),
    held: { customers: [], cases: [] },
  };
}

export interface CustomerCases {
  customer: CustomerRecord;
  /** All of the customer's cases. */
  cases: CaseRecord[];
}

export interface CaseWork {
  /** Cases due under the rule and not held. */
  dueCases: CaseRecord[];
  /** Customers to anonymise (see `isCustomerDue`). */
  dueCustomers: string[];
  heldCases: string[];
  heldCustomers: string[];
}

/** Which of these customers' cases the `cases` rule reaches, and which customers with them. */
export function selectCaseWork(
  rule: RetentionRule,
  holds: ActiveHolds,
  groups: readonly CustomerCases[],
): CaseWork {
  const work: CaseWork = { dueCases: [], dueCustomers: [], heldCases: [], heldCustomers: [] };
  for (const { customer, cases } of groups) {
    const customerHeld = holds.customers.has(customer.id);
    let keptBackByHold = false;
    for (const item of cases) {
      if (!isCaseDue(item, rule)) continue;
      if (customerHeld || holds.cases.has(item.id)) {
        work.heldCases.push(item.id);
        keptBackByHold ||= customerHeld;
      } else {
        work.dueCases.push(item);
      }
    }
    if (keptBackByHold) work.heldCustomers.push(customer.id);
    if (isCustomerDue(customer.id, cases, rule, holds)) work.dueCustomers.push(customer.id);
  }
  return work;
}

export interface CasesBatchInput {
  rule: RetentionRule;
  holds: ActiveHolds;
  groups: readonly CustomerCases[];
  /**
   * Events of the due cases: every one of them for a purge; for an anonymisation, those of a
   * personal type not yet redacted.
   */
  caseEvents: readonly EventRecord[];
  /** `customer.upserted` events of the due customers not yet redacted. */
  customerEvents: readonly EventRecord[];
}

/** The `cases` policy over a batch of customers and all their cases. */
export function planCasesBatch(input: CasesBatchInput): BatchPlan {
  const plan = emptyPlan();
  const work = selectCaseWork(input.rule, input.holds, input.groups);
  plan.held = { customers: work.heldCustomers, cases: work.heldCases };
  const dueCaseIds = new Set(work.dueCases.map((item) => item.id));
  const caseEvents = input.caseEvents.filter(
    (event) => event.caseId !== null && dueCaseIds.has(event.caseId),
  );

  if (input.rule.action === "purge") {
    plan.writes.purgeCases = [...dueCaseIds];
    plan.changes.casesPurged = dueCaseIds.size;
    plan.changes.eventsPurged = caseEvents.length;
  } else {
    const touched = new Set<string>();
    for (const item of work.dueCases) {
      if (redactValue(item.subject).removed) {
        plan.writes.anonymiseCases.push(item.id);
        touched.add(item.id);
      }
    }
    for (const event of caseEvents) {
      if (event.redactedAt !== null) continue;
      const redacted = redactEventData(event.type, event.data);
      plan.writes.redactEvents.push({ seq: event.seq, data: redacted.data });
      if (redacted.removed) {
        plan.changes.eventsRedacted += 1;
        touched.add(event.caseId as string);
      }
    }
    plan.changes.casesAnonymised = touched.size;
  }

  const dueCustomers = new Set(work.dueCustomers);
  const touchedCustomers = new Set<string>();
  for (const { customer } of input.groups) {
    if (!dueCustomers.has(customer.id)) continue;
    const name = redactValue(customer.name);
    const email = redactValue(customer.email);
    const phone = redactValue(customer.phone);
    if (name.removed || email.removed || phone.removed) {
      plan.writes.anonymiseCustomers.push({
        id: customer.id,
        name: name.value as string | null,
        email: email.value as string | null,
        phone: phone.value as string | null,
      });
      touchedCustomers.add(customer.id);
    }
  }
  for (const event of input.customerEvents) {
    if (event.redactedAt !== null || event.customerId === null) continue;
    if (event.type !== "customer.upserted" || !dueCustomers.has(event.customerId)) continue;
    const redacted = redactEventData(event.type, event.data);
    plan.writes.redactEvents.push({ seq: event.seq, data: redacted.data });
    if (redacted.removed) {
      plan.changes.eventsRedacted += 1;
      touchedCustomers.add(event.customerId);
    }
  }
  plan.changes.customersAnonymised = touchedCustomers.size;
  return plan;
}

/** The hold that keeps an event, if any: on its case, its customer, or its case's customer. */
function holdOf(event: EventCandidate, holds: ActiveHolds): { customer?: string; case?: string } {
  const customer = [event.customerId, event.case?.customerId].find(
    (id): id is string => id !== null && id !== undefined && holds.customers.has(id),
  );
  const caseHeld = event.caseId !== null && holds.cases.has(event.caseId);
  if (customer === undefined && !caseHeld) return {};
  return {
    ...(customer === undefined ? {} : { customer }),
    ...(event.caseId === null ? {} : { case: event.caseId }),
  };
}

function recordHold(plan: BatchPlan, hold: { customer?: string; case?: string }): boolean {
  if (hold.customer === undefined && hold.case === undefined) return false;
  if (hold.customer !== undefined) plan.held.customers.push(hold.customer);
  if (hold.case !== undefined) plan.held.cases.push(hold.case);
  return true;
}

/** True when the `cases` rule has already redacted (or purged) this event in the same run. */
function handledByCasesRule(
  event: EventCandidate,
  rules: RetentionRules,
  dueCustomers: ReadonlySet<string>,
): boolean {
  const rule = rules.cases;
  if (!rule) return false;
  if (event.case !== null) {
    return isCaseDue(event.case, rule) && (rule.action === "purge" || isPersonal(event.type));
  }
  return (
    event.type === "customer.upserted" &&
    event.customerId !== null &&
    dueCustomers.has(event.customerId)
  );
}

function isPersonal(type: string): boolean {
  return PERSONAL_EVENT_FIELDS[type] !== undefined;
}

/** A case's events are purged only all together, once its whole history is before the cutoff. */
export function isLogPurgeable(event: EventCandidate, cutoff: number): boolean {
  if (event.at >= cutoff) return false;
  if (event.case === null) return true;
  return isCaseFinished(event.case.status) && event.case.lastEventAt < cutoff;
}

export interface EventsBatchInput {
  rules: RetentionRules;
  holds: ActiveHolds;
  events: readonly EventCandidate[];
  /** Customers the `cases` rule anonymises (see `isCustomerDue`), for `customer.upserted`. */
  dueCustomers: ReadonlySet<string>;
}

/** The `events` policy over a batch of candidate events. */
export function planEventsBatch(input: EventsBatchInput): BatchPlan {
  const plan = emptyPlan();
  const rule = input.rules.events;
  if (!rule) return plan;
  for (const event of input.events) {
    if (event.at >= rule.cutoff) continue;
    if (rule.action === "purge" && !isLogPurgeable(event, rule.cutoff)) continue;
    if (rule.action === "anonymise" && (event.redactedAt !== null || !isPersonal(event.type))) {
      continue;
    }
    if (recordHold(plan, holdOf(event, input.holds))) continue;
    const handled = handledByCasesRule(event, input.rules, input.dueCustomers);
    if (rule.action === "purge") {
      // Anonymised by the cases rule still leaves the event to purge; purged by it does not.
      if (handled && event.case !== null && input.rules.cases?.action === "purge") continue;
      plan.writes.purgeEvents.push(event.seq);
      plan.changes.eventsPurged += 1;
    } else {
      if (handled) continue;
      const redacted = redactEventData(event.type, event.data);
      plan.writes.redactEvents.push({ seq: event.seq, data: redacted.data });
      if (redacted.removed) plan.changes.eventsRedacted += 1;
    }
  }
  return plan;
}

export interface SurveyCommentsBatchInput {
  rules: RetentionRules;
  holds: ActiveHolds;
  events: readonly EventCandidate[];
}

/** The `survey_comments` policy over a batch of `survey.answered` events. */
export function planSurveyCommentsBatch(input: SurveyCommentsBatchInput): BatchPlan {
  const plan = emptyPlan();
  const rule = input.rules.survey_comments;
  if (!rule) return plan;
  const eventsRule = input.rules.events;
  for (const event of input.events) {
    if (event.type !== "survey.answered" || event.redactedAt !== null) continue;
    if (event.at >= rule.cutoff) continue;
    if (recordHold(plan, holdOf(event, input.holds))) continue;
    if (handledByCasesRule(event, input.rules, new Set())) continue;
    if (eventsRule && event.at < eventsRule.cutoff) {
      if (eventsRule.action === "anonymise" || isLogPurgeable(event, eventsRule.cutoff)) continue;
    }
    const redacted = redactEventData(event.type, event.data);
    plan.writes.redactEvents.push({ seq: event.seq, data: redacted.data });
    if (redacted.removed) plan.changes.surveyCommentsRemoved += 1;
  }
  return plan;
}

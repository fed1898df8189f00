import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import { type Actor, describeActor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { type AuditInput, appendAudit, purgeAuditPayloads } from "../audit/audit.service.js";
import { forgetFactsOfCases, markFactsOfPurgedEvents } from "../metrics/metric-facts.derivation.js";
import {
  ALLOWED_ACTIONS,
  addChanges,
  HOLD_TARGET_KINDS,
  type HoldTargetKind,
  type LegalHold,
  noChanges,
  POLICY_ORDER,
  type PolicyOutcome,
  RETENTION_ACTIONS,
  RETENTION_KINDS,
  type RetentionAction,
  type RetentionChanges,
  type RetentionKind,
  type RetentionPolicy,
  type RetentionReport,
} from "./retention.js";
import {
  anonymiseCaseSubjects,
  anonymiseCustomers,
  caseExists,
  customerExists,
  deletePolicyRow,
  findHold,
  findPolicy,
  insertHold,
  listCaseRecordsOfCustomers,
  listCustomerRecords,
  listCustomersWithCasesResolvedBefore,
  listEventCandidates,
  listEventsOfCases,
  listHoldRows,
  listPolicyRows,
  listUnredactedCustomerEvents,
  markHoldReleased,
  purgeCases,
  purgeEvents,
  redactEvents,
  upsertPolicy,
} from "./retention.repository.js";
import {
  type ActiveHolds,
  activeHolds,
  type BatchPlan,
  type CaseRecord,
  isCustomerDue,
  PERSONAL_EVENT_TYPES,
  planCasesBatch,
  planEventsBatch,
  planSurveyCommentsBatch,
  type RetentionRule,
  type RetentionRules,
  rulesOf,
  selectCaseWork,
} from "./retention-plan.js";

// Policies

export async function listPolicies(db: Kysely<DB>, actor: Actor): Promise<RetentionPolicy[]> {
  requirePermission(actor, "retention:read");
  return listPolicyRows(db);
}

function parseKind(kind: string, field: string): RetentionKind {
  if (!(RETENTION_KINDS as readonly string[]).includes(kind)) {
    throw new AppError("request.invalid", {
      message: `${field} must be one of ${RETENTION_KINDS.join(", ")}, got "${kind}"`,
      field,
    });
  }
  return kind as RetentionKind;
}

export interface SetPolicyInput {
  kind: string;
  action: string;
  days: number;
}

/** Creates or replaces the policy of a kind (audited as `retention.policy_set`). */
export async function setPolicy(
  db: Kysely<DB>,
  actor: Actor,
  input: SetPolicyInput,
  now: Date,
): Promise<RetentionPolicy> {
  requirePermission(actor, "retention:write");
  const kind = parseKind(input.kind, "params.kind");
  if (!(RETENTION_ACTIONS as readonly string[]).includes(input.action)) {
    throw new AppError("request.invalid", {
      message: `action must be one of ${RETENTION_ACTIONS.join(", ")}, got "${input.action}"`,
      field: "body.action",
    });
  }
  const action = input.action as RetentionAction;
  if (!ALLOWED_ACTIONS[kind].includes(action)) {
    throw new AppError("request.invalid", {
      message: `a ${kind} policy can only ${ALLOWED_ACTIONS[kind].join(" or ")}, not ${action}`,
      field: "body.action",
    });
  }
  if (!Number.isInteger(input.days) || input.days <= 0) {
    throw new AppError("request.invalid", {
      message: `days must be a whole number of days ≥ 1, got ${input.days}`,
      field: "body.days",
    });
  }
  const policy: RetentionPolicy = {
    kind,
    action,
    days: input.days,
    updatedAt: now.getTime(),
    updatedBy: describeActor(actor),
  };
  return db.transaction().execute(async (trx) => {
    const before = await findPolicy(trx, kind);
    await upsertPolicy(trx, policy);
    await recordAudit(trx, {
      actor,
      action: "retention.policy_set",
      targetKind: "retention_policy",
      targetId: kind,
      ...(before === undefined ? {} : { before }),
      after: policy,
      at: policy.updatedAt,
    });
    return policy;
  });
}

/** Removes the policy of a kind; returns false when there was none (nothing is audited then). */
export async function deletePolicy(
  db: Kysely<DB>,
  actor: Actor,
  kind: string,
  now: Date,
): Promise<boolean> {
  requirePermission(actor, "retention:write");
  const parsed = parseKind(kind, "params.kind");
  return db.transaction().execute(async (trx) => {
    const before = await findPolicy(trx, parsed);
    if (before === undefined) return false;
    await deletePolicyRow(trx, parsed);
    await recordAudit(trx, {
      actor,
      action: "retention.policy_delete",
      targetKind: "retention_policy",
      targetId: parsed,
      before,
      at: now.getTime(),
    });
    return true;
  });
}

// Legal holds

export async function listHolds(
  db: Kysely<DB>,
  actor: Actor,
  filter: { active?: boolean } = {},
): Promise<LegalHold[]> {
  requirePermission(actor, "retention:read");
  return listHoldRows(db, filter);
}

export interface PlaceHoldInput {
  targetKind: string;
  targetId: string;
  reason: string;
}

/** Puts a customer or a case on hold: no retention policy touches it until it is released. */
export async function placeHold(
  db: Kysely<DB>,
  actor: Actor,
  input: PlaceHoldInput,
  now: Date,
): Promise<LegalHold> {
  requirePermission(actor, "retention:write");
  if (!(HOLD_TARGET_KINDS as readonly string[]).includes(input.targetKind)) {
    throw new AppError("request.invalid", {
      message: `targetKind must be one of ${HOLD_TARGET_KINDS.join(", ")}`,
      field: "body.targetKind",
    });
  }
  const targetKind = input.targetKind as HoldTargetKind;
  if (input.reason.trim() === "") {
    throw new AppError("request.invalid", {
      message: "reason must not be empty",
      field: "body.reason",
    });
  }
  return db.transaction().execute(async (trx) => {
    const exists =
      targetKind === "customer"
        ? await customerExists(trx, input.targetId)
        : await caseExists(trx, input.targetId);
    if (!exists) {
      throw new AppError(targetKind === "customer" ? "customer.not_found" : "case.not_found", {
        message: `${targetKind} "${input.targetId}" does not exist`,
        field: "body.targetId",
      });
    }
    const hold: LegalHold = {
      id: `hold_${randomUUID()}`,
      targetKind,
      targetId: input.targetId,
      reason: input.reason,
      createdAt: now.getTime(),
      createdBy: describeActor(actor),
      releasedAt: null,
      releasedBy: null,
    };
    await insertHold(trx, hold);
    await recordAudit(trx, {
      actor,
      action: "legal_hold.place",
      targetKind: "legal_hold",
      targetId: hold.id,
      after: hold,
      at: hold.createdAt,
    });
    return hold;
  });
}

/** Releases a hold; releasing one that is released already changes nothing and returns it. */
export async function releaseHold(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  now: Date,
): Promise<LegalHold> {
  requirePermission(actor, "retention:write");
  return db.transaction().execute(async (trx) => {
    const before = await findHold(trx, id);
    if (!before) {
      // No `legal_hold.not_found` code exists in ERROR_STATUS yet; this is the generic 404.
      throw new AppError("legal_hold.not_found", {
        message: `legal hold "${id}" does not exist`,
        field: "params.id",
      });
    }
    const release = { at: now.getTime(), by: describeActor(actor) };
    if (!(await markHoldReleased(trx, id, release))) return before;
    const after: LegalHold = { ...before, releasedAt: release.at, releasedBy: release.by };
    await recordAudit(trx, {
      actor,
      action: "legal_hold.release",
      targetKind: "legal_hold",
      targetId: id,
      before,
      after,
      at: release.at,
    });
    return after;
  });
}

// Runs

export interface RunRetentionOptions {
  now: Date;
  dryRun: boolean;
  actor: Actor;
  /** Customers (cases policy) or events (other policies) per batch; each batch is a transaction. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 500;

/**
 * Applies every retention policy (see retention-plan.ts for what each does), in batches of one
 * transaction each, and reports the changes. A dry run reads the same candidates, decides the
 * same way and writes nothing, so it reports exactly what a real run at the same `now` would
 * change. A real run appends one `retention.apply` audit entry per policy, with its counts.
 */
export async function runRetention(
  db: Kysely<DB>,
  options: RunRetentionOptions,
): Promise<RetentionReport> {
  requirePermission(options.actor, options.dryRun ? "retention:read" : "retention:write");
  const now = options.now.getTime();
  const policies = await listPolicyRows(db);
  const rules = rulesOf(policies, now);
  const run: RunContext = {
    db,
    now,
    dryRun: options.dryRun,
    rules,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    heldCustomers: new Set(),
    heldCases: new Set(),
  };
  const outcomes: PolicyOutcome[] = [];
  for (const kind of POLICY_ORDER) {
    const policy = policies.find((item) => item.kind === kind);
    const rule = rules[kind];
    if (!policy || !rule) continue;
    const changes = await applyRule(run, kind, rule);
    const outcome: PolicyOutcome = {
      kind,
      action: policy.action,
      days: policy.days,
      cutoff: rule.cutoff,
      changes,
    };
    outcomes.push(outcome);
    if (!options.dryRun) {
      await recordAudit(db, {
        actor: options.actor,
        action: "retention.apply",
        targetKind: "retention_policy",
        targetId: kind,
        after: outcome,
        at: now,
      });
    }
  }
  return {
    dryRun: options.dryRun,
    now,
    policies: outcomes,
    changes: outcomes.reduce((total, outcome) => addChanges(total, outcome.changes), noChanges()),
    held: { customers: run.heldCustomers.size, cases: run.heldCases.size },
  };
}

interface RunContext {
  db: Kysely<DB>;
  now: number;
  dryRun: boolean;
  rules: RetentionRules;
  batchSize: number;
  heldCustomers: Set<string>;
  heldCases: Set<string>;
}

function applyRule(
  run: RunContext,
  kind: RetentionKind,
  rule: RetentionRule,
): Promise<RetentionChanges> {
  switch (kind) {
    case "cases":
      return applyCasesRule(run, rule);
    case "events":
      return applyEventsRule(run, rule);
    case "survey_comments":
      return applySurveyCommentsRule(run, rule);
    case "audit":
      return applyAuditRule(run, rule);
  }
}

/** Runs `work` in a transaction of its own, or straight on the store for a dry run. */
function inBatch<T>(run: RunContext, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return run.dryRun ? work(run.db) : run.db.transaction().execute(work);
}

async function loadHolds(db: Kysely<DB>): Promise<ActiveHolds> {
  return activeHolds(await listHoldRows(db, { active: true }));
}

/** Writes a batch's plan (unless dry), notes what holds kept, and returns its counts. */
async function finishBatch(run: RunContext, db: Kysely<DB>, plan: BatchPlan) {
  for (const id of plan.held.customers) run.heldCustomers.add(id);
  for (const id of plan.held.cases) run.heldCases.add(id);
  if (!run.dryRun) {
    const { writes } = plan;
    await anonymiseCustomers(db, writes.anonymiseCustomers);
    await anonymiseCaseSubjects(db, writes.anonymiseCases);
    await redactEvents(db, writes.redactEvents, run.now);
    await markFactsOfPurgedEvents(db, writes.purgeEvents);
    await purgeEvents(db, writes.purgeEvents, run.now);
    await forgetFactsOfCases(db, writes.purgeCases);
    await purgeCases(db, writes.purgeCases, run.now);
  }
  return plan.changes;
}

function groupByCustomer(customerIds: readonly string[], cases: readonly CaseRecord[]) {
  const byCustomer = new Map<string, CaseRecord[]>(customerIds.map((id) => [id, []]));
  for (const item of cases) byCustomer.get(item.customerId)?.push(item);
  return byCustomer;
}

async function applyCasesRule(run: RunContext, rule: RetentionRule): Promise<RetentionChanges> {
  let total = noChanges();
  let afterId: string | null = null;
  for (;;) {
    const page: { changes: RetentionChanges; lastId: string | null; full: boolean } = await inBatch(
      run,
      async (db) => {
        const customerIds = await listCustomersWithCasesResolvedBefore(db, rule.cutoff, {
          afterId,
          limit: run.batchSize,
        });
        const holds = await loadHolds(db);
        const byCustomer = groupByCustomer(
          customerIds,
          await listCaseRecordsOfCustomers(db, customerIds),
        );
        const groups = (await listCustomerRecords(db, customerIds)).map((customer) => ({
          customer,
          cases: byCustomer.get(customer.id) ?? [],
        }));
        const work = selectCaseWork(rule, holds, groups);
        const dueCaseIds = work.dueCases.map((item) => item.id);
        const caseEvents = await listEventsOfCases(
          db,
          dueCaseIds,
          rule.action === "purge" ? {} : { unredactedOfTypes: PERSONAL_EVENT_TYPES },
        );
        const customerEvents = await listUnredactedCustomerEvents(db, work.dueCustomers);
        const plan = planCasesBatch({ rule, holds, groups, caseEvents, customerEvents });
        return {
          changes: await finishBatch(run, db, plan),
          lastId: customerIds.at(-1) ?? null,
          full: customerIds.length === run.batchSize,
        };
      },
    );
    total = addChanges(total, page.changes);
    if (!page.full || page.lastId === null) return total;
    afterId = page.lastId;
  }
}

/** Customers among `customerIds` that the cases rule anonymises in this run. */
async function dueCustomersOf(
  db: Kysely<DB>,
  rules: RetentionRules,
  holds: ActiveHolds,
  customerIds: readonly string[],
): Promise<Set<string>> {
  const rule = rules.cases;
  if (!rule || customerIds.length === 0) return new Set();
  const byCustomer = groupByCustomer(
    customerIds,
    await listCaseRecordsOfCustomers(db, customerIds),
  );
  return new Set(
    customerIds.filter((id) => isCustomerDue(id, byCustomer.get(id) ?? [], rule, holds)),
  );
}

async function applyEventsRule(run: RunContext, rule: RetentionRule): Promise<RetentionChanges> {
  const purge = rule.action === "purge";
  return applyToEventPages(
    run,
    {
      before: rule.cutoff,
      unredactedOnly: !purge,
      ...(purge ? { wholeCaseBefore: rule.cutoff } : { types: PERSONAL_EVENT_TYPES }),
    },
    async (db, holds, events) => {
      const customerIds = [
        ...new Set(
          events.flatMap((event) =>
            event.type === "customer.upserted" && event.customerId !== null
              ? [event.customerId]
              : [],
          ),
        ),
      ];
      const dueCustomers = await dueCustomersOf(db, run.rules, holds, customerIds);
      return planEventsBatch({ rules: run.rules, holds, events, dueCustomers });
    },
  );
}

async function applySurveyCommentsRule(
  run: RunContext,
  rule: RetentionRule,
): Promise<RetentionChanges> {
  return applyToEventPages(
    run,
    { before: rule.cutoff, unredactedOnly: true, types: ["survey.answered"] },
    async (_db, holds, events) => planSurveyCommentsBatch({ rules: run.rules, holds, events }),
  );
}

/** Pages through candidate events by `seq`, one transaction a page, planning each with `plan`. */
async function applyToEventPages(
  run: RunContext,
  query: {
    before: number;
    unredactedOnly: boolean;
    types?: readonly string[];
    wholeCaseBefore?: number;
  },
  plan: (
    db: Kysely<DB>,
    holds: ActiveHolds,
    events: Awaited<ReturnType<typeof listEventCandidates>>,
  ) => Promise<BatchPlan>,
): Promise<RetentionChanges> {
  let total = noChanges();
  let afterSeq = 0;
  for (;;) {
    const page: { changes: RetentionChanges; lastSeq: number | null; full: boolean } =
      await inBatch(run, async (db) => {
        const events = await listEventCandidates(db, {
          ...query,
          afterSeq,
          limit: run.batchSize,
        });
        const holds = await loadHolds(db);
        const changes = await finishBatch(run, db, await plan(db, holds, events));
        return {
          changes,
          lastSeq: events.at(-1)?.seq ?? null,
          full: events.length === run.batchSize,
        };
      });
    total = addChanges(total, page.changes);
    if (!page.full || page.lastSeq === null) return total;
    afterSeq = page.lastSeq;
  }
}

/**
 * Clears the before/after payloads of audit entries older than the cutoff, except entries about
 * a held customer or case (or a case of a held customer). The audit module does it in one
 * statement; the hash chain still verifies afterwards.
 */
async function applyAuditRule(run: RunContext, rule: RetentionRule): Promise<RetentionChanges> {
  return inBatch(run, async (db) => {
    const holds = await loadHolds(db);
    const casesOfHeldCustomers = await listCaseRecordsOfCustomers(db, [...holds.customers]);
    const heldCases = new Set([...holds.cases, ...casesOfHeldCustomers.map((item) => item.id)]);
    const cleared = await purgeAuditPayloads(db, {
      before: rule.cutoff,
      exceptTargets: new Map([
        ["customer", [...holds.customers]],
        ["case", [...heldCases]],
      ]),
      dryRun: run.dryRun,
    });
    return { ...noChanges(), auditPayloadsPurged: cleared };
  });
}

/** The one place retention writes to the audit trail. */
async function recordAudit(db: Kysely<DB>, entry: AuditInput): Promise<void> {
  await appendAudit(db, entry);
}

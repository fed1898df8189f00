import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { inChunks } from "../../db/batching.js";
import { isUniqueViolation } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { toIso } from "../../http/common.schemas.js";
import { moveJobCursor, readJobCursor } from "../../jobs/job-cursor.repository.js";
import { type AuditInput, appendAuditBatch } from "../audit/audit.service.js";
import { findCasesByIds } from "../cases/case.repository.js";
import { findExistingEventIds } from "../events/event.repository.js";
import type { CaseEscalated, SlaClockKind } from "../events/event.types.js";
import { AUDIT_ACTIONS } from "../events/event-audit.js";
import { recordEvents } from "../events/event-recorder.js";
import { checkEvent } from "../events/event-validation.js";
import type { Notification } from "../notifications/notification.js";
import { insertNotifications } from "../notifications/notification.repository.js";
import type { SettingsVersion, StoredSettingsKind } from "../settings/settings.js";
import { loadSettings } from "../settings/settings.service.js";
import { findTeamsByIds } from "../teams/team.repository.js";
import { getUser, listUsers } from "../users/user.repository.js";
import { type ClockToEscalate, listClocksToEscalate } from "./escalation.repository.js";
import { loadBusinessCalendars } from "./escalation-calendars.js";
import {
  type DueStep,
  describeTarget,
  type EscalationPolicies,
  type EscalationPolicy,
  levelOfStep,
  matchEscalationPolicy,
  planEscalationSteps,
} from "./escalation-policy.js";
import { type PossibleRecipient, resolveRecipients } from "./escalation-recipients.js";
import { ESCALATION_POLICY_SETTINGS } from "./escalation-settings.js";

/** The job cursor holding the instant of the escalation job's last completed run. */
export const ESCALATION_CURSOR = "escalations";

/**
 * How far before its last run the job looks again at clocks that changed: a write whose
 * transaction was still open when the last run read the clocks commits with an older
 * `updated_at`, and is found by the next run all the same.
 */
const RESCAN_SLACK_MS = 10 * 60_000;
/** On its very first run the job looks at clocks changed in the last week. */
const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 60 * 60_000;
const CLOCKS_PER_PAGE = 1_000;
/** Event ids are at most 200 characters; longer keys are hashed. */
const MAX_EVENT_ID_LENGTH = 200;

const CLOCK_LABELS: Record<SlaClockKind, string> = {
  firstResponse: "first response",
  nextUpdate: "next update",
  resolution: "resolution",
  internal: "internal handoff",
};

export interface EscalationRunReport {
  /** Clocks looked at. */
  clocks: number;
  /** Steps recorded as `case.escalated` events in this run. */
  fired: number;
  /** In-app notifications created for them. */
  notified: number;
  /** Business-time steps of policies whose calendar no longer exists (not fired). */
  unplaceable: number;
  /** Steps refused by the case (it was closed in the meantime). */
  refused: number;
}

/**
 * The id of the event of one step for one clock cycle. Deterministic, so however many runs or
 * processes see the step due, the event log takes it once (`recordEvents` skips a known id and
 * the unique index refuses a racing twin).
 */
export function escalationEventId(parts: {
  caseId: string;
  policyId: string;
  step: number;
  clock: string;
  startedAt: number;
}): string {
  const key = `esc:${parts.caseId}:${parts.policyId}:${parts.step}:${parts.clock}:${parts.startedAt}`;
  if (key.length <= MAX_EVENT_ID_LENGTH) return key;
  return `esc:${createHash("sha256").update(key).digest("hex")}`;
}

interface PlannedStep {
  eventId: string;
  clock: ClockToEscalate;
  policy: EscalationPolicy;
  due: DueStep;
}

/**
 * Fires every escalation step that is due at `now` and has not fired yet: one `case.escalated`
 * event per step and clock cycle, with in-app notifications for its recipients, each step in a
 * transaction of its own. After downtime the first run catches up: a step whose instant passed
 * while nobody ran fires then, once, dated at its instant.
 */
export async function runEscalations(
  db: Kysely<DB>,
  options: { now: number },
): Promise<EscalationRunReport> {
  const { now } = options;
  const report: EscalationRunReport = {
    clocks: 0,
    fired: 0,
    notified: 0,
    unplaceable: 0,
    refused: 0,
  };
  const lastRun = await readJobCursor(db, ESCALATION_CURSOR);
  const { policies } = (await loadSettings(db, ESCALATION_POLICY_SETTINGS)).body;
  if (policies.length > 0) {
    const calendars = await loadBusinessCalendars(db);
    const since = (lastRun ?? now - FIRST_RUN_LOOKBACK_MS) - RESCAN_SLACK_MS;
    const planned: PlannedStep[] = [];
    let after: { caseId: string; clock: string } | undefined;
    for (;;) {
      const page = await listClocksToEscalate(db, {
        since,
        limit: CLOCKS_PER_PAGE,
        ...(after === undefined ? {} : { after }),
      });
      report.clocks += page.length;
      for (const clock of page) {
        const policy = matchEscalationPolicy(policies, clock);
        if (!policy) continue;
        const calendar =
          policy.calendarId === undefined ? null : (calendars.get(policy.calendarId) ?? null);
        const plan = planEscalationSteps(
          policy,
          calendar,
          {
            atRiskAt: clock.atRiskFiredAt === null ? null : clock.atRiskAt,
            breachedAt: clock.breachedFiredAt === null ? null : clock.dueAt,
            stoppedAt: clock.stoppedAt,
            paused: clock.state === "paused",
          },
          now,
        );
        report.unplaceable += plan.unplaceable.length;
        for (const due of plan.due) {
          const eventId = escalationEventId({
            caseId: clock.caseId,
            policyId: policy.id,
            step: due.step,
            clock: clock.clock,
            startedAt: clock.startedAt,
          });
          planned.push({ eventId, clock, policy, due });
        }
      }
      const last = page[page.length - 1];
      if (page.length < CLOCKS_PER_PAGE || !last) break;
      after = { caseId: last.caseId, clock: last.clock };
    }

    const fired = await findExistingEventIds(
      db,
      planned.map((step) => step.eventId),
    );
    const pending = planned
      .filter((step) => !fired.has(step.eventId))
      .sort((a, b) => a.due.fireAt - b.due.fireAt || a.eventId.localeCompare(b.eventId));
    if (pending.length > 0) {
      const users = (await listUsers(db)).map(
        (user): PossibleRecipient => ({
          id: user.id,
          disabled: user.disabled,
          grants: user.grants,
        }),
      );
      for (const chunk of inChunks(pending, STEPS_PER_TRANSACTION)) {
        const batch = await fireSteps(db, chunk, users, now);
        // A step the lifecycle refuses (or one another process fired meanwhile) rolls its whole
        // batch back; the batch then goes one step per transaction so the others still fire.
        const outcomes =
          batch === "retry_one_by_one"
            ? await sequentially(chunk, (step) => fireStep(db, step, users, now))
            : batch;
        for (const outcome of outcomes) {
          if (outcome === "refused") report.refused += 1;
          else if (outcome !== "already_fired") {
            report.fired += 1;
            report.notified += outcome.notified;
          }
        }
      }
    }
  }
  await moveJobCursor(db, { name: ESCALATION_CURSOR, from: lastRun, to: now, now });
  return report;
}

/** Steps fired per transaction: a catch-up after downtime (or over the demo's history) commits in steps. */
const STEPS_PER_TRANSACTION = 250;

type StepOutcome = { notified: number } | "already_fired" | "refused";

async function sequentially<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await work(item));
  return results;
}

/**
 * Records a batch of steps (in fire order) with their audit entries and notifications in one
 * transaction. "retry_one_by_one" when any of them is refused or raced, having written nothing.
 */
async function fireSteps(
  db: Kysely<DB>,
  steps: readonly PlannedStep[],
  users: readonly PossibleRecipient[],
  now: number,
): Promise<StepOutcome[] | "retry_one_by_one"> {
  try {
    return await db.transaction().execute(async (trx) => {
      const cases = await findCasesByIds(trx, [...new Set(steps.map((step) => step.clock.caseId))]);
      // A case's level as the batch's earlier steps leave it.
      const levels = new Map(cases.map((item) => [item.id, item.escalationLevel]));
      const built = steps.map((step) => {
        const current = levels.get(step.clock.caseId);
        if (current === undefined) return undefined;
        const built = buildStepEvent(step, current);
        levels.set(step.clock.caseId, built.level);
        return built;
      });
      if (built.some((item) => item === undefined)) return "retry_one_by_one" as const;
      const events = built as BuiltStep[];
      const recorded = new Set(
        (
          await recordEvents(
            trx,
            events.map(({ event, atMs }) => ({ event, atMs })),
            { createMissing: false },
          )
        ).recordedIds,
      );
      return writeStepEffects(trx, steps, events, recorded, users, now);
    });
  } catch (error) {
    if (isUniqueViolation(error) || error instanceof AppError) return "retry_one_by_one";
    throw error;
  }
}

/** Records one step's event, its audit entry and its notifications in one transaction. */
async function fireStep(
  db: Kysely<DB>,
  step: PlannedStep,
  users: readonly PossibleRecipient[],
  now: number,
): Promise<StepOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const [current] = await findCasesByIds(trx, [step.clock.caseId]);
      if (!current) return "refused" as const;
      const built = buildStepEvent(step, current.escalationLevel);
      const recorded = await recordEvents(trx, [{ event: built.event, atMs: built.atMs }], {
        createMissing: false,
      });
      const [outcome] = await writeStepEffects(
        trx,
        [step],
        [built],
        new Set(recorded.recordedIds),
        users,
        now,
      );
      return outcome ?? ("already_fired" as const);
    });
  } catch (error) {
    // Another process recorded the same event id between our check and our insert.
    if (isUniqueViolation(error)) return "already_fired";
    // The case's lifecycle refuses it (closed while the clock still looked open).
    if (error instanceof AppError) return "refused";
    throw error;
  }
}

interface BuiltStep {
  event: CaseEscalated;
  atMs: number;
  level: number;
}

function buildStepEvent(step: PlannedStep, currentLevel: number): BuiltStep {
  const { due, clock, policy } = step;
  const level = levelOfStep(due.definition, currentLevel);
  const event: CaseEscalated = {
    type: "case.escalated",
    id: step.eventId,
    at: toIso(due.fireAt),
    case: clock.caseId,
    level,
    to: describeTarget(due.definition.to),
    policy: policy.id,
    step: due.step,
    trigger: due.trigger,
  };
  const checked = checkEvent(event);
  if (!checked.ok) {
    throw new Error(`escalation event ${step.eventId} is invalid: ${checked.problem.reason}`);
  }
  return { event, atMs: due.fireAt, level };
}

/** The audit entries and notifications of the steps whose events were recorded just now. */
async function writeStepEffects(
  trx: Kysely<DB>,
  steps: readonly PlannedStep[],
  built: readonly BuiltStep[],
  recorded: ReadonlySet<string>,
  users: readonly PossibleRecipient[],
  now: number,
): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const audits: AuditInput[] = [];
  const notifications: Notification[] = [];
  steps.forEach((step, index) => {
    const made = built[index];
    if (made === undefined || !recorded.has(step.eventId)) {
      outcomes.push("already_fired");
      return;
    }
    const { due, clock } = step;
    audits.push({
      actor: SYSTEM_ACTORS.scheduler,
      action: AUDIT_ACTIONS["case.escalated"],
      targetKind: "case",
      targetId: clock.caseId,
      after: made.event,
      at: now,
    });
    const recipients = resolveRecipients(users, due.definition.to, {
      teamId: clock.teamId ?? clock.caseTeamId,
      region: clock.region,
    });
    for (const userId of recipients) {
      notifications.push({
        id: randomUUID(),
        userId,
        caseId: clock.caseId,
        kind: `escalation.${due.definition.action}`,
        ...describeStep(step, made.level),
        eventId: step.eventId,
        createdAt: now,
        readAt: null,
      });
    }
    outcomes.push({ notified: recipients.length });
  });
  await appendAuditBatch(trx, audits);
  await insertNotifications(trx, notifications);
  return outcomes;
}

function describeStep(step: PlannedStep, level: number): { title: string; body: string } {
  const { clock, policy, due } = step;
  const label = CLOCK_LABELS[clock.clock];
  const what =
    due.trigger === "at_risk"
      ? `the ${label} clock has been at risk since ${toIso(clock.atRiskAt)}`
      : `the ${label} clock breached at ${toIso(clock.dueAt)}`;
  const title =
    due.definition.action === "escalate"
      ? `Case ${clock.caseId} escalated to level ${level}`
      : `Case ${clock.caseId}: ${label} ${due.trigger === "at_risk" ? "at risk" : "breached"}`;
  return {
    title,
    body: `${policy.name}, step ${due.step}: ${what} (due ${toIso(clock.dueAt)}).`,
  };
}

/**
 * Checks what an escalation-policies document names against the store, in the save's
 * transaction: each calendar in the `calendars` document, each user and team. The first problem
 * is a 400 naming the field; the save is rolled back.
 */
/** Escalation policies: the calendars, teams and users they name must exist. */
export const ESCALATION_POLICIES_KIND: StoredSettingsKind<EscalationPolicies> = {
  ...ESCALATION_POLICY_SETTINGS,
  afterSave: (trx, saved) => checkEscalationReferences(trx, saved),
};

export async function checkEscalationReferences(
  db: Kysely<DB>,
  saved: SettingsVersion<EscalationPolicies>,
): Promise<void> {
  const calendars = await loadBusinessCalendars(db);
  const teamIds = saved.body.policies.flatMap((policy) =>
    policy.steps.flatMap((step) => (step.to.kind === "team" ? [step.to.team] : [])),
  );
  const teams = new Set((await findTeamsByIds(db, teamIds)).map((team) => team.id));
  const invalid = (field: string, message: string) =>
    new AppError("request.invalid", {
      message: `${field} ${message}`,
      field: `body.document.${field}`,
    });
  for (const [index, policy] of saved.body.policies.entries()) {
    if (policy.calendarId !== undefined && !calendars.has(policy.calendarId)) {
      throw invalid(
        `policies.${index}.calendarId`,
        `"${policy.calendarId}" is not a calendar of the calendars settings`,
      );
    }
    for (const [stepIndex, step] of policy.steps.entries()) {
      const at = `policies.${index}.steps.${stepIndex}.to`;
      if (step.to.kind === "team" && !teams.has(step.to.team)) {
        throw invalid(`${at}.team`, `"${step.to.team}" is not a team`);
      }
      if (step.to.kind === "user" && (await getUser(db, step.to.user)) === undefined) {
        throw invalid(`${at}.user`, `"${step.to.user}" is not a user`);
      }
    }
  }
}

/**
 * From a case's stored history to its SLA clock rows: the events are read as SLA facts, the
 * policy is matched, the clocks computed (sla-policy.ts, internal-sla.ts) and turned into the
 * persisted form. Pure: the service loads and writes.
 */
import type { CaseStatus, Channel, Priority, SlaClockKind } from "../events/event.types.js";
import { computeInternalClock, type InternalFact } from "./internal-sla.js";
import {
  type ClockState,
  computeSlaClock,
  policyApplies,
  SLA_TARGET_KINDS,
  type SlaCaseAttributes,
  type SlaFact,
  type SlaHistory,
  type SlaPolicy,
} from "./sla-policy.js";
import type { SlaSettings } from "./sla-settings.js";

export const SLA_CLOCK_STATES = ["running", "paused", "met", "breached"] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];

/** One persisted clock (the row of sla_clocks without the fired columns). */
export interface SlaClock {
  caseId: string;
  clock: SlaClockKind;
  policyId: string;
  teamId: string | null;
  startedAt: number;
  dueAt: number;
  atRiskAt: number;
  stoppedAt: number | null;
  state: SlaClockState;
}

/** A persisted clock with when its thresholds fired. */
export interface StoredSlaClock extends SlaClock {
  atRiskFiredAt: number | null;
  breachedFiredAt: number | null;
  updatedAt: number;
}

/** An event of a case as far as SLAs care: its type, time and the few fields that matter. */
export interface SlaEventInput {
  type: string;
  at: number;
  data: { status?: unknown; by?: unknown; public?: unknown; from?: unknown; to?: unknown };
}

/**
 * Event types that move a clock; others are never read for SLAs. sla_histories stores these types
 * with the fields of SlaEventInput: change either and bump SLA_HISTORY_FORMAT (sla.repository.ts).
 */
export const SLA_EVENT_TYPES = [
  "case.assigned",
  "case.replied",
  "case.handoff",
  "case.status",
  "case.worked",
  "case.resolved",
  "case.reopened",
  "case.closed",
  "case.merged_into",
] as const;

const SLA_TYPES: ReadonlySet<string> = new Set(SLA_EVENT_TYPES);

/** The event types whose payload fields readSlaFacts reads; the others it reads by type and time. */
const SLA_TYPES_WITH_FIELDS: ReadonlySet<string> = new Set([
  "case.status",
  "case.replied",
  "case.handoff",
]);

/**
 * An event of the log as the clocks read it, or undefined for a type they never read. The payload
 * is asked for only when the clocks read fields of this type (so a lazily parsed event of another
 * type stays unparsed), and only those fields are kept.
 */
export function toSlaEvent(
  type: string,
  at: number,
  readPayload: () => unknown,
): SlaEventInput | undefined {
  if (!SLA_TYPES.has(type)) return undefined;
  if (!SLA_TYPES_WITH_FIELDS.has(type)) return { type, at, data: {} };
  const payload = readPayload() as SlaEventInput["data"];
  const data: SlaEventInput["data"] = {};
  if (payload.status !== undefined) data.status = payload.status;
  if (payload.by !== undefined) data.by = payload.by;
  if (payload.public !== undefined) data.public = payload.public;
  if (payload.from !== undefined) data.from = payload.from;
  if (payload.to !== undefined) data.to = payload.to;
  return { type, at, data };
}

export interface SlaCaseInput {
  id: string;
  tier: string;
  priority: Priority;
  channel: Channel;
  category: string;
  openedAt: number;
  /** The case's events in time order (others than SLA_EVENT_TYPES are skipped). */
  events: readonly SlaEventInput[];
}

/**
 * The facts of a history. A closure without a resolution (closed, merged into another case)
 * stops the clocks like a resolution: nobody owes the customer anything on that case any more.
 */
export function readSlaFacts(events: readonly SlaEventInput[]): {
  facts: SlaFact[];
  internal: InternalFact[];
} {
  const facts: SlaFact[] = [];
  const internal: InternalFact[] = [];
  for (const { type, at, data } of events) {
    switch (type) {
      case "case.status":
        facts.push({ at, kind: "status", status: data.status as "open" });
        internal.push({ at, kind: "action" });
        break;
      case "case.replied": {
        const byAgent = typeof data.by === "string" && data.by.startsWith("agent:");
        if (byAgent && data.public === true) {
          facts.push({ at, kind: "agent_public_reply" });
          internal.push({ at, kind: "action" });
        } else if (data.by === "customer") {
          facts.push({ at, kind: "customer_reply" });
        }
        break;
      }
      case "case.resolved":
      case "case.closed":
      case "case.merged_into":
        facts.push({ at, kind: "resolved" });
        internal.push({ at, kind: "action" });
        break;
      case "case.reopened":
        facts.push({ at, kind: "reopened" });
        break;
      case "case.handoff":
        internal.push({ at, kind: "handoff", from: String(data.from), to: String(data.to) });
        break;
      case "case.assigned":
      case "case.worked":
        internal.push({ at, kind: "action" });
        break;
      default:
        break;
    }
  }
  return { facts, internal };
}

function stateOf(clock: ClockState): SlaClockState {
  if (clock.stoppedAt !== undefined) return clock.met ? "met" : "breached";
  if (clock.breached) return "breached";
  return clock.paused ? "paused" : "running";
}

/**
 * The clocks of one case at `now`: those of the first policy that applies (none when none does)
 * and the latest internal clock. A policy whose business calendar is missing yields no clocks
 * (the settings service refuses such a reference, so this only guards old data).
 */
export function deriveSlaClocks(
  input: SlaCaseInput,
  settings: SlaSettings,
  now: number,
): SlaClock[] {
  const { facts, internal } = readSlaFacts(input.events);
  const clocks: SlaClock[] = [];
  const policy = settings.policies.find((candidate) => policyApplies(candidate, input));
  if (policy !== undefined) {
    const calendar =
      policy.calendarId === undefined ? undefined : settings.calendars.get(policy.calendarId);
    const needsCalendar = SLA_TARGET_KINDS.some(
      (kind) => policy.targets[kind]?.time === "business",
    );
    if (!needsCalendar || calendar !== undefined) {
      const history: SlaHistory = { openedAt: input.openedAt, events: facts };
      const computed = computeSlaClock(policy, calendar, history, now);
      for (const kind of SLA_TARGET_KINDS) {
        const clock = computed[kind];
        if (clock === undefined) continue;
        clocks.push({
          caseId: input.id,
          clock: kind,
          policyId: policy.id,
          teamId: null,
          startedAt: clock.startedAt,
          dueAt: clock.dueAt,
          atRiskAt: clock.atRiskAt,
          stoppedAt: clock.stoppedAt ?? null,
          state: stateOf(clock),
        });
      }
    }
  }
  if (settings.internal.length > 0) {
    const clock = computeInternalClock(settings.internal, settings.calendars, internal, now);
    if (clock !== undefined) {
      clocks.push({
        caseId: input.id,
        clock: "internal",
        policyId: clock.slaId,
        teamId: clock.team,
        startedAt: clock.startedAt,
        dueAt: clock.dueAt,
        atRiskAt: clock.atRiskAt,
        stoppedAt: clock.stoppedAt ?? null,
        state:
          clock.stoppedAt !== undefined
            ? clock.met
              ? "met"
              : "breached"
            : clock.breached
              ? "breached"
              : "running",
      });
    }
  }
  return clocks;
}

/**
 * Which cases a change of the SLA settings from `before` to `after` can move the clocks of: a
 * test on the case's attributes, or undefined when the change moves no clock at all. A case's
 * policy clocks depend only on the first policy that applies and on that policy's calendar, so a
 * case matched to the same, unchanged policy on an unchanged calendar computes the clocks it has.
 * Internal clocks depend on the case's handoffs, which its attributes do not tell: a change to the
 * internal SLAs or their calendars takes every case.
 *
 * @example
 * // Two holidays added to "night", which only policy "night-desk" uses: only the cases whose
 * // first applying policy is "night-desk" are recomputed.
 */
export function casesMovedBySettingsChange(
  before: SlaSettings,
  after: SlaSettings,
): ((attributes: SlaCaseAttributes) => boolean) | undefined {
  const changedCalendars = new Set<string>();
  for (const id of new Set([...before.calendars.keys(), ...after.calendars.keys()])) {
    if (!sameJson(before.calendars.get(id), after.calendars.get(id))) changedCalendars.add(id);
  }
  const onChangedCalendar = (item: { calendarId?: string }) =>
    item.calendarId !== undefined && changedCalendars.has(item.calendarId);
  if (!sameJson(before.internal, after.internal) || after.internal.some(onChangedCalendar)) {
    return () => true;
  }
  const beforeById = new Map(before.policies.map((policy) => [policy.id, policy]));
  // Policies a case keeps its clocks under when it matched them before the change too.
  const unchanged = new Set(
    after.policies
      .filter((policy) => sameJson(policy, beforeById.get(policy.id)) && !onChangedCalendar(policy))
      .map((policy) => policy.id),
  );
  if (sameJson(before.policies, after.policies) && unchanged.size === after.policies.length) {
    return undefined;
  }
  const firstApplying = (policies: readonly SlaPolicy[], attributes: SlaCaseAttributes) =>
    policies.find((policy) => policyApplies(policy, attributes));
  return (attributes) => {
    const current = firstApplying(after.policies, attributes);
    const previous = firstApplying(before.policies, attributes);
    if (current === undefined || previous === undefined) return current !== previous;
    return current.id !== previous.id || !unchanged.has(current.id);
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A stored clock's state at `now`: the stored state is as of the last recompute, so a running
 * clock whose due time has passed since is breached now.
 */
export function currentClockState(clock: SlaClock, now: number): SlaClockState {
  if (clock.state === "running" && clock.stoppedAt === null && now > clock.dueAt) return "breached";
  return clock.state;
}

/**
 * The clock a case's queue badge shows: the running or paused clock with the earliest due time,
 * or undefined when every clock has stopped.
 */
export function summaryClock<T extends SlaClock>(clocks: readonly T[]): T | undefined {
  let earliest: T | undefined;
  for (const clock of clocks) {
    if (clock.stoppedAt !== null) continue;
    if (earliest === undefined || clock.dueAt < earliest.dueAt) earliest = clock;
  }
  return earliest;
}

/** Whether a case in this status can still have running clocks (recompute on edit takes these). */
export function isOpenStatus(status: CaseStatus): boolean {
  return status !== "resolved" && status !== "closed";
}

/**
 * SLA policies and their clocks: which policy applies to a case (first match by position), and
 * where its first-response, next-update and resolution clocks stand given the case's history.
 *
 * Pure: no I/O, no clock (`now` is an argument). Business time is calendar.ts's arithmetic; this
 * module only decides when each clock starts, stands still and stops.
 *
 * Clock rules (issue 4, item 7):
 * - Every clock stands still while the case is in `pending_customer`. For a business-time target
 *   the pending intervals are passed to the calendar as pauses; for a calendar-time target the
 *   paused wall-clock time is added to the due time. Only pauses before the due time move it.
 * - firstResponse runs from `openedAt` and stops at the first public agent reply. A case resolved
 *   before any public reply stops it at the resolution (the customer no longer waits for one); it
 *   never runs again, not even after a reopen.
 * - resolution runs from `openedAt` and stops at the resolution. A reopen continues it from where
 *   it stood: the minutes used before the resolution stay used, and the time between the
 *   resolution and the reopen counts like a pause. A case reopened late is therefore breached
 *   only if its total open (unpaused) time exceeds the target.
 * - nextUpdate runs in cycles. A cycle starts when the case opens, is reopened, or the customer
 *   replies while no cycle is running (a second customer message before the agent answered does
 *   not restart the clock: the agent still owes the answer to the first). A cycle stops at the
 *   next public agent reply, at `pending_customer` (the ball is in the customer's court) or at the
 *   resolution. The state returned is the latest cycle's.
 * - A stopped clock is met when it stopped at or before its due time; it is breached when it
 *   stopped after it, and a running clock is breached once `now` is past its due time.
 * - The at-risk instant is when `atRiskShare` of the target has been used, in the target's time.
 * - Events after `now` are ignored, so the clocks can also be evaluated as of an earlier instant.
 */
import { topLevelCategory } from "../cases/case.js";
import { CHANNELS, type Channel, PRIORITIES, type Priority } from "../events/event.types.js";
import {
  type BusinessCalendar,
  businessMinutesBetween,
  computeDueAtMillis,
  MAX_BUSINESS_MINUTES,
  type Pause,
} from "./calendar.js";

// ───────────────────────────── types ─────────────────────────────

export const SLA_TARGET_KINDS = ["firstResponse", "nextUpdate", "resolution"] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

export const SLA_TIME_KINDS = ["business", "calendar"] as const;
export type SlaTimeKind = (typeof SLA_TIME_KINDS)[number];

export interface Target {
  minutes: number;
  /** `business`: minutes inside the policy's calendar's open hours; `calendar`: wall-clock time. */
  time: SlaTimeKind;
}

export interface SlaConditions {
  tiers?: string[];
  priorities?: Priority[];
  channels?: Channel[];
  /** A top level (`billing`, matching every `billing/…` too) or a full `billing/refund`. */
  categories?: string[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  /** Policies are tried in ascending position; the first whose conditions hold applies. */
  position: number;
  /** An absent or empty list matches anything. */
  conditions: SlaConditions;
  targets: Partial<Record<SlaTargetKind, Target>>;
  /** Required when any target is in business time. */
  calendarId?: string;
  /** Share of a target used at which the clock is at risk, strictly between 0 and 1 (e.g. 0.75). */
  atRiskShare: number;
}

export type ValidatePolicyResult =
  | { ok: true; policy: SlaPolicy }
  | { ok: false; field: string; reason: string };

/** What a policy is matched on. */
export interface SlaCaseAttributes {
  tier: string;
  priority: Priority;
  channel: Channel;
  category: string;
}

/** One fact of a case's history that moves its SLA clocks; `at` is ms since the epoch. */
export type SlaFact =
  | { at: number; kind: "status"; status: "open" | "pending_customer" | "pending_internal" | "new" }
  | { at: number; kind: "agent_public_reply" }
  | { at: number; kind: "customer_reply" }
  | { at: number; kind: "resolved" }
  | { at: number; kind: "reopened" };

export interface SlaHistory {
  openedAt: number;
  /** In time order (ties keep their order). */
  events: readonly SlaFact[];
}

export interface ClockState {
  /** When the clock (for nextUpdate: its latest cycle) started. */
  startedAt: number;
  dueAt: number;
  atRiskAt: number;
  /** When the clock stopped: met, or no longer running (resolved, waiting on the customer). */
  stoppedAt?: number;
  /** Set once stopped: whether it stopped at or before `dueAt`. */
  met?: boolean;
  /** Stopped after `dueAt`, or still running with `now` past `dueAt`. */
  breached: boolean;
  /** Running but standing still now (the case is in pending_customer); `dueAt` will move. */
  paused: boolean;
  /**
   * Minutes the clock stood still so far (business minutes for a business target, wall-clock
   * minutes for a calendar target): pending_customer and, for resolution, resolved-until-reopen.
   */
  pausedMinutes: number;
}

export type SlaClocks = Partial<Record<SlaTargetKind, ClockState>>;

// ───────────────────────────── validation ─────────────────────────────

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Problem = { ok: false; field: string; reason: string };

const problem = (field: string, reason: string): Problem => ({ ok: false, field, reason });

const CATEGORY = /^[^/\s][^/]*(\/[^/\s][^/]*)?$/;

/** Validates one condition list; `accept` names what is wrong with an item, or returns null. */
function parseList<T extends string>(
  value: unknown,
  field: string,
  accept: (item: string) => string | null,
): T[] | Problem {
  if (!Array.isArray(value)) return problem(field, "must be a list");
  const items: T[] = [];
  for (const [index, item] of value.entries()) {
    if (typeof item !== "string") return problem(`${field}.${index}`, "must be a string");
    const wrong = accept(item);
    if (wrong !== null) return problem(`${field}.${index}`, wrong);
    items.push(item as T);
  }
  return items;
}

function oneOf(known: readonly string[]): (item: string) => string | null {
  return (item) => (known.includes(item) ? null : `"${item}" is not one of ${known.join(", ")}`);
}

function isProblem(value: unknown): value is Problem {
  return isRecord(value) && value.ok === false;
}

/**
 * Validates a policy read from JSON and returns a normalised, frozen copy, or the first problem
 * with the field at fault as a dotted path (`targets.firstResponse.minutes`, `conditions.channels.1`).
 */
export function validatePolicy(input: unknown): ValidatePolicyResult {
  if (!isRecord(input)) return problem("policy", "must be a JSON object");
  const { id, name, position, atRiskShare, calendarId } = input;
  if (typeof id !== "string" || id.trim() === "") return problem("id", "is required");
  if (typeof name !== "string" || name.trim() === "") return problem("name", "is required");
  if (typeof position !== "number" || !Number.isInteger(position)) {
    return problem("position", "must be a whole number (policies are tried in ascending order)");
  }

  const conditions: SlaConditions = {};
  if (input.conditions !== undefined) {
    if (!isRecord(input.conditions)) {
      return problem("conditions", "must be an object of tiers, priorities, channels, categories");
    }
    for (const key of Object.keys(input.conditions)) {
      if (!["tiers", "priorities", "channels", "categories"].includes(key)) {
        return problem(
          `conditions.${key}`,
          "is not a condition; use tiers, priorities, channels, categories",
        );
      }
    }
    const { tiers, priorities, channels, categories } = input.conditions;
    const parsers = [
      ["tiers", tiers, (item: string) => (item.trim() === "" ? "must not be empty" : null)],
      ["priorities", priorities, oneOf(PRIORITIES)],
      ["channels", channels, oneOf(CHANNELS)],
      [
        "categories",
        categories,
        (item: string) =>
          CATEGORY.test(item)
            ? null
            : `"${item}" is not a category: a top level ("billing") or "top/sub" ("billing/refund")`,
      ],
    ] as const;
    for (const [key, value, accept] of parsers) {
      if (value === undefined) continue;
      const list = parseList(value, `conditions.${key}`, accept);
      if (isProblem(list)) return list;
      (conditions as Record<string, string[]>)[key] = list;
    }
  }

  if (!isRecord(input.targets)) {
    return problem("targets", "a policy needs at least one target");
  }
  const targets: Partial<Record<SlaTargetKind, Target>> = {};
  for (const [key, value] of Object.entries(input.targets)) {
    const field = `targets.${key}`;
    if (!(SLA_TARGET_KINDS as readonly string[]).includes(key)) {
      return problem(field, `is not a target; use ${SLA_TARGET_KINDS.join(", ")}`);
    }
    if (value === undefined) continue;
    if (!isRecord(value)) return problem(field, 'must be {"minutes": n, "time": "business"}');
    const { minutes, time } = value;
    if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes <= 0) {
      return problem(`${field}.minutes`, "must be a number of minutes greater than 0");
    }
    if (minutes > MAX_BUSINESS_MINUTES) {
      return problem(`${field}.minutes`, `must be at most ${MAX_BUSINESS_MINUTES}`);
    }
    if (typeof time !== "string" || !(SLA_TIME_KINDS as readonly string[]).includes(time)) {
      return problem(`${field}.time`, `must be one of ${SLA_TIME_KINDS.join(", ")}`);
    }
    targets[key as SlaTargetKind] = { minutes, time: time as SlaTimeKind };
  }
  const businessTargets = SLA_TARGET_KINDS.filter((kind) => targets[kind]?.time === "business");
  if (Object.keys(targets).length === 0) {
    return problem("targets", "a policy needs at least one target");
  }

  if (calendarId !== undefined && (typeof calendarId !== "string" || calendarId.trim() === "")) {
    return problem("calendarId", "must be the id of a business calendar");
  }
  if (businessTargets.length > 0 && calendarId === undefined) {
    return problem(
      "calendarId",
      `is required for business-time targets (${businessTargets.join(", ")})`,
    );
  }

  if (
    typeof atRiskShare !== "number" ||
    !Number.isFinite(atRiskShare) ||
    atRiskShare <= 0 ||
    atRiskShare >= 1
  ) {
    return problem("atRiskShare", "must be a number between 0 and 1, exclusive (e.g. 0.75)");
  }

  const policy: SlaPolicy = {
    id,
    name,
    position,
    conditions,
    targets,
    ...(calendarId === undefined ? {} : { calendarId }),
    atRiskShare,
  };
  return { ok: true, policy: deepFreeze(policy) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// ───────────────────────────── matching ─────────────────────────────

/** Policies in the order they are tried: ascending position, ties in the given order. */
export function orderPolicies(policies: readonly SlaPolicy[]): SlaPolicy[] {
  return [...policies].sort((a, b) => a.position - b.position);
}

function matchesList<T>(list: readonly T[] | undefined, value: T): boolean {
  return list === undefined || list.length === 0 || list.includes(value);
}

/** Whether a case meets a policy's conditions (every non-empty list must hold). */
export function policyApplies(policy: SlaPolicy, attributes: SlaCaseAttributes): boolean {
  const { tiers, priorities, channels, categories } = policy.conditions;
  return (
    matchesList(tiers, attributes.tier) &&
    matchesList(priorities, attributes.priority) &&
    matchesList(channels, attributes.channel) &&
    (categories === undefined ||
      categories.length === 0 ||
      categories.includes(attributes.category) ||
      categories.includes(topLevelCategory(attributes.category)))
  );
}

/**
 * The policy that applies to a case: the first, by ascending `position`, whose conditions hold.
 * A category condition `billing` matches `billing` and every `billing/…`; `billing/refund` matches
 * only itself. Undefined when no policy applies (add a policy without conditions as a fallback).
 */
export function matchPolicy(
  policies: readonly SlaPolicy[],
  attributes: SlaCaseAttributes,
): SlaPolicy | undefined {
  return orderPolicies(policies).find((policy) => policyApplies(policy, attributes));
}

// ───────────────────────────── clocks ─────────────────────────────

interface Interval {
  from: number;
  to: number;
}

const MINUTE_MS = 60_000;

/** What the history says, reduced to the instants the clocks need. */
interface Timeline {
  /** pending_customer intervals, in order; an ongoing one ends at `now`. */
  pending: Interval[];
  pendingNow: boolean;
  firstResponseStop: number | undefined;
  /** Resolved-until-reopened intervals, in order. */
  resolvedGaps: Interval[];
  /** The current resolution, if the case is resolved now. */
  resolvedAt: number | undefined;
  /** The latest next-update cycle. */
  cycle: { start: number; stop: number | undefined };
}

function readHistory(history: SlaHistory, now: number): Timeline {
  const pending: Interval[] = [];
  const resolvedGaps: Interval[] = [];
  let pendingSince: number | undefined;
  let firstResponseStop: number | undefined;
  let resolvedAt: number | undefined;
  let cycle: Timeline["cycle"] = { start: history.openedAt, stop: undefined };
  let previousAt = Number.NEGATIVE_INFINITY;

  const endPending = (at: number): void => {
    if (pendingSince !== undefined) pending.push({ from: pendingSince, to: at });
    pendingSince = undefined;
  };
  const stopCycle = (at: number): void => {
    if (cycle.stop === undefined) cycle = { start: cycle.start, stop: at };
  };

  for (const fact of history.events) {
    if (fact.at < previousAt) {
      throw new RangeError("history events must be in time order");
    }
    previousAt = fact.at;
    if (fact.at > now) break;
    const at = Math.max(fact.at, history.openedAt);
    switch (fact.kind) {
      case "status":
        if (resolvedAt !== undefined) break;
        if (fact.status === "pending_customer") {
          pendingSince ??= at;
          stopCycle(at);
        } else {
          endPending(at);
        }
        break;
      case "agent_public_reply":
        firstResponseStop ??= at;
        stopCycle(at);
        break;
      case "customer_reply":
        if (resolvedAt === undefined && cycle.stop !== undefined) {
          cycle = { start: at, stop: undefined };
        }
        break;
      case "resolved":
        if (resolvedAt !== undefined) break;
        endPending(at);
        firstResponseStop ??= at;
        stopCycle(at);
        resolvedAt = at;
        break;
      case "reopened":
        if (resolvedAt === undefined) break;
        resolvedGaps.push({ from: resolvedAt, to: at });
        resolvedAt = undefined;
        cycle = { start: at, stop: undefined };
        break;
      default: {
        const unknown: never = fact;
        throw new RangeError(`unknown history fact ${JSON.stringify(unknown)}`);
      }
    }
  }
  const pendingNow = pendingSince !== undefined;
  endPending(Math.max(now, pendingSince ?? now));
  return { pending, pendingNow, firstResponseStop, resolvedGaps, resolvedAt, cycle };
}

/** Pauses cut to [from, to], sorted and merged; empty ones dropped. */
function clipPauses(pauses: readonly Interval[], from: number, to: number): Interval[] {
  const clipped: Interval[] = [];
  for (const pause of pauses) {
    const a = Math.max(pause.from, from);
    const b = Math.min(pause.to, to);
    if (b > a) clipped.push({ from: a, to: b });
  }
  clipped.sort((x, y) => x.from - y.from);
  const merged: Interval[] = [];
  for (const pause of clipped) {
    const last = merged[merged.length - 1];
    if (last && pause.from <= last.to) last.to = Math.max(last.to, pause.to);
    else merged.push(pause);
  }
  return merged;
}

/**
 * The instant at which `durationMs` of wall-clock time has run from `start`, the clock standing
 * still during `pauses` (sorted, disjoint). As in calendar.ts, a duration used up exactly where a
 * pause begins is due at that instant.
 */
function addRunningTime(start: number, durationMs: number, pauses: readonly Interval[]): number {
  let cursor = start;
  let remaining = durationMs;
  for (const pause of pauses) {
    if (pause.to <= cursor) continue;
    if (pause.from > cursor) {
      const run = pause.from - cursor;
      if (remaining <= run) return cursor + remaining;
      remaining -= run;
    }
    cursor = Math.max(cursor, pause.to);
  }
  return cursor + remaining;
}

function computeClock(
  target: Target,
  atRiskShare: number,
  calendar: BusinessCalendar | undefined,
  start: number,
  stop: number | undefined,
  pauses: readonly Interval[],
  pausedNow: boolean,
  now: number,
): ClockState {
  const running = clipPauses(pauses, start, stop ?? Math.max(now, start));
  let dueAt: number;
  let atRiskAt: number;
  let pausedMinutes = 0;
  if (target.time === "business") {
    if (calendar === undefined) {
      throw new RangeError("a business-time target needs the policy's business calendar");
    }
    const calendarPauses: Pause[] = running.map((p) => ({
      from: new Date(p.from),
      to: new Date(p.to),
    }));
    dueAt = computeDueAtMillis(calendar, new Date(start), target.minutes, calendarPauses);
    atRiskAt = computeDueAtMillis(
      calendar,
      new Date(start),
      target.minutes * atRiskShare,
      calendarPauses,
    );
    for (const pause of calendarPauses) {
      pausedMinutes += businessMinutesBetween(calendar, pause.from, pause.to);
    }
  } else {
    dueAt = addRunningTime(start, Math.round(target.minutes * MINUTE_MS), running);
    atRiskAt = addRunningTime(start, Math.round(target.minutes * atRiskShare * MINUTE_MS), running);
    for (const pause of running) pausedMinutes += (pause.to - pause.from) / MINUTE_MS;
  }
  if (stop !== undefined) {
    const met = stop <= dueAt;
    return {
      startedAt: start,
      dueAt,
      atRiskAt,
      stoppedAt: stop,
      met,
      breached: !met,
      paused: false,
      pausedMinutes,
    };
  }
  return {
    startedAt: start,
    dueAt,
    atRiskAt,
    breached: now > dueAt,
    paused: pausedNow,
    pausedMinutes,
  };
}

/**
 * Where each of the policy's clocks stands at `now` for a case with this history (rules in the
 * module comment). `calendar` is the policy's `calendarId` calendar; it is required when a target
 * is in business time.
 *
 * @example
 * // Mon–Fri 09:00–17:00 Europe/Berlin, first response 240 business minutes, at risk at 0.75.
 * // Opened Friday 2026-03-06 15:00: 2 h run on Friday, 2 h on Monday → due Monday 11:00;
 * // 180 minutes used → at risk Monday 10:00.
 */
export function computeSlaClock(
  policy: SlaPolicy,
  calendar: BusinessCalendar | undefined,
  history: SlaHistory,
  now: number,
): SlaClocks {
  const timeline = readHistory(history, now);
  const clocks: SlaClocks = {};
  const { firstResponse, nextUpdate, resolution } = policy.targets;
  const { openedAt } = history;
  if (firstResponse) {
    clocks.firstResponse = computeClock(
      firstResponse,
      policy.atRiskShare,
      calendar,
      openedAt,
      timeline.firstResponseStop,
      timeline.pending,
      timeline.pendingNow,
      now,
    );
  }
  if (nextUpdate) {
    clocks.nextUpdate = computeClock(
      nextUpdate,
      policy.atRiskShare,
      calendar,
      timeline.cycle.start,
      timeline.cycle.stop,
      timeline.pending,
      timeline.pendingNow,
      now,
    );
  }
  if (resolution) {
    clocks.resolution = computeClock(
      resolution,
      policy.atRiskShare,
      calendar,
      openedAt,
      timeline.resolvedAt,
      [...timeline.pending, ...timeline.resolvedGaps],
      timeline.pendingNow,
      now,
    );
  }
  return clocks;
}

// ───────────────────────────── recompute ─────────────────────────────

export interface SlaCase extends SlaCaseAttributes {
  id: string;
  history: SlaHistory;
}

export type RecomputedDueTimes =
  | { caseId: string; policyId: string | undefined; clocks: SlaClocks }
  | { caseId: string; policyId: string; problem: string };

/**
 * The policy and clocks of each case, for when a policy or calendar was edited: policies are
 * ordered once, each calendar's day cache is shared by every case on it. A case whose policy's
 * calendar is missing gets a `problem` instead of clocks, so one bad reference does not stop the
 * rest; a case no policy applies to gets `policyId: undefined` and no clocks.
 */
export function recomputeDueTimes(
  cases: readonly SlaCase[],
  policies: readonly SlaPolicy[],
  calendars: ReadonlyMap<string, BusinessCalendar>,
  now: number,
): RecomputedDueTimes[] {
  const ordered = orderPolicies(policies);
  return cases.map((slaCase): RecomputedDueTimes => {
    const policy = ordered.find((candidate) => policyApplies(candidate, slaCase));
    if (policy === undefined) return { caseId: slaCase.id, policyId: undefined, clocks: {} };
    const calendar = policy.calendarId === undefined ? undefined : calendars.get(policy.calendarId);
    const needsCalendar = SLA_TARGET_KINDS.some(
      (kind) => policy.targets[kind]?.time === "business",
    );
    if (needsCalendar && calendar === undefined) {
      return {
        caseId: slaCase.id,
        policyId: policy.id,
        problem: `calendar "${policy.calendarId}" of policy "${policy.id}" was not found`,
      };
    }
    return {
      caseId: slaCase.id,
      policyId: policy.id,
      clocks: computeSlaClock(policy, calendar, slaCase.history, now),
    };
  });
}

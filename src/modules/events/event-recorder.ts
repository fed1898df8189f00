import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { Agent } from "../agents/agent.js";
import { findAgentsByIds, upsertAgents } from "../agents/agent.repository.js";
import { type AlertEvent, applyAlertEvents, isAlertEvent } from "../alerts/alert-projection.js";
import type { Case } from "../cases/case.js";
import { findCasesByIds, upsertCases } from "../cases/case.repository.js";
import { refreshDerivedCaseState } from "../cases/case-derivations.js";
import { agentOfReply, foldCaseEvent, foldLateCaseEvent } from "../cases/case-projection.js";
import { loadCaseRules } from "../cases/case-rules.service.js";
import { type Customer, UNKNOWN_ATTRIBUTE } from "../customers/customer.js";
import { findCustomersByIds, upsertCustomers } from "../customers/customer.repository.js";
import { refreshFactsOfCustomers } from "../metrics/metric-facts.derivation.js";
import { listCasesWithStaleCustomerFacts } from "../metrics/metric-facts.repository.js";
import type { Team } from "../teams/team.js";
import { findTeamsByIds, upsertTeams } from "../teams/team.repository.js";
import {
  appendEvents,
  findExistingEventIds,
  listEventsOfCase,
  type NewEventRow,
} from "./event.repository.js";
import type { ThroughlineEvent } from "./event.types.js";

/**
 * The one door into the event log. Every state change (API, import, simulator) goes through
 * `recordEvents`, which writes the events and the current-state rows they imply in the same
 * transaction, so no change can skip the log and no event can exist without its effect.
 */

export interface PendingEvent {
  event: ThroughlineEvent;
  /** `event.at` in epoch milliseconds (already validated). */
  atMs: number;
}

export interface RecordOptions {
  /**
   * Create teams, agents and customers that an event names but the store has not seen (their id
   * as their name). When false, such an event is rejected.
   */
  createMissing: boolean;
  /**
   * Collects the ids of the cases this write touched instead of refreshing their derived state
   * (SLA clocks, time in team, links) now: a bulk import passes one set through all its batches
   * and refreshes each case once at the end (refreshDerivedCaseState).
   */
  deferDerivedState?: Set<string>;
}

export interface CreatedReferences {
  teams: string[];
  agents: string[];
  customers: string[];
}

export interface RecordReport {
  /** Ids of the events appended, in the order they were applied. */
  recordedIds: string[];
  /** Events whose id was already in the log (or earlier in the same batch). */
  duplicates: number;
  created: CreatedReferences;
}

interface WorkingSet {
  teams: Map<string, Team>;
  agents: Map<string, Agent>;
  customers: Map<string, Customer>;
  cases: Map<string, Case>;
  /** Ids whose row must be written at the end of the batch. */
  dirty: { teams: Set<string>; agents: Set<string>; customers: Set<string>; cases: Set<string> };
  casesToRebuild: Set<string>;
  created: { teams: Set<string>; agents: Set<string>; customers: Set<string> };
  /** How long after its resolution a case may be reopened (the `case-rules` in force). */
  reopenWindowMs: number;
}

interface Links {
  caseId: string | null;
  customerId: string | null;
  teamId: string | null;
  agentId: string | null;
}

export async function recordEvents(
  db: Kysely<DB>,
  pending: readonly PendingEvent[],
  options: RecordOptions,
): Promise<RecordReport> {
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => recordEvents(trx, pending, options));
  }
  const { fresh, duplicates } = await dropKnownEvents(db, pending);
  // Stable sort: events at the same instant keep the order they were given in, except that
  // descriptions and openings go first so that what they describe exists for the rest.
  fresh.sort((a, b) => a.atMs - b.atMs || applicationRank(a.event) - applicationRank(b.event));

  const { reopenWindowMs } = await loadCaseRules(db);
  const working = await loadWorkingSet(db, fresh, reopenWindowMs);
  const recordedAt = Date.now();
  const rows: NewEventRow[] = fresh.map(({ event, atMs }) => {
    const links = applyEvent(working, event, atMs, options);
    return {
      id: event.id as string,
      type: event.type,
      at: atMs,
      ...links,
      data: JSON.stringify(event),
      recordedAt,
    };
  });

  // Parents before children, for the foreign keys.
  await upsertTeams(db, pick(working.teams, working.dirty.teams));
  await upsertAgents(db, pick(working.agents, working.dirty.agents));
  await upsertCustomers(db, pick(working.customers, working.dirty.customers));
  await upsertCases(db, pick(working.cases, working.dirty.cases));
  await appendEvents(db, rows);
  // Events about no case that keep state of their own (alerts) apply it here, in time order.
  await applyAlertEvents(
    db,
    fresh.filter((item): item is { event: AlertEvent; atMs: number } => isAlertEvent(item.event)),
  );
  await rebuildCases(db, working.casesToRebuild, reopenWindowMs);
  const touched = rows.flatMap((row) => (row.caseId === null ? [] : [row.caseId]));
  // A customer's tier, segment and region are slice values of their cases' metrics.
  const upsertedCustomers = rows.flatMap((row) =>
    row.type === "customer.upserted" && row.customerId !== null ? [row.customerId] : [],
  );
  if (options.deferDerivedState) {
    // Their cases are derived again with the rest at the end: a write refreshing metric facts
    // now would hold the roll-up lock while its later batches still lock cases (lockRollups).
    const stale = await listCasesWithStaleCustomerFacts(db, upsertedCustomers);
    for (const caseId of [...touched, ...stale]) options.deferDerivedState.add(caseId);
  } else {
    await refreshFactsOfCustomers(db, upsertedCustomers, recordedAt);
    await refreshDerivedCaseState(db, touched, recordedAt);
  }

  return {
    recordedIds: rows.map((row) => row.id),
    duplicates,
    created: {
      teams: [...working.created.teams],
      agents: [...working.created.agents],
      customers: [...working.created.customers],
    },
  };
}

/**
 * Order of application among events at the same instant: records that others refer to first
 * (teams, agents, customers), then case openings, then everything that happens to a case.
 */
export function applicationRank(event: ThroughlineEvent): number {
  switch (event.type) {
    case "team.upserted":
      return 0;
    case "agent.upserted":
    case "customer.upserted":
      return 1;
    case "case.opened":
      return 2;
    default:
      return 3;
  }
}

function pick<T>(map: Map<string, T>, ids: Set<string>): T[] {
  const items: T[] = [];
  for (const id of ids) {
    const item = map.get(id);
    if (item !== undefined) items.push(item);
  }
  return items;
}

/** Gives id-less events an id and drops events already in the log or repeated in the batch. */
async function dropKnownEvents(
  db: Kysely<DB>,
  pending: readonly PendingEvent[],
): Promise<{ fresh: PendingEvent[]; duplicates: number }> {
  const seen = new Set<string>();
  const unique: PendingEvent[] = [];
  for (const item of pending) {
    const id = item.event.id ?? randomUUID();
    if (seen.has(id)) continue;
    seen.add(id);
    // `id` first so exported lines read naturally; the caller's object is not mutated.
    unique.push({ atMs: item.atMs, event: { id, ...item.event } as ThroughlineEvent });
  }
  const existing = await findExistingEventIds(db, [...seen]);
  const fresh = unique.filter((item) => !existing.has(item.event.id as string));
  return { fresh, duplicates: pending.length - fresh.length };
}

async function loadWorkingSet(
  db: Kysely<DB>,
  events: readonly PendingEvent[],
  reopenWindowMs: number,
): Promise<WorkingSet> {
  const teamIds = new Set<string>();
  const agentIds = new Set<string>();
  const customerIds = new Set<string>();
  const caseIds = new Set<string>();
  for (const { event } of events) {
    switch (event.type) {
      case "team.upserted":
        teamIds.add(event.team);
        break;
      case "agent.upserted":
        agentIds.add(event.agent);
        teamIds.add(event.team);
        break;
      case "agent.presence":
        agentIds.add(event.agent);
        break;
      case "customer.upserted":
        customerIds.add(event.customer);
        break;
      case "case.opened":
        caseIds.add(event.case);
        customerIds.add(event.customer);
        teamIds.add(event.team);
        break;
      case "case.assigned":
        caseIds.add(event.case);
        agentIds.add(event.agent);
        if (event.team) teamIds.add(event.team);
        break;
      case "case.replied": {
        caseIds.add(event.case);
        const agent = agentOfReply(event.by);
        if (agent) agentIds.add(agent);
        break;
      }
      case "case.handoff":
        caseIds.add(event.case);
        teamIds.add(event.from);
        teamIds.add(event.to);
        break;
      case "case.worked":
        caseIds.add(event.case);
        agentIds.add(event.agent);
        break;
      case "case.routed":
        caseIds.add(event.case);
        teamIds.add(event.team);
        break;
      case "alert.raised":
      case "alert.resolved":
        break;
      default:
        caseIds.add(event.case);
    }
  }
  const [teams, agents, customers, cases] = await Promise.all([
    findTeamsByIds(db, [...teamIds]),
    findAgentsByIds(db, [...agentIds]),
    findCustomersByIds(db, [...customerIds]),
    findCasesByIds(db, [...caseIds]),
  ]);
  return {
    teams: new Map(teams.map((team) => [team.id, team])),
    agents: new Map(agents.map((agent) => [agent.id, agent])),
    customers: new Map(customers.map((customer) => [customer.id, customer])),
    cases: new Map(cases.map((item) => [item.id, item])),
    dirty: { teams: new Set(), agents: new Set(), customers: new Set(), cases: new Set() },
    casesToRebuild: new Set(),
    created: { teams: new Set(), agents: new Set(), customers: new Set() },
    reopenWindowMs,
  };
}

type ReferenceKind = "teams" | "agents" | "customers";
interface ReferencedRecord {
  teams: Team;
  agents: Agent;
  customers: Customer;
}
const NOT_FOUND = {
  teams: "team.not_found",
  agents: "agent.not_found",
  customers: "customer.not_found",
} as const;

/**
 * Makes sure a team, agent or customer that an event names exists: known already, or created
 * from `placeholder` (its id as its name) when the options allow, or rejected naming `field`.
 */
function ensureReferenced<K extends ReferenceKind>(
  working: WorkingSet,
  kind: K,
  id: string,
  field: string,
  options: RecordOptions,
  placeholder: () => ReferencedRecord[K],
): void {
  const records = working[kind] as Map<string, ReferencedRecord[K]>;
  if (records.has(id)) return;
  if (!options.createMissing) {
    throw new AppError(NOT_FOUND[kind], {
      message: `${kind.slice(0, -1)} "${id}" does not exist`,
      field,
    });
  }
  records.set(id, placeholder());
  working.dirty[kind].add(id);
  working.created[kind].add(id);
}

function requireTeam(
  working: WorkingSet,
  id: string,
  field: string,
  atMs: number,
  options: RecordOptions,
): void {
  ensureReferenced(working, "teams", id, field, options, () => ({
    id,
    name: id,
    hourlyCost: null,
    createdAt: atMs,
    updatedAt: atMs,
  }));
}

function requireAgent(
  working: WorkingSet,
  id: string,
  teamId: string,
  field: string,
  atMs: number,
  options: RecordOptions,
): void {
  ensureReferenced(working, "agents", id, field, options, () => ({
    id,
    teamId,
    name: id,
    skills: [],
    skillLevels: {},
    capacity: {},
    shift: null,
    presence: "available",
    presenceAt: atMs,
    createdAt: atMs,
    updatedAt: atMs,
  }));
}

function requireCustomer(
  working: WorkingSet,
  id: string,
  atMs: number,
  options: RecordOptions,
): void {
  ensureReferenced(working, "customers", id, "customer", options, () => ({
    id,
    name: id,
    email: null,
    phone: null,
    tier: UNKNOWN_ATTRIBUTE,
    segment: UNKNOWN_ATTRIBUTE,
    region: UNKNOWN_ATTRIBUTE,
    language: null,
    createdAt: atMs,
    updatedAt: atMs,
  }));
}

/** Applies one event to the working set and returns the links its log row is indexed by. */
function applyEvent(
  working: WorkingSet,
  event: ThroughlineEvent,
  atMs: number,
  options: RecordOptions,
): Links {
  switch (event.type) {
    case "team.upserted": {
      const existing = working.teams.get(event.team);
      working.teams.set(event.team, {
        id: event.team,
        name: event.name ?? existing?.name ?? event.team,
        hourlyCost: event.hourlyCost ?? existing?.hourlyCost ?? null,
        createdAt: existing?.createdAt ?? atMs,
        updatedAt: atMs,
      });
      working.dirty.teams.add(event.team);
      return { caseId: null, customerId: null, teamId: event.team, agentId: null };
    }
    case "agent.upserted": {
      requireTeam(working, event.team, "team", atMs, options);
      const existing = working.agents.get(event.agent);
      working.agents.set(event.agent, {
        id: event.agent,
        teamId: event.team,
        name: event.name ?? existing?.name ?? event.agent,
        skills: event.skills ?? existing?.skills ?? [],
        skillLevels: event.skillLevels ?? existing?.skillLevels ?? {},
        capacity: event.capacity ?? existing?.capacity ?? {},
        shift: event.shift === undefined ? (existing?.shift ?? null) : event.shift,
        presence: existing?.presence ?? "available",
        presenceAt: existing?.presenceAt ?? atMs,
        createdAt: existing?.createdAt ?? atMs,
        updatedAt: atMs,
      });
      working.dirty.agents.add(event.agent);
      return { caseId: null, customerId: null, teamId: event.team, agentId: event.agent };
    }
    case "agent.presence": {
      const existing = working.agents.get(event.agent);
      if (!existing) {
        throw new AppError("agent.not_found", {
          message: `agent "${event.agent}" does not exist`,
          field: "agent",
        });
      }
      // An older presence event arriving late does not overwrite a newer one.
      if (atMs >= existing.presenceAt) {
        working.agents.set(event.agent, {
          ...existing,
          presence: event.presence,
          presenceAt: atMs,
          updatedAt: Math.max(existing.updatedAt, atMs),
        });
        working.dirty.agents.add(event.agent);
      }
      return { caseId: null, customerId: null, teamId: existing.teamId, agentId: event.agent };
    }
    case "customer.upserted": {
      const existing = working.customers.get(event.customer);
      working.customers.set(event.customer, {
        id: event.customer,
        name: event.name ?? existing?.name ?? null,
        email: event.email ?? existing?.email ?? null,
        phone: event.phone ?? existing?.phone ?? null,
        tier: event.tier,
        segment: event.segment,
        region: event.region,
        language: event.language ?? existing?.language ?? null,
        createdAt: existing?.createdAt ?? atMs,
        updatedAt: atMs,
      });
      working.dirty.customers.add(event.customer);
      return { caseId: null, customerId: event.customer, teamId: null, agentId: null };
    }
    case "case.opened": {
      if (working.cases.has(event.case)) {
        throw new AppError("case.already_exists", {
          message: `case "${event.case}" already exists`,
          field: "case",
        });
      }
      requireCustomer(working, event.customer, atMs, options);
      requireTeam(working, event.team, "team", atMs, options);
      const opened = foldCaseEvent(undefined, event, atMs);
      working.cases.set(opened.id, opened);
      working.dirty.cases.add(opened.id);
      return {
        caseId: opened.id,
        customerId: opened.customerId,
        teamId: opened.teamId,
        agentId: null,
      };
    }
    case "alert.raised":
    case "alert.resolved":
      // About a metric, not a record here: applied after the append (applyAlertEvents).
      return { caseId: null, customerId: null, teamId: null, agentId: null };
    default: {
      const current = working.cases.get(event.case);
      if (!current) {
        throw new AppError("case.not_found", {
          message: `case "${event.case}" does not exist`,
          field: "case",
        });
      }
      if (atMs < current.openedAt) {
        throw new AppError("event.invalid", {
          message: `${event.type} at ${event.at} is before case "${event.case}" was opened`,
          field: "at",
        });
      }
      const agentId = checkCaseEventReferences(working, current, event, atMs, options);
      if (atMs < current.lastEventAt) working.casesToRebuild.add(current.id);
      // A case that will be re-folded from its whole history has its lifecycle checked then, in
      // time order; until then its present state is not the one a late event happened in.
      const next = working.casesToRebuild.has(current.id)
        ? foldLateCaseEvent(current, event, atMs)
        : foldCaseEvent(current, event, atMs, working.reopenWindowMs);
      working.cases.set(next.id, next);
      working.dirty.cases.add(next.id);
      return {
        caseId: next.id,
        customerId: next.customerId,
        teamId: next.teamId,
        agentId: agentId ?? next.agentId,
      };
    }
  }
}

/** Ensures the teams and agents a case event names exist; returns the agent it involves. */
function checkCaseEventReferences(
  working: WorkingSet,
  current: Case,
  event: Exclude<
    ThroughlineEvent,
    {
      type:
        | "team.upserted"
        | "agent.upserted"
        | "agent.presence"
        | "customer.upserted"
        | "case.opened";
    }
  >,
  atMs: number,
  options: RecordOptions,
): string | null {
  switch (event.type) {
    case "case.assigned": {
      const teamId = event.team ?? current.teamId;
      if (event.team) requireTeam(working, event.team, "team", atMs, options);
      requireAgent(working, event.agent, teamId, "agent", atMs, options);
      return event.agent;
    }
    case "case.replied": {
      const agentId = agentOfReply(event.by);
      if (agentId) requireAgent(working, agentId, current.teamId, "by", atMs, options);
      return agentId;
    }
    case "case.handoff":
      requireTeam(working, event.from, "from", atMs, options);
      requireTeam(working, event.to, "to", atMs, options);
      return null;
    case "case.worked":
      requireAgent(working, event.agent, current.teamId, "agent", atMs, options);
      return event.agent;
    case "case.routed":
      requireTeam(working, event.team, "team", atMs, options);
      return null;
    default:
      return null;
  }
}

/**
 * Re-folds cases that received an event older than their newest one. The fold checks the
 * lifecycle in time order, so a late event that makes the history illegal (a resolution before
 * the one already recorded, say) fails the whole write like any refused transition.
 */
async function rebuildCases(
  db: Kysely<DB>,
  caseIds: ReadonlySet<string>,
  reopenWindowMs: number,
): Promise<void> {
  const rebuilt: Case[] = [];
  for (const caseId of caseIds) {
    let state: Case | undefined;
    for (const stored of await listEventsOfCase(db, caseId)) {
      const event = stored.data;
      if (!("case" in event)) continue;
      try {
        state = foldCaseEvent(
          state,
          event as Parameters<typeof foldCaseEvent>[1],
          stored.at,
          reopenWindowMs,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== "case.invalid_transition") throw error;
        throw new AppError(error.code, {
          message: `${error.message} (at ${new Date(stored.at).toISOString()}, once the late event is in the case's history)`,
          field: "type",
        });
      }
    }
    if (state) rebuilt.push(state);
  }
  await upsertCases(db, rebuilt);
}

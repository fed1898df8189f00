import type { Kysely } from "kysely";
import type { Actor } from "../../access/actor.js";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { findAgentsByIds } from "../agents/agent.repository.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Case } from "../cases/case.js";
import { findCasesByIds } from "../cases/case.repository.js";
import { refreshDerivedCaseState } from "../cases/case-derivations.js";
import { isCaseEvent } from "../cases/case-lifecycle.js";
import { agentOfReply, foldCaseEvent } from "../cases/case-projection.js";
import { loadCaseRules } from "../cases/case-rules.service.js";
import { findCustomersByIds } from "../customers/customer.repository.js";
import { findTeamsByIds } from "../teams/team.repository.js";
import { findExistingEventIds, listEventsOfCase, type StoredEvent } from "./event.repository.js";
import type { ThroughlineEvent } from "./event.types.js";
import {
  applicationRank,
  type CreatedReferences,
  type PendingEvent,
  recordEvents,
} from "./event-recorder.js";
import { checkEvent } from "./event-validation.js";

/**
 * NDJSON import with PRODUCT.md's rules: every line is checked first (shape, then references
 * against the store and the rest of the file, then each case's lifecycle); by default nothing is written if any line is bad;
 * events already in the log are skipped, so importing a file twice changes nothing.
 */

export interface ImportLineError {
  line: number;
  field?: string;
  reason: string;
}

export interface ImportOptions {
  /** Import the valid lines and report the rest, instead of writing nothing. */
  skipInvalid: boolean;
  /** Reject lines naming a team, agent or customer the store and the file do not know. */
  strict: boolean;
  /** Called as batches are written: events written so far, and the total to write. */
  onProgress?: (written: number, total: number) => void;
  /** Who imports: recorded in the audit trail with the import's counts. */
  actor: Actor;
}

export interface ImportReport {
  lines: number;
  valid: number;
  invalid: number;
  imported: number;
  /** Lines whose event id is already in the log, or repeats an earlier line's. */
  duplicates: number;
  created: CreatedReferences;
  errors: ImportLineError[];
  /** False when invalid lines stopped the import (nothing was written). */
  written: boolean;
}

interface CandidateLine extends PendingEvent {
  line: number;
}

/** Events per write batch: big enough to amortise round trips, small enough to bound memory. */
const WRITE_BATCH = 5_000;

export async function importEvents(
  db: Kysely<DB>,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions,
): Promise<ImportReport> {
  const errors: ImportLineError[] = [];
  const candidates: CandidateLine[] = [];
  let lineCount = 0;
  for await (const text of lines) {
    lineCount += 1;
    if (text.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      errors.push({ line: lineCount, reason: "not valid JSON" });
      continue;
    }
    const checked = checkEvent(parsed);
    if (checked.ok) {
      candidates.push({ line: lineCount, event: checked.event, atMs: checked.atMs });
    } else {
      errors.push({ line: lineCount, ...checked.problem });
    }
  }

  const { fresh, duplicates } = await dropDuplicates(db, candidates, errors);
  const { accepted, created } = await checkReferences(db, fresh, errors, options.strict);
  errors.sort((a, b) => a.line - b.line);
  const base = {
    lines: lineCount,
    invalid: errors.length,
    duplicates,
    errors,
  };
  if (errors.length > 0 && !options.skipInvalid) {
    const none = { teams: [], agents: [], customers: [] };
    return { ...base, valid: accepted.length, imported: 0, created: none, written: false };
  }

  accepted.sort(
    (a, b) =>
      a.atMs - b.atMs || applicationRank(a.event) - applicationRank(b.event) || a.line - b.line,
  );
  // One transaction for the whole file: all of it lands or none of it does.
  await db.transaction().execute(async (trx) => {
    let written = 0;
    options.onProgress?.(0, accepted.length);
    const touchedCases = new Set<string>();
    for (const batch of inChunks(accepted, WRITE_BATCH)) {
      await recordEvents(trx, batch, {
        createMissing: !options.strict,
        deferDerivedState: touchedCases,
      });
      written += batch.length;
      options.onProgress?.(written, accepted.length);
    }
    await refreshDerivedCaseState(trx, touchedCases, Date.now());
    // One entry for the whole file: the events themselves are the detailed record.
    await appendAudit(trx, {
      actor: options.actor,
      action: "events.import",
      targetKind: "events",
      targetId: null,
      after: {
        lines: lineCount,
        imported: accepted.length,
        duplicates,
        skippedInvalid: errors.length,
        created,
      },
    });
  });
  return { ...base, valid: accepted.length, imported: accepted.length, created, written: true };
}

/** Drops lines whose id is in the log already (idempotency) or repeats an earlier line's. */
async function dropDuplicates(
  db: Kysely<DB>,
  candidates: CandidateLine[],
  errors: ImportLineError[],
): Promise<{ fresh: CandidateLine[]; duplicates: number }> {
  const firstLineOfId = new Map<string, CandidateLine>();
  const unique: CandidateLine[] = [];
  let duplicates = 0;
  for (const candidate of candidates) {
    const id = candidate.event.id;
    if (id === undefined) {
      unique.push(candidate);
      continue;
    }
    const earlier = firstLineOfId.get(id);
    if (earlier === undefined) {
      firstLineOfId.set(id, candidate);
      unique.push(candidate);
    } else if (JSON.stringify(earlier.event) === JSON.stringify(candidate.event)) {
      duplicates += 1;
    } else {
      errors.push({
        line: candidate.line,
        field: "id",
        reason: `id "${id}" is used by a different event on line ${earlier.line}`,
      });
    }
  }
  const existing = await findExistingEventIds(db, [...firstLineOfId.keys()]);
  const fresh = unique.filter((c) => c.event.id === undefined || !existing.has(c.event.id));
  return { fresh, duplicates: duplicates + (unique.length - fresh.length) };
}

interface KnownRecords {
  teams: Set<string>;
  agents: Set<string>;
  customers: Set<string>;
  /** Opening instant of each case in the store or opened by a line of the file. */
  caseOpenedAt: Map<string, number>;
  /** The cases already in the store, as they are now. */
  storedCases: Map<string, Case>;
}

async function loadKnownRecords(
  db: Kysely<DB>,
  candidates: readonly CandidateLine[],
): Promise<KnownRecords> {
  const teams = new Set<string>();
  const agents = new Set<string>();
  const customers = new Set<string>();
  const cases = new Set<string>();
  for (const { event } of candidates) {
    if (event.type === "case.opened") cases.add(event.case);
    for (const ref of referencesOf(event)) {
      ({ team: teams, agent: agents, customer: customers, case: cases })[ref.kind].add(ref.id);
    }
  }
  const lookup = async <T extends { id: string }>(
    ids: Set<string>,
    find: (db: Kysely<DB>, ids: readonly string[]) => Promise<T[]>,
  ): Promise<T[]> => {
    const found: T[] = [];
    for (const chunk of inChunks([...ids], IDS_PER_LOOKUP * 20))
      found.push(...(await find(db, chunk)));
    return found;
  };
  const storedCases = new Map((await lookup(cases, findCasesByIds)).map((c) => [c.id, c]));
  const known: KnownRecords = {
    teams: new Set((await lookup(teams, findTeamsByIds)).map((t) => t.id)),
    agents: new Set((await lookup(agents, findAgentsByIds)).map((a) => a.id)),
    customers: new Set((await lookup(customers, findCustomersByIds)).map((c) => c.id)),
    caseOpenedAt: new Map([...storedCases.values()].map((c) => [c.id, c.openedAt])),
    storedCases,
  };
  return known;
}

interface Reference {
  kind: "team" | "agent" | "customer" | "case";
  id: string;
  field: string;
  /** Import cannot create it when missing, even without `--strict`. */
  mustExist?: true;
}

/** Every record an event names, with the field that names it. */
function referencesOf(event: ThroughlineEvent): Reference[] {
  switch (event.type) {
    case "team.upserted":
      return [];
    case "agent.upserted":
      return [{ kind: "team", id: event.team, field: "team" }];
    case "agent.presence":
      // Nothing to create it from: an agent needs a team.
      return [{ kind: "agent", id: event.agent, field: "agent", mustExist: true }];
    case "customer.upserted":
      return [];
    case "case.opened":
      return [
        { kind: "customer", id: event.customer, field: "customer" },
        { kind: "team", id: event.team, field: "team" },
      ];
    case "case.assigned":
      return [
        { kind: "case", id: event.case, field: "case" },
        { kind: "agent", id: event.agent, field: "agent" },
        ...(event.team ? [{ kind: "team" as const, id: event.team, field: "team" }] : []),
      ];
    case "case.replied": {
      const agent = agentOfReply(event.by);
      return [
        { kind: "case", id: event.case, field: "case" },
        ...(agent ? [{ kind: "agent" as const, id: agent, field: "by" }] : []),
      ];
    }
    case "case.handoff":
      return [
        { kind: "case", id: event.case, field: "case" },
        { kind: "team", id: event.from, field: "from" },
        { kind: "team", id: event.to, field: "to" },
      ];
    case "case.worked":
      return [
        { kind: "case", id: event.case, field: "case" },
        { kind: "agent", id: event.agent, field: "agent" },
      ];
    case "case.routed":
      return [
        { kind: "case", id: event.case, field: "case" },
        { kind: "team", id: event.team, field: "team" },
      ];
    case "alert.raised":
    case "alert.resolved":
      // About a metric's slice, which need not exist as a record.
      return [];
    default:
      return [{ kind: "case", id: event.case, field: "case" }];
  }
}

/**
 * Checks what each line names. Cases must be opened (in the store or by a line of the file)
 * before the event; an unknown team, agent or customer is created on import, or rejected with
 * `strict`. Lines that fail are added to `errors`.
 */
async function checkReferences(
  db: Kysely<DB>,
  candidates: CandidateLine[],
  errors: ImportLineError[],
  strict: boolean,
): Promise<{ accepted: CandidateLine[]; created: CreatedReferences }> {
  const known = await loadKnownRecords(db, candidates);
  for (const { event } of candidates) {
    if (event.type === "team.upserted") known.teams.add(event.team);
    if (event.type === "agent.upserted") known.agents.add(event.agent);
    if (event.type === "customer.upserted") known.customers.add(event.customer);
  }
  // Openings first, so that a case event may come before its opening line in the file.
  const openingLine = new Map<string, number>();
  for (const { event, atMs, line } of candidates) {
    if (event.type !== "case.opened") continue;
    if (known.caseOpenedAt.has(event.case) || openingLine.has(event.case)) {
      const where = openingLine.has(event.case)
        ? `on line ${openingLine.get(event.case)}`
        : "in the store";
      errors.push({
        line,
        field: "case",
        reason: `case "${event.case}" is already opened ${where}`,
      });
      continue;
    }
    openingLine.set(event.case, line);
    known.caseOpenedAt.set(event.case, atMs);
  }
  const rejectedLines = new Set(errors.map((e) => e.line));
  const created = {
    teams: new Set<string>(),
    agents: new Set<string>(),
    customers: new Set<string>(),
  };
  const accepted: CandidateLine[] = [];
  for (const candidate of candidates) {
    if (rejectedLines.has(candidate.line)) continue;
    const problem = findReferenceProblem(candidate, known, created, strict);
    if (problem) errors.push({ line: candidate.line, ...problem });
    else accepted.push(candidate);
  }
  // An opening that was dropped leaves its case's other lines without a case: drop them too.
  if (errors.length > 0) {
    const failedLines = new Set(errors.map((e) => e.line));
    const droppedCases = new Set<string>();
    for (const [caseId, line] of openingLine) {
      if (failedLines.has(line)) droppedCases.add(caseId);
    }
    if (droppedCases.size > 0) {
      const kept: CandidateLine[] = [];
      for (const candidate of accepted) {
        const caseId = candidate.event.type === "case.opened" ? undefined : candidate.event.case;
        if (typeof caseId === "string" && droppedCases.has(caseId)) {
          errors.push({
            line: candidate.line,
            field: "case",
            reason: `case "${caseId}" is opened by an invalid line`,
          });
        } else kept.push(candidate);
      }
      accepted.length = 0;
      accepted.push(...kept);
    }
  }
  return {
    accepted: await checkLifecycles(db, accepted, known.storedCases, errors),
    created: {
      teams: [...created.teams].sort(),
      agents: [...created.agents].sort(),
      customers: [...created.customers].sort(),
    },
  };
}

function findReferenceProblem(
  { event, atMs }: CandidateLine,
  known: KnownRecords,
  created: { teams: Set<string>; agents: Set<string>; customers: Set<string> },
  strict: boolean,
): { field: string; reason: string } | undefined {
  for (const ref of referencesOf(event)) {
    if (ref.kind === "case") {
      const openedAt = known.caseOpenedAt.get(ref.id);
      if (openedAt === undefined) {
        return {
          field: ref.field,
          reason: `case "${ref.id}" is neither in the store nor opened in the file`,
        };
      }
      if (atMs < openedAt) {
        return { field: "at", reason: `is before case "${ref.id}" was opened` };
      }
      continue;
    }
    const knownSet = { team: known.teams, agent: known.agents, customer: known.customers }[
      ref.kind
    ];
    if (knownSet.has(ref.id)) continue;
    if (ref.mustExist)
      return { field: ref.field, reason: `${ref.kind} "${ref.id}" does not exist` };
    if (strict) {
      return { field: ref.field, reason: `${ref.kind} "${ref.id}" does not exist (--strict)` };
    }
    ({ team: created.teams, agent: created.agents, customer: created.customers })[ref.kind].add(
      ref.id,
    );
  }
  return undefined;
}

/** The order `importEvents` records lines in: time, openings first, then line number. */
function byRecordingOrder(a: CandidateLine, b: CandidateLine): number {
  return a.atMs - b.atMs || applicationRank(a.event) - applicationRank(b.event) || a.line - b.line;
}

/**
 * Replays each case's lifecycle (src/modules/cases/case-lifecycle.ts) over its lines in the order
 * they will be recorded: from the case's stored state, or — when a line is older than the case's
 * newest stored event — from its whole stored history, as the recorder's rebuild will. A line the
 * lifecycle refuses is reported (field `type`, the reason naming the state the case is in then)
 * and left out, and the rest of the case is checked without it, as `--skip-invalid` imports it.
 */
async function checkLifecycles(
  db: Kysely<DB>,
  accepted: CandidateLine[],
  storedCases: ReadonlyMap<string, Case>,
  errors: ImportLineError[],
): Promise<CandidateLine[]> {
  const linesOfCase = new Map<string, CandidateLine[]>();
  for (const candidate of accepted) {
    if (!isCaseEvent(candidate.event)) continue;
    const lines = linesOfCase.get(candidate.event.case);
    if (lines) lines.push(candidate);
    else linesOfCase.set(candidate.event.case, [candidate]);
  }
  const refused = new Set<CandidateLine>();
  // The reopen window the recorder will apply (the `case-rules` in force).
  const { reopenWindowMs } = await loadCaseRules(db);
  for (const [caseId, lines] of linesOfCase) {
    lines.sort(byRecordingOrder);
    const stored = storedCases.get(caseId);
    const late = stored !== undefined && lines.some((line) => line.atMs < stored.lastEventAt);
    const problems = late
      ? replayWithHistory(await listEventsOfCase(db, caseId), lines, reopenWindowMs)
      : replayFrom(stored, lines, reopenWindowMs);
    for (const { candidate, reason } of problems) {
      refused.add(candidate);
      errors.push({ line: candidate.line, field: "type", reason });
    }
  }
  return refused.size === 0 ? accepted : accepted.filter((candidate) => !refused.has(candidate));
}

interface LifecycleProblem {
  candidate: CandidateLine;
  reason: string;
}

/** The reason in a lifecycle refusal; any other error is rethrown. */
function refusalOf(error: unknown): string {
  if (error instanceof AppError && error.code === "case.invalid_transition") return error.message;
  throw error;
}

/** Folds the lines onto the case as it is (or from nothing for a case opened in the file). */
function replayFrom(
  stored: Case | undefined,
  lines: readonly CandidateLine[],
  reopenWindowMs: number,
): LifecycleProblem[] {
  const problems: LifecycleProblem[] = [];
  let state = stored;
  for (const candidate of lines) {
    if (!isCaseEvent(candidate.event)) continue;
    try {
      state = foldCaseEvent(state, candidate.event, candidate.atMs, reopenWindowMs);
    } catch (error) {
      problems.push({ candidate, reason: refusalOf(error) });
    }
  }
  return problems;
}

/**
 * Folds the stored history and the lines together in recording order (at the same instant the
 * stored events first: they have the lower `seq`). When a stored event is refused, the latest
 * line folded before it is what made the history illegal: that line is reported and the case is
 * replayed again without it.
 */
function replayWithHistory(
  history: readonly StoredEvent[],
  lines: readonly CandidateLine[],
  reopenWindowMs: number,
): LifecycleProblem[] {
  type Step = { stored: StoredEvent } | { candidate: CandidateLine };
  const atOf = (step: Step) => ("stored" in step ? step.stored.at : step.candidate.atMs);
  const steps: Step[] = [
    ...history.map((stored) => ({ stored })),
    ...lines.map((candidate) => ({ candidate })),
  ];
  // Stable: stored events keep their (at, seq) order and lines their recording order.
  steps.sort((a, b) => atOf(a) - atOf(b) || Number("candidate" in a) - Number("candidate" in b));
  const problems: LifecycleProblem[] = [];
  let state: Case | undefined;
  let lastLine: CandidateLine | undefined;
  for (const step of steps) {
    const event = "stored" in step ? step.stored.data : step.candidate.event;
    if (!isCaseEvent(event)) continue;
    try {
      state = foldCaseEvent(state, event, atOf(step), reopenWindowMs);
      if ("candidate" in step) lastLine = step.candidate;
    } catch (error) {
      const reason = refusalOf(error);
      if ("candidate" in step) {
        problems.push({ candidate: step.candidate, reason });
        continue;
      }
      const blamed = lastLine ?? lines[0];
      if (blamed === undefined) return problems;
      const when = new Date(atOf(step)).toISOString();
      return [
        { candidate: blamed, reason: `${reason} (the event recorded at ${when}, after this line)` },
        ...replayWithHistory(
          history,
          lines.filter((candidate) => candidate !== blamed),
          reopenWindowMs,
        ),
      ];
    }
  }
  return problems;
}

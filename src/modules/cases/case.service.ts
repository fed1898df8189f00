import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requirePermission, type Scope } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { listEventsOfCases, type StoredEvent } from "../events/event.repository.js";
import type { CaseStatus, Channel, Priority, ThroughlineEvent } from "../events/event.types.js";
import { writeEvent } from "../events/event-writer.js";
import { listTeamSpells } from "../handoffs/team-spell.repository.js";
import type { TeamSpell } from "../handoffs/team-spells.js";
import { decideRouting } from "../routing/routing.service.js";
import type { RoutingDecision } from "../routing/routing-rules.js";
import type { SlaStateFilter } from "../sla/sla.repository.js";
import { type CaseSlaSummary, findSlaSummaries } from "../sla/sla.service.js";
import type { Case } from "./case.js";
import { getCase as findCase, listCases } from "./case.repository.js";
import { findCasesMergedInto, findMergedInto, listLinksOfCase } from "./case-link.repository.js";
import type { LinkSource, StoredLinkKind } from "./case-links.js";

/** The case, if it exists inside `scope`; a case outside answers exactly like a missing one. */
export async function requireCase(
  db: Kysely<DB>,
  id: string,
  scope: Scope = { all: true },
): Promise<Case> {
  const found = await findCase(db, id, scope);
  if (!found) throw new AppError("case.not_found", { message: `case "${id}" does not exist` });
  return found;
}

export interface CasePageQuery {
  status?: CaseStatus;
  team?: string;
  agent?: string;
  customer?: string;
  channel?: Channel;
  priority?: Priority;
  category?: string;
  openedFrom?: string;
  openedTo?: string;
  slaState?: SlaStateFilter;
  limit: number;
  cursor?: string;
}

function parseBound(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new AppError("request.invalid", { message: `${field} is not a date-time`, field });
  }
  return ms;
}

export async function findCases(
  db: Kysely<DB>,
  actor: Actor,
  query: CasePageQuery,
  now: number = Date.now(),
): Promise<{ items: Case[]; nextCursor: string | null }> {
  const scope = requirePermission(actor, "case:read");
  const openedFrom = parseBound(query.openedFrom, "querystring.openedFrom");
  const openedTo = parseBound(query.openedTo, "querystring.openedTo");
  if (openedFrom !== undefined && openedTo !== undefined && openedFrom > openedTo) {
    throw new AppError("request.invalid", {
      message: "openedFrom is after openedTo",
      field: "querystring.openedFrom",
    });
  }
  const after =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ["number", "string"]);
  const items = await listCases(db, {
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.team === undefined ? {} : { teamId: query.team }),
    ...(query.agent === undefined ? {} : { agentId: query.agent }),
    ...(query.customer === undefined ? {} : { customerId: query.customer }),
    ...(query.channel === undefined ? {} : { channel: query.channel }),
    ...(query.priority === undefined ? {} : { priority: query.priority }),
    ...(query.category === undefined ? {} : { category: query.category }),
    ...(openedFrom === undefined ? {} : { openedFrom }),
    ...(openedTo === undefined ? {} : { openedTo }),
    ...(query.slaState === undefined ? {} : { sla: { state: query.slaState, now } }),
    ...(after === undefined ? {} : { after: { openedAt: after[0], id: after[1] } }),
    scope,
    limit: query.limit + 1,
  });
  const page = items.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: items.length > query.limit && last ? encodeCursor([last.openedAt, last.id]) : null,
  };
}

export interface OpenCaseInput {
  id?: string;
  customer: string;
  channel: Channel;
  category: string;
  priority: Priority;
  /** Optional when routing rules are enabled: they choose the team. */
  team?: string;
  subject?: string;
  body?: string;
  tags?: string[];
  /** Extension fields, kept in the `case.opened` event (intake rules may require them). */
  callbackNumber?: string;
  accountId?: string;
  orderId?: string;
}

/**
 * Opens a case now: a `case.opened` event and the case row, in one transaction. When routing
 * rules are enabled they decide its team, queue, priority, tags and required skills, recorded as
 * a `case.routed` event naming the rule, right after the opening; `team` is then optional (the
 * intake's suggestion the rules may look at). Without routing the case needs a team.
 */
export async function openCase(
  db: Kysely<DB>,
  actor: Actor,
  input: OpenCaseInput,
  now: Date,
): Promise<CaseDetail> {
  const id = input.id ?? `case_${randomUUID()}`;
  return db.transaction().execute(async (trx) => {
    const { id: _ignored, team, ...fields } = input;
    const routing = await decideRouting(
      trx,
      {
        customerId: input.customer,
        channel: input.channel,
        category: input.category,
        priority: input.priority,
        team: team ?? null,
        subject: input.subject ?? null,
        body: input.body ?? null,
        tags: input.tags ?? [],
      },
      now.getTime(),
    );
    const openingTeam = team ?? routing?.decision.team;
    if (openingTeam === undefined) {
      throw new AppError("request.invalid", {
        message: "body.team is required: no routing rules are enabled to choose the team",
        field: "body.team",
      });
    }
    const at = now.toISOString();
    await writeEvent(trx, actor, {
      type: "case.opened",
      at,
      case: id,
      team: openingTeam,
      ...fields,
    });
    if (routing) {
      await writeEvent(trx, actor, routedEvent(id, at, routing.decision, routing.version));
    }
    const readScope = requirePermission(actor, "case:read");
    return loadCaseDetail(trx, await requireCase(trx, id), readScope, now.getTime());
  });
}

/** The `case.routed` event recording a routing decision. */
export function routedEvent(
  caseId: string,
  at: string,
  decision: RoutingDecision,
  version: number,
): ThroughlineEvent {
  return {
    type: "case.routed",
    at,
    case: caseId,
    team: decision.team,
    queue: decision.queue,
    priority: decision.priority,
    tags: decision.tags,
    skills: decision.skills,
    rule: decision.rule,
    fired: decision.fired,
    version,
  };
}

export async function getCase(db: Kysely<DB>, actor: Actor, id: string): Promise<Case> {
  return requireCase(db, id, requirePermission(actor, "case:read"));
}

/**
 * The case's events in time order, with the events of every case merged into it (and into
 * those, transitively): both histories stay on the surviving case, each event under its own
 * `caseId`.
 */
export async function getCaseEvents(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<StoredEvent[]> {
  await getCase(db, actor, id);
  const caseIds = [id];
  for (let level = [id]; level.length > 0; ) {
    level = (await findCasesMergedInto(db, level)).filter((merged) => !caseIds.includes(merged));
    caseIds.push(...level);
  }
  const eventsByCase = await listEventsOfCases(db, caseIds);
  return [...eventsByCase.values()].flat().sort((a, b) => a.at - b.at || a.seq - b.seq);
}

/** One link as the case page shows it: the other case, and which way the link points. */
export interface CaseLinkView {
  kind: StoredLinkKind;
  caseId: string;
  direction: "outgoing" | "incoming";
  source: LinkSource;
}

/** A case with what is derived from its history: links, time in each team, merge, SLA. */
export interface CaseDetail {
  case: Case;
  links: CaseLinkView[];
  teamSpells: TeamSpell[];
  mergedInto: string | null;
  /** The queue badge: the running clock due first, if any. */
  sla: CaseSlaSummary | undefined;
}

/** The detail of a case already found; links to cases outside `scope` are left out. */
export async function loadCaseDetail(
  db: Kysely<DB>,
  item: Case,
  scope: Scope,
  now: number,
): Promise<CaseDetail> {
  const [links, teamSpells, mergedInto, sla] = await Promise.all([
    listLinksOfCase(db, item.id, scope),
    listTeamSpells(db, item.id),
    findMergedInto(db, item.id),
    findSlaSummaries(db, [item.id], now),
  ]);
  return {
    case: item,
    links: [
      ...links.outgoing.map((link) => ({
        kind: link.kind,
        caseId: link.targetId,
        direction: "outgoing" as const,
        source: link.source,
      })),
      ...links.incoming.map((link) => ({
        kind: link.kind,
        caseId: link.caseId,
        direction: "incoming" as const,
        source: link.source,
      })),
    ],
    teamSpells,
    mergedInto,
    sla: sla.get(item.id),
  };
}

export async function getCaseDetail(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  now: number,
): Promise<CaseDetail> {
  const scope = requirePermission(actor, "case:read");
  return loadCaseDetail(db, await requireCase(db, id, scope), scope, now);
}

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import { type Actor, describeActor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { appendAudit } from "../audit/audit.service.js";
import { parseInstant } from "../events/event-validation.js";
import { KPI_CATALOGUE, type KpiName, SLICE_DIMENSIONS } from "../metrics/kpi.js";
import { computeScorecard, parseKpiQuery } from "../metrics/metrics.service.js";
import {
  countStatuses,
  type Scorecard,
  type ScorecardFilter,
  type ScorecardMetric,
  scoreRow,
} from "./scorecard.js";
import {
  deleteScorecard,
  getScorecard,
  insertScorecard,
  listScorecards,
  updateScorecard,
} from "./scorecard.repository.js";
import type { ScorecardBody, ScorecardResult } from "./scorecard.schemas.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const BETTER = new Map(KPI_CATALOGUE.map((kpi) => [kpi.name, kpi.better]));

function notFound(id: string): AppError {
  return new AppError("scorecard.not_found", {
    message: `scorecard "${id}" does not exist`,
    field: "params.id",
  });
}

/** A scorecard's definition from a request body, defaults applied; a KPI listed twice is refused. */
function definitionOf(
  body: ScorecardBody,
): Pick<Scorecard, "name" | "description" | "by" | "filter" | "metrics"> {
  const seen = new Set<KpiName>();
  const metrics: ScorecardMetric[] = body.metrics.map((item, index) => {
    if (seen.has(item.metric)) {
      throw new AppError("request.invalid", {
        message: `body.metrics.${index}.metric: ${item.metric} is listed twice`,
        field: `body.metrics.${index}.metric`,
      });
    }
    seen.add(item.metric);
    return {
      metric: item.metric,
      target: item.target ?? null,
      direction: item.direction ?? BETTER.get(item.metric) ?? "higher",
      amberWithin: item.amberWithin ?? 0,
    };
  });
  const filter: ScorecardFilter = {};
  for (const dimension of SLICE_DIMENSIONS) {
    const value = body.filter?.[dimension];
    if (value !== undefined) filter[dimension] = value;
  }
  if (body.by !== undefined && body.by !== null && filter[body.by] !== undefined) {
    throw new AppError("request.invalid", {
      message: `body.by: the scorecard is filtered to one ${body.by} already`,
      field: "body.by",
    });
  }
  return {
    name: body.name.trim(),
    description: body.description ?? null,
    by: body.by ?? null,
    filter,
    metrics,
  };
}

export async function listSavedScorecards(db: Kysely<DB>, actor: Actor): Promise<Scorecard[]> {
  requirePermission(actor, "metrics:read");
  return listScorecards(db);
}

export async function findScorecard(db: Kysely<DB>, actor: Actor, id: string): Promise<Scorecard> {
  requirePermission(actor, "metrics:read");
  const scorecard = await getScorecard(db, id);
  if (!scorecard) throw notFound(id);
  return scorecard;
}

export async function createScorecard(
  db: Kysely<DB>,
  actor: Actor,
  body: ScorecardBody,
  now: number,
): Promise<Scorecard> {
  requirePermission(actor, "metrics:write");
  const scorecard: Scorecard = {
    id: randomUUID(),
    ...definitionOf(body),
    createdBy: describeActor(actor),
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction().execute(async (trx) => {
    await insertScorecard(trx, scorecard);
    await appendAudit(trx, {
      actor,
      action: "scorecard.create",
      targetKind: "scorecard",
      targetId: scorecard.id,
      after: scorecard,
      at: now,
    });
  });
  return scorecard;
}

/** Replaces a scorecard's definition (name, slice, metrics and targets). */
export async function replaceScorecard(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  body: ScorecardBody,
  now: number,
): Promise<Scorecard> {
  requirePermission(actor, "metrics:write");
  const definition = definitionOf(body);
  return db.transaction().execute(async (trx) => {
    const before = await getScorecard(trx, id);
    if (!before) throw notFound(id);
    const after: Scorecard = { ...before, ...definition, updatedAt: now };
    await updateScorecard(trx, after);
    await appendAudit(trx, {
      actor,
      action: "scorecard.update",
      targetKind: "scorecard",
      targetId: id,
      before,
      after,
      at: now,
    });
    return after;
  });
}

export async function removeScorecard(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  now: number,
): Promise<void> {
  requirePermission(actor, "metrics:write");
  await db.transaction().execute(async (trx) => {
    const before = await getScorecard(trx, id);
    if (!before) throw notFound(id);
    await deleteScorecard(trx, id);
    await appendAudit(trx, {
      actor,
      action: "scorecard.delete",
      targetKind: "scorecard",
      targetId: id,
      before,
      at: now,
    });
  });
}

/**
 * A saved scorecard over a period: its KPIs for its slice (one row, or one per value of `by`),
 * each against its target. The period defaults to the seven days before the current hour.
 * Values are the metrics engine's, counted within the reader's metrics scope.
 */
export async function computeScorecardResult(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  period: { from?: string; to?: string; asOf?: string },
  options: { now: number; maxPeriodDays?: number },
): Promise<ScorecardResult> {
  const scorecard = await findScorecard(db, actor, id);
  const defaultTo = Math.floor(options.now / HOUR_MS) * HOUR_MS;
  const to = period.to ?? new Date(defaultTo).toISOString();
  const from =
    period.from ??
    new Date(
      ((period.to === undefined ? null : parseInstant(period.to)) ?? defaultTo) - 7 * DAY_MS,
    ).toISOString();
  const query = parseKpiQuery(
    {
      from,
      to,
      ...(period.asOf === undefined ? {} : { asOf: period.asOf }),
      ...(scorecard.by === null ? {} : { by: scorecard.by }),
      filter: scorecard.filter,
    },
    {
      actor,
      now: options.now,
      ...(options.maxPeriodDays === undefined ? {} : { maxPeriodDays: options.maxPeriodDays }),
    },
  );
  const result = await computeScorecard(db, query, {
    actor,
    now: options.now,
    ...(options.maxPeriodDays === undefined ? {} : { maxPeriodDays: options.maxPeriodDays }),
  });
  const rows = result.rows.map((row) => scoreRow(row.key, row, scorecard.metrics));
  return { scorecard, from: result.from, to: result.to, rows, summary: countStatuses(rows) };
}

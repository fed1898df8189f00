import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { parseInstant } from "../events/event-validation.js";
import { loadRoutingRules } from "../routing/routing-rules.service.js";
import { buildMisclassificationReport, type MisclassificationReport } from "./misclassification.js";
import {
  listMisclassificationGroups,
  listTransferDestinations,
} from "./misclassification.repository.js";
import { DAY_MS } from "./replay.service.js";

export const MISCLASSIFICATION_DEFAULT_DAYS = 30;
export const MISCLASSIFICATION_MAX_DAYS = 366;
export const DEFAULT_MIN_CASES = 5;

export interface MisclassificationQuery {
  from?: string;
  to?: string;
  team?: string;
  minCases?: number;
}

function parseBound(value: string | undefined, name: "from" | "to"): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseInstant(value);
  if (ms === null) {
    throw new AppError("request.invalid", {
      message: `${name} must be an ISO-8601 date-time with an offset, e.g. 2026-03-02T09:00:00Z`,
      field: `querystring.${name}`,
    });
  }
  return ms;
}

/**
 * The window [from, to) of a report: `to` defaults to now and `from` to 30 days before `to`;
 * `from` after `to` or a window over 366 days answers 400 naming `querystring.from`.
 */
export function parseReportWindow(
  query: { from?: string; to?: string },
  now: number,
): { from: number; to: number } {
  const to = parseBound(query.to, "to") ?? now;
  const from = parseBound(query.from, "from") ?? to - MISCLASSIFICATION_DEFAULT_DAYS * DAY_MS;
  if (from > to) {
    throw new AppError("request.invalid", {
      message: "from is after to",
      field: "querystring.from",
    });
  }
  if (to - from > MISCLASSIFICATION_MAX_DAYS * DAY_MS) {
    throw new AppError("request.invalid", {
      message: `the window spans more than ${MISCLASSIFICATION_MAX_DAYS} days`,
      field: "querystring.from",
    });
  }
  return { from, to };
}

/**
 * Transfers and re-categorisations of the cases opened in the window inside the actor's
 * `metrics:read` scope, per original category and per routing rule, the highest transfer rate
 * first. Two grouped queries and the rules in force (for the rules' names).
 */
export async function findMisclassification(
  db: Kysely<DB>,
  actor: Actor,
  query: MisclassificationQuery,
  now: number,
): Promise<MisclassificationReport & { from: number; to: number }> {
  const scope = requirePermission(actor, "metrics:read");
  const { from, to } = parseReportWindow(query, now);
  const filter = { from, to, scope, ...(query.team === undefined ? {} : { team: query.team }) };
  const [groups, destinations, rules] = await Promise.all([
    listMisclassificationGroups(db, filter),
    listTransferDestinations(db, filter),
    loadRoutingRules(db),
  ]);
  const names = new Map(rules.document.rules.map((rule) => [rule.id, rule.name]));
  const report = buildMisclassificationReport(
    groups,
    destinations,
    names,
    query.minCases ?? DEFAULT_MIN_CASES,
  );
  return { from, to, ...report };
}

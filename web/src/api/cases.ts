/**
 * Fetch helpers for working a case (issues 4 and 5): its SLA clocks, handoffs, lifecycle
 * actions, links, merges, re-categorisation and re-routing. Each action answers with the case as
 * it is afterwards.
 */

import type { SettableCaseStatus } from "../../../src/modules/events/event.types.ts";
import { pathSegment, requestJson } from "./client.ts";
import type { CaseDetail, CaseSla, ManualLinkKind } from "./types.ts";

function casePath(id: string, action: string): string {
  return `/api/v1/cases/${pathSegment(id)}/${action}`;
}

export function getCaseSla(id: string, signal?: AbortSignal): Promise<CaseSla> {
  return requestJson(casePath(id, "sla"), { signal });
}

export interface HandoffInput {
  to: string;
  type?: string;
  reason?: string;
  /** Checklist item id → ticked. */
  checklist?: Record<string, boolean>;
}

/**
 * Hands the case to another team. A pair of teams with handoff types needs one named and every
 * required item ticked: otherwise 422 `handoff.checklist_incomplete`, with `errors` naming each
 * missing `body.checklist.<id>`.
 */
export function handOffCase(id: string, input: HandoffInput): Promise<CaseDetail> {
  return requestJson(casePath(id, "handoffs"), { method: "POST", body: input });
}

/** An illegal transition answers 409 `case.invalid_transition` naming the current state. */
export function setCaseStatus(id: string, status: SettableCaseStatus): Promise<CaseDetail> {
  return requestJson(casePath(id, "status"), { method: "POST", body: { status } });
}

export function resolveCase(id: string, rootCause: string | null): Promise<CaseDetail> {
  return requestJson(casePath(id, "resolve"), {
    method: "POST",
    body: rootCause === null ? {} : { rootCause },
  });
}

export function reopenCase(id: string): Promise<CaseDetail> {
  return requestJson(casePath(id, "reopen"), { method: "POST", body: {} });
}

export function closeCase(id: string): Promise<CaseDetail> {
  return requestJson(casePath(id, "close"), { method: "POST", body: {} });
}

export function linkCase(id: string, kind: ManualLinkKind, target: string): Promise<CaseDetail> {
  return requestJson(casePath(id, "links"), { method: "POST", body: { kind, target } });
}

/**
 * Corrects the case's category (a `top/sub` of the taxonomy); with routing rules enabled the case
 * is routed again under it.
 */
export function recategoriseCase(id: string, category: string): Promise<CaseDetail> {
  return requestJson(casePath(id, "category"), { method: "POST", body: { category } });
}

/** Runs the routing rules in force on the case again; 400 when routing is disabled. */
export function rerouteCase(id: string): Promise<CaseDetail> {
  return requestJson(casePath(id, "route"), { method: "POST", body: {} });
}

/** Merges `merged` into this case, which survives with both histories; `merged` is closed. */
export function mergeCase(id: string, merged: string): Promise<CaseDetail> {
  return requestJson(casePath(id, "merge"), { method: "POST", body: { merged } });
}

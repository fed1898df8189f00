import { type Scope, scopeCovers } from "../../access/access.js";
import type { LoggedEvent } from "./live.repository.js";

/**
 * The event types the live stream forwards whole, as SSE events of the same name; every other
 * recorded event only counts towards a `changes` summary.
 */
export const FORWARDED_EVENT_TYPES = ["alert.raised", "alert.resolved"] as const;
export type ForwardedEventType = (typeof FORWARDED_EVENT_TYPES)[number];

/** What one read of the log found: enough for a dashboard to decide what to reload. */
export interface LiveChanges {
  /** Events recorded, per type. */
  types: Record<string, number>;
  /** Distinct cases those events are about. */
  cases: number;
  /** The highest seq read so far. */
  lastSeq: number;
}

/** An event sent on whole: its type and the stored JSON text. */
export interface ForwardedEvent {
  seq: number;
  type: ForwardedEventType;
  data: string;
}

export interface LiveBatch {
  changes: LiveChanges;
  forwarded: ForwardedEvent[];
}

function isForwardedType(type: string): type is ForwardedEventType {
  return (FORWARDED_EVENT_TYPES as readonly string[]).includes(type);
}

/** Counts the events of one read and picks out those to forward, in seq order. */
export function summariseEvents(events: readonly LoggedEvent[], lastSeq: number): LiveBatch {
  const types: Record<string, number> = {};
  const cases = new Set<string>();
  const forwarded: ForwardedEvent[] = [];
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    types[event.type] = (types[event.type] ?? 0) + 1;
    if (event.caseId !== null) cases.add(event.caseId);
    if (isForwardedType(event.type) && event.data !== null) {
      forwarded.push({ seq: event.seq, type: event.type, data: event.data });
    }
  }
  return { changes: { types, cases: cases.size, lastSeq }, forwarded };
}

/**
 * Whether a caller whose metrics:read scope is `scope` may see an alert: an alert on a team's
 * or a region's slice lies in that team or region; any other slice (the whole workspace, a
 * channel, a category…) aggregates every team, so only an unrestricted scope covers it.
 */
export function isAlertVisible(scope: Scope, data: string): boolean {
  if (scope.all) return true;
  let alert: { dim?: unknown; key?: unknown };
  try {
    alert = JSON.parse(data) as { dim?: unknown; key?: unknown };
  } catch {
    return false;
  }
  if (typeof alert.key !== "string") return false;
  if (alert.dim === "team") return scopeCovers(scope, { teamId: alert.key });
  if (alert.dim === "region") return scopeCovers(scope, { region: alert.key });
  return false;
}

/**
 * Response shapes of the Throughline REST API as the web app reads them. Enums come from the
 * server's event vocabulary so the two cannot drift apart.
 */
import type {
  CaseStatus,
  Channel,
  EventType,
  Priority,
  ThroughlineEvent,
} from "../../../src/modules/events/event.types.ts";

/** GET /api/health; answered with HTTP 503 and `status: "degraded"` when the store is down. */
export interface Health {
  status: "ok" | "degraded";
  store: {
    dialect: "sqlite" | "postgres";
    ok: boolean;
    events: number | null;
    cases: number | null;
    error?: string;
  };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Team {
  id: string;
  name: string;
  hourlyCost: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface Agent {
  id: string;
  teamId: string;
  name: string;
  skills: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Customer {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: string;
  segment: string;
  region: string;
  createdAt: string;
  updatedAt: string;
}

export interface Case {
  id: string;
  customerId: string;
  subject: string | null;
  channel: Channel;
  category: string;
  priority: Priority;
  teamId: string;
  agentId: string | null;
  status: CaseStatus;
  openedAt: string;
  firstResponseAt: string | null;
  firstResolvedAt: string | null;
  resolvedAt: string | null;
  reopenCount: number;
  handoffCount: number;
  escalationLevel: number;
  workedSeconds: number;
  rootCause: string | null;
  updatedAt: string;
}

/** One entry of the event log, as the journey, case-events and event-log endpoints return it. */
export interface JourneyEvent {
  id: string;
  seq: number;
  type: EventType;
  at: string;
  caseId: string | null;
  customerId: string | null;
  teamId: string | null;
  agentId: string | null;
  /** The full event object as written to the log (PRODUCT.md, "The event log"). */
  data: ThroughlineEvent;
}

export interface JourneyPage extends Page<JourneyEvent> {
  customer: Customer;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
  };
}

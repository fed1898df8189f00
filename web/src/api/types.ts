/**
 * Response shapes of the Throughline REST API as the web app reads them: the server's own
 * response schemas (type-only imports, erased from the bundle), so the two cannot drift apart.
 */
import type { HealthResponse } from "../../../src/http/health.schemas.ts";
import type { AgentResponse } from "../../../src/modules/agents/agent.schemas.ts";
import type { CaseResponse } from "../../../src/modules/cases/case.schemas.ts";
import type { CustomerResponse } from "../../../src/modules/customers/customer.schemas.ts";
import type { EventResponse } from "../../../src/modules/events/event.http.ts";
import type { EventType, ThroughlineEvent } from "../../../src/modules/events/event.types.ts";
import type { TeamResponse } from "../../../src/modules/teams/team.schemas.ts";

/** GET /api/health; answered with HTTP 503 and `status: "degraded"` when the store is down. */
export type Health = HealthResponse;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Team = TeamResponse;
export type Agent = AgentResponse;
export type Customer = CustomerResponse;
export type Case = CaseResponse;

/** One entry of the event log, as the journey, case-events and event-log endpoints return it. */
export interface JourneyEvent extends Omit<EventResponse, "type" | "data"> {
  type: EventType;
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

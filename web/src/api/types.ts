/**
 * Response shapes of the Throughline REST API as the web app reads them: the server's own
 * response schemas (type-only imports, erased from the bundle), so the two cannot drift apart.
 */

import type { Static } from "typebox";
import type { Permission, Role } from "../../../src/access/permissions.ts";
import type { HealthResponse } from "../../../src/http/health.schemas.ts";
import type { AgentResponse } from "../../../src/modules/agents/agent.schemas.ts";
import type {
  AuditEntryResponse,
  AuditVerifyResponse,
} from "../../../src/modules/audit/audit.schemas.ts";
import type { CaseResponse } from "../../../src/modules/cases/case.schemas.ts";
import type { CaseDetailResponse } from "../../../src/modules/cases/case-detail.schemas.ts";
import type { CustomerResponse } from "../../../src/modules/customers/customer.schemas.ts";
import type { EventResponse } from "../../../src/modules/events/event.http.ts";
import {
  CASE_LINK_KINDS,
  type EventType,
  SLA_CLOCK_KINDS,
  type SlaClockKind,
  type ThroughlineEvent,
} from "../../../src/modules/events/event.types.ts";
import type { NotificationResponse } from "../../../src/modules/notifications/notification.schemas.ts";
import type { CaseSlaResponse } from "../../../src/modules/sla/sla.schemas.ts";
import type { TeamResponse } from "../../../src/modules/teams/team.schemas.ts";
import type {
  CreateUserBody,
  CurrentUserResponse,
  UpdateUserBody,
  UserResponse,
} from "../../../src/modules/users/user.schemas.ts";

/** GET /api/health; answered with HTTP 503 and `status: "degraded"` when the store is down. */
export type Health = HealthResponse;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Team = TeamResponse;
export type Agent = AgentResponse;
export type Customer = CustomerResponse;
/** A case as lists and GET /cases/:id return it, with its most urgent SLA clock (`sla`). */
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
    /** Every failing field, when there are several (`field` names the first). */
    errors?: { field: string; reason: string }[];
  };
}

/**
 * Accounts, tokens and the audit trail (issue C10). Roles and permissions are the server's own
 * names from src/access/permissions.ts.
 */
export type { Permission, Role };

export type User = UserResponse;
/** One role held by a user, limited to teams and/or regions; an empty list means "all". */
export type Grant = User["grants"][number];

/** The signed-in user, as GET /auth/me and POST /auth/login return it. */
export type SessionUser = Static<typeof CurrentUserResponse>;

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface RoleInfo {
  role: Role;
  description: string;
  permissions: Permission[];
}

export type CreateUserInput = Static<typeof CreateUserBody>;
export type UpdateUserInput = Static<typeof UpdateUserBody>;
export type GrantInput = CreateUserInput["grants"][number];

/** GET /tokens (the server declares this shape inside src/modules/auth/token.routes.ts). */
export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the token, to tell tokens apart; never the whole secret. */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to creating a token: the only time the secret itself is shown. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export type AuditEntry = AuditEntryResponse;
export type AuditVerification = AuditVerifyResponse;

/**
 * SLA clocks (issue 4): the clock names are the event vocabulary's, the states those of the
 * server's `sla_clocks` (src/modules/sla/sla-clocks.ts).
 */
export { SLA_CLOCK_KINDS, type SlaClockKind };

/** GET /cases/:id/sla: the policy that applies and each clock of the case. */
export type CaseSla = Static<typeof CaseSlaResponse>;
export type SlaClock = CaseSla["clocks"][number];
export type SlaClockState = SlaClock["state"];

/** The running (or paused) clock of a case with the earliest due time; null when none runs. */
export type CaseSlaSummary = NonNullable<CaseResponse["sla"]>;

/** Links a person makes between cases (`merged_into` comes from a merge). */
export const MANUAL_LINK_KINDS = CASE_LINK_KINDS;
export type ManualLinkKind = (typeof CASE_LINK_KINDS)[number];

/** GET /cases/:id (and every case action's answer): the case with its links and team spells. */
export type CaseDetail = CaseDetailResponse;
export type CaseLink = CaseDetail["links"][number];
export type CaseLinkKind = CaseLink["kind"];
/** One spell of the case with a team. */
export type TeamTime = CaseDetail["teamTimes"][number];

/** An in-app notification of the signed-in user (escalation steps). */
export type AppNotification = NotificationResponse;

/** GET /notifications: newest first, with the count of all the caller's unread ones. */
export interface NotificationPage extends Page<AppNotification> {
  unreadCount: number;
}

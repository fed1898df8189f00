import Type, { type Static } from "typebox";
import {
  Cursor,
  Instant,
  NextCursor,
  NullableInstant,
  NullableString,
  PageLimit,
  ResourceId,
  toIso,
  toIsoOrNull,
} from "../../http/common.schemas.js";
import { EventResponse } from "../events/event.http.js";
import { CASE_STATUSES, CHANNELS, PRIORITIES } from "../events/event.types.js";
import { SLA_STATE_FILTERS } from "../sla/sla.repository.js";
import { CaseSlaSummaryResponse, toCaseSlaSummaryResponse } from "../sla/sla.schemas.js";
import type { CaseSlaSummary } from "../sla/sla.service.js";
import type { Case } from "./case.js";

const Category = Type.String({
  pattern: "^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$",
  maxLength: 100,
  description: "Two levels, `top/sub`, e.g. `billing/refund`",
});

export const CaseResponse = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  subject: NullableString,
  channel: Type.Enum([...CHANNELS]),
  category: Type.String(),
  priority: Type.Enum([...PRIORITIES]),
  teamId: Type.String(),
  queue: NullableString,
  agentId: NullableString,
  tags: Type.Array(Type.String()),
  requiredSkills: Type.Array(Type.Object({ skill: Type.String(), level: Type.Integer() })),
  routedRule: Type.Union([Type.String(), Type.Null()], {
    description: "The routing rule that set the team; null when none did",
  }),
  recategorisedCount: Type.Integer(),
  status: Type.Enum([...CASE_STATUSES]),
  openedAt: Instant,
  firstResponseAt: NullableInstant,
  firstResolvedAt: NullableInstant,
  resolvedAt: NullableInstant,
  reopenCount: Type.Integer(),
  handoffCount: Type.Integer(),
  escalationLevel: Type.Integer(),
  workedSeconds: Type.Number(),
  rootCause: NullableString,
  updatedAt: Instant,
  sla: CaseSlaSummaryResponse,
});
export type CaseResponse = Static<typeof CaseResponse>;

export const CaseListResponse = Type.Object({
  items: Type.Array(CaseResponse),
  nextCursor: NextCursor,
});

export const ListCasesQuery = Type.Object({
  status: Type.Optional(Type.Enum([...CASE_STATUSES])),
  team: Type.Optional(ResourceId),
  agent: Type.Optional(ResourceId),
  customer: Type.Optional(ResourceId),
  channel: Type.Optional(Type.Enum([...CHANNELS])),
  priority: Type.Optional(Type.Enum([...PRIORITIES])),
  category: Type.Optional(
    Type.String({
      pattern: "^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)?$",
      maxLength: 100,
      description: "A top level (`billing`) or a full category (`billing/refund`)",
    }),
  ),
  openedFrom: Type.Optional(Type.String({ format: "date-time" })),
  openedTo: Type.Optional(Type.String({ format: "date-time" })),
  slaState: Type.Optional(
    Type.Enum([...SLA_STATE_FILTERS], {
      description:
        "Cases with a running clock that is breached, at risk, or running short of its at-risk point",
    }),
  ),
  limit: PageLimit,
  cursor: Type.Optional(Cursor),
});
export type ListCasesQuery = Static<typeof ListCasesQuery>;

export const CreateCaseBody = Type.Object(
  {
    id: Type.Optional(ResourceId),
    customer: ResourceId,
    channel: Type.Enum([...CHANNELS]),
    category: Category,
    priority: Type.Enum([...PRIORITIES]),
    team: Type.Optional(
      Type.Union([ResourceId], {
        description:
          "The team the case is for. Optional when routing rules are enabled: they decide (GET /api/v1/routing/rules)",
      }),
    ),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    body: Type.Optional(
      Type.String({ maxLength: 10_000, description: "The customer's message; routing reads it" }),
    ),
    tags: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
    ),
    // Extension fields that intake rules commonly require; kept in the case.opened event.
    callbackNumber: Type.Optional(Type.String({ maxLength: 100 })),
    accountId: Type.Optional(Type.String({ maxLength: 200 })),
    orderId: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

export const CaseEventsResponse = Type.Object({ items: Type.Array(EventResponse) });

/** `sla`: the case's queue badge (findSlaSummaries); null when not given or no clock runs. */
export function toCaseResponse(item: Case, sla?: CaseSlaSummary): CaseResponse {
  return {
    id: item.id,
    customerId: item.customerId,
    subject: item.subject,
    channel: item.channel,
    category: item.category,
    priority: item.priority,
    teamId: item.teamId,
    queue: item.queue,
    agentId: item.agentId,
    tags: item.tags,
    requiredSkills: item.requiredSkills,
    routedRule: item.routedRule,
    recategorisedCount: item.recategorisedCount,
    status: item.status,
    openedAt: toIso(item.openedAt),
    firstResponseAt: toIsoOrNull(item.firstResponseAt),
    firstResolvedAt: toIsoOrNull(item.firstResolvedAt),
    resolvedAt: toIsoOrNull(item.resolvedAt),
    reopenCount: item.reopenCount,
    handoffCount: item.handoffCount,
    escalationLevel: item.escalationLevel,
    workedSeconds: item.workedSeconds,
    rootCause: item.rootCause,
    updatedAt: toIso(item.updatedAt),
    sla: toCaseSlaSummaryResponse(sla),
  };
}

import Type, { type Static } from "typebox";
import {
  Instant,
  NullableInstant,
  NullableString,
  toIso,
  toIsoOrNull,
} from "../../http/common.schemas.js";
import {
  HOLD_TARGET_KINDS,
  type LegalHold,
  RETENTION_ACTIONS,
  RETENTION_KINDS,
  type RetentionPolicy,
  type RetentionReport,
} from "./retention.js";

export const PolicyKindParams = Type.Object({ kind: Type.Enum([...RETENTION_KINDS]) });

export const SetPolicyBody = Type.Object(
  {
    action: Type.Enum([...RETENTION_ACTIONS], {
      description: "`audit` allows only `purge` (of entry payloads)",
    }),
    days: Type.Integer({ minimum: 1, maximum: 36_500, description: "Records older than this" }),
  },
  { additionalProperties: false },
);
export type SetPolicyBody = Static<typeof SetPolicyBody>;

export const PolicyResponse = Type.Object({
  kind: Type.Enum([...RETENTION_KINDS]),
  action: Type.Enum([...RETENTION_ACTIONS]),
  days: Type.Integer(),
  updatedAt: Instant,
  updatedBy: Type.String({ description: "`user:<id>` or `system:<name>`" }),
});
export type PolicyResponse = Static<typeof PolicyResponse>;

export const PolicyListResponse = Type.Object({ items: Type.Array(PolicyResponse) });

export const ListHoldsQuery = Type.Object(
  {
    active: Type.Optional(
      Type.Boolean({ description: "true: only holds in force; false: only released ones" }),
    ),
  },
  { additionalProperties: false },
);

export const PlaceHoldBody = Type.Object(
  {
    targetKind: Type.Enum([...HOLD_TARGET_KINDS]),
    targetId: Type.String({ minLength: 1, maxLength: 200 }),
    reason: Type.String({ minLength: 1, maxLength: 2_000 }),
  },
  { additionalProperties: false },
);
export type PlaceHoldBody = Static<typeof PlaceHoldBody>;

export const HoldResponse = Type.Object({
  id: Type.String(),
  targetKind: Type.Enum([...HOLD_TARGET_KINDS]),
  targetId: Type.String(),
  reason: Type.String(),
  active: Type.Boolean(),
  createdAt: Instant,
  createdBy: Type.String(),
  releasedAt: NullableInstant,
  releasedBy: NullableString,
});
export type HoldResponse = Static<typeof HoldResponse>;

export const HoldListResponse = Type.Object({ items: Type.Array(HoldResponse) });

export const RunRetentionBody = Type.Object(
  { dryRun: Type.Boolean({ description: "Report what would change, change nothing" }) },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const Changes = Type.Object({
  casesAnonymised: Count,
  casesPurged: Count,
  eventsRedacted: Count,
  eventsPurged: Count,
  surveyCommentsRemoved: Count,
  auditPayloadsPurged: Count,
  customersAnonymised: Count,
});

export const RetentionReportResponse = Type.Object({
  dryRun: Type.Boolean(),
  now: Instant,
  policies: Type.Array(
    Type.Object({
      kind: Type.Enum([...RETENTION_KINDS]),
      action: Type.Enum([...RETENTION_ACTIONS]),
      days: Type.Integer(),
      cutoff: Type.String({ format: "date-time", description: "Records before this were due" }),
      changes: Changes,
    }),
  ),
  changes: Changes,
  held: Type.Object(
    { customers: Count, cases: Count },
    { description: "Due records kept back by legal holds" },
  ),
});
export type RetentionReportResponse = Static<typeof RetentionReportResponse>;

export function toPolicyResponse(policy: RetentionPolicy): PolicyResponse {
  return {
    kind: policy.kind,
    action: policy.action,
    days: policy.days,
    updatedAt: toIso(policy.updatedAt),
    updatedBy: policy.updatedBy,
  };
}

export function toHoldResponse(hold: LegalHold): HoldResponse {
  return {
    id: hold.id,
    targetKind: hold.targetKind,
    targetId: hold.targetId,
    reason: hold.reason,
    active: hold.releasedAt === null,
    createdAt: toIso(hold.createdAt),
    createdBy: hold.createdBy,
    releasedAt: toIsoOrNull(hold.releasedAt),
    releasedBy: hold.releasedBy,
  };
}

export function toRetentionReportResponse(report: RetentionReport): RetentionReportResponse {
  return {
    dryRun: report.dryRun,
    now: toIso(report.now),
    policies: report.policies.map((policy) => ({
      kind: policy.kind,
      action: policy.action,
      days: policy.days,
      cutoff: toIso(policy.cutoff),
      changes: { ...policy.changes },
    })),
    changes: { ...report.changes },
    held: { ...report.held },
  };
}

import Type, { type TSchema } from "typebox";
import { KPI_NAMES, SLICE_DIMENSIONS } from "../metrics/kpi.js";
import {
  AGENT_PRESENCES,
  ALERT_DIRECTIONS,
  ALERT_SEVERITIES,
  ASSIGNMENT_MODES,
  CASE_LINK_KINDS,
  CHANNELS,
  type EventType,
  PRIORITIES,
  SETTABLE_CASE_STATUSES,
  SLA_CLOCK_KINDS,
  SURVEY_KINDS,
} from "./event.types.js";

/**
 * JSON Schemas of the event vocabulary. Extra properties are allowed (PRODUCT.md: unknown fields
 * are kept); the `type` discriminator is checked before these run.
 */

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Category = Type.String({
  pattern: "^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$",
  maxLength: 100,
});
const Tag = Type.String({ minLength: 1, maxLength: 100 });
const SkillLevel = Type.Integer({ minimum: 1, maximum: 5 });
const TimeOfDay = Type.String({ pattern: "^\\d{2}:\\d{2}$" });
const Text = Type.String({ maxLength: 10_000 });
const Common = {
  type: Type.String(),
  id: Type.Optional(Id),
  at: Type.String({ minLength: 1, maxLength: 64 }),
};

function eventSchema(properties: Record<string, TSchema>): TSchema {
  return Type.Object({ ...Common, ...properties }, { additionalProperties: true });
}

function slaClockEventSchema(more: Record<string, TSchema> = {}): TSchema {
  return eventSchema({
    case: Id,
    clock: Type.Enum([...SLA_CLOCK_KINDS]),
    policy: Id,
    dueAt: Type.String({ minLength: 1, maxLength: 64 }),
    team: Type.Optional(Id),
    ...more,
  });
}

const AlertNumber = Type.Union([Type.Number(), Type.Null()]);
const AlertSlice = {
  alert: Id,
  rule: Id,
  metric: Type.Enum([...KPI_NAMES]),
  dim: Type.Enum(["all", ...SLICE_DIMENSIONS]),
  key: Type.String({ minLength: 1, maxLength: 200 }),
};

export const EVENT_SCHEMAS: Record<EventType, TSchema> = {
  "team.upserted": eventSchema({
    team: Id,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    hourlyCost: Type.Optional(Type.Number({ minimum: 0 })),
  }),
  "agent.upserted": eventSchema({
    agent: Id,
    team: Id,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }))),
    skillLevels: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 100 }), SkillLevel),
    ),
    capacity: Type.Optional(
      Type.Object(
        Object.fromEntries(
          CHANNELS.map((channel) => [
            channel,
            Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
          ]),
        ),
        { additionalProperties: false },
      ),
    ),
    shift: Type.Optional(
      Type.Union([
        Type.Object({
          timezone: Type.String({ minLength: 1, maxLength: 64 }),
          hours: Type.Object(
            Object.fromEntries(
              ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [
                day,
                Type.Optional(Type.Array(Type.Tuple([TimeOfDay, TimeOfDay]), { maxItems: 8 })),
              ]),
            ),
            { additionalProperties: false },
          ),
        }),
        Type.Null(),
      ]),
    ),
  }),
  "agent.presence": eventSchema({ agent: Id, presence: Type.Enum([...AGENT_PRESENCES]) }),
  "customer.upserted": eventSchema({
    customer: Id,
    tier: Type.String({ minLength: 1, maxLength: 50 }),
    segment: Type.String({ minLength: 1, maxLength: 50 }),
    region: Type.String({ minLength: 1, maxLength: 50 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    language: Type.Optional(
      Type.String({ pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", maxLength: 35 }),
    ),
  }),
  "case.opened": eventSchema({
    case: Id,
    customer: Id,
    channel: Type.Enum([...CHANNELS]),
    category: Category,
    priority: Type.Enum([...PRIORITIES]),
    team: Id,
    subject: Type.Optional(Type.String({ maxLength: 500 })),
    body: Type.Optional(Text),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
  }),
  "case.assigned": eventSchema({
    case: Id,
    agent: Id,
    team: Type.Optional(Id),
    mode: Type.Optional(Type.Enum([...ASSIGNMENT_MODES])),
  }),
  "case.routed": eventSchema({
    case: Id,
    team: Id,
    queue: Type.Optional(Type.Union([Id, Type.Null()])),
    priority: Type.Enum([...PRIORITIES]),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 100 })),
    skills: Type.Optional(
      Type.Array(Type.Object({ skill: Tag, level: SkillLevel }), { maxItems: 50 }),
    ),
    rule: Type.Union([Id, Type.Null()]),
    fired: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
    version: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  "case.recategorised": eventSchema({
    case: Id,
    category: Category,
    previous: Type.Optional(Category),
  }),
  "case.replied": eventSchema({
    case: Id,
    by: Type.String({ pattern: "^(agent:.+|customer)$", maxLength: 210 }),
    public: Type.Boolean(),
  }),
  "case.handoff": eventSchema({
    case: Id,
    from: Id,
    to: Id,
    reason: Type.Optional(Text),
    checklist: Type.Optional(Type.Unknown()),
    handoffType: Type.Optional(Id),
  }),
  "case.status": eventSchema({
    case: Id,
    status: Type.Enum([...SETTABLE_CASE_STATUSES]),
  }),
  "case.escalated": eventSchema({
    case: Id,
    level: Type.Integer({ minimum: 1, maximum: 10 }),
    to: Type.Optional(Id),
    policy: Type.Optional(Id),
    step: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    trigger: Type.Optional(Type.Enum(["at_risk", "breached"])),
  }),
  "case.worked": eventSchema({
    case: Id,
    agent: Id,
    seconds: Type.Number({ minimum: 0, maximum: 86_400 }),
  }),
  "case.resolved": eventSchema({
    case: Id,
    rootCause: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  "case.reopened": eventSchema({ case: Id }),
  "case.closed": eventSchema({ case: Id, reason: Type.Optional(Type.String({ maxLength: 200 })) }),
  "survey.answered": eventSchema({
    case: Id,
    kind: Type.Enum([...SURVEY_KINDS]),
    score: Type.Integer(),
    comment: Type.Optional(Text),
  }),
  "case.linked": eventSchema({
    case: Id,
    kind: Type.Enum([...CASE_LINK_KINDS]),
    target: Id,
  }),
  "case.merged": eventSchema({ case: Id, merged: Id }),
  "case.merged_into": eventSchema({ case: Id, into: Id }),
  "sla.at_risk": slaClockEventSchema(),
  "sla.breached": slaClockEventSchema(),
  "sla.breach_predicted": slaClockEventSchema({
    predictedAt: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  }),
  "alert.raised": eventSchema({
    ...AlertSlice,
    bucket: Type.Enum(["hour", "day"]),
    bucketStart: Type.String({ minLength: 1, maxLength: 64 }),
    direction: Type.Enum([...ALERT_DIRECTIONS]),
    severity: Type.Enum([...ALERT_SEVERITIES]),
    value: Type.Number(),
    expected: AlertNumber,
    lower: AlertNumber,
    upper: AlertNumber,
    link: Type.String({ maxLength: 2_000 }),
  }),
  "alert.resolved": eventSchema({
    ...AlertSlice,
    reason: Type.Enum(["recovered", "rule_removed"]),
    value: Type.Optional(AlertNumber),
    expected: Type.Optional(AlertNumber),
    lower: Type.Optional(AlertNumber),
    upper: Type.Optional(AlertNumber),
  }),
};

import Type, { type Static } from "typebox";
import { ROLES } from "../../access/permissions.js";
import {
  Cursor,
  Instant,
  NextCursor,
  NullableInstant,
  PageLimit,
  toIso,
  toIsoOrNull,
} from "../../http/common.schemas.js";
import { ALERT_DIRECTIONS, ALERT_SEVERITIES } from "../events/event.types.js";
import { KPI_NAMES, SLICE_DIMENSIONS } from "../metrics/kpi.js";
import { ALERT_BUCKETS, ALERT_STATES, type Alert } from "./alert.js";
import {
  ALERT_RULE_KINDS,
  MAX_BASELINE_WEEKS,
  MIN_BASELINE_WEEKS,
  RULE_DIRECTIONS,
} from "./alert-rules.js";

const Dimension = Type.Enum(["all", ...SLICE_DIMENSIONS]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

const AlertRuleSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 60, pattern: "^[A-Za-z0-9._-]+$" }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    enabled: Type.Optional(Type.Boolean({ description: "Default true" })),
    metric: Type.Enum([...KPI_NAMES]),
    dim: Dimension,
    key: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()], {
        description: "One value of dim; absent or null: every value of dim, each its own slice",
      }),
    ),
    kind: Type.Enum([...ALERT_RULE_KINDS]),
    bucket: Type.Optional(
      Type.Enum([...ALERT_BUCKETS], {
        description: "hour (hour-of-week baseline) or day (day-of-week baseline); default hour",
      }),
    ),
    direction: Type.Optional(
      Type.Enum([...RULE_DIRECTIONS], {
        description: "Which way out of range counts; default both",
      }),
    ),
    consecutive: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 72,
        description: "Buckets in a row out of range to open an alert; default 1",
      }),
    ),
    recovery: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 168,
        description: "Buckets in a row in range to end it; default 1",
      }),
    ),
    delayHours: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 720,
        description: "Evaluate a bucket this long after it ends (lagging KPIs); default 0",
      }),
    ),
    severity: Type.Optional(Type.Enum([...ALERT_SEVERITIES], { description: "Default warning" })),
    weeks: Type.Optional(
      Type.Integer({
        minimum: MIN_BASELINE_WEEKS,
        maximum: MAX_BASELINE_WEEKS,
        description: "Baseline: past weeks averaged; default 4",
      }),
    ),
    zScore: Type.Optional(
      Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 100 }), Type.Null()], {
        description: "Baseline: standard deviations from the mean to be out of range",
      }),
    ),
    percent: Type.Optional(
      Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }), Type.Null()], {
        description: "Baseline: change from the mean, in percent, to be out of range",
      }),
    ),
    minDelta: Type.Optional(
      Type.Number({ minimum: 0, description: "Baseline: smallest absolute change that counts" }),
    ),
    minVolume: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          "Skip buckets resting on fewer cases than this (cases opened or resolved); default 0",
      }),
    ),
    above: Type.Optional(NullableNumber),
    below: Type.Optional(NullableNumber),
    notify: Type.Optional(
      Type.Array(Type.Enum([...ROLES]), {
        maxItems: ROLES.length,
        description: "Roles notified in the app (holders whose grants cover the slice)",
      }),
    ),
  },
  { additionalProperties: false },
);

/** The `alert-rules` settings document (docs/alerts.md explains every field). */
export const AlertRulesSchema = Type.Object(
  { rules: Type.Array(AlertRuleSchema, { maxItems: 200 }) },
  { additionalProperties: false },
);

export const ListAlertsQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum([...ALERT_STATES])),
    rule: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    metric: Type.Optional(Type.Enum([...KPI_NAMES])),
    limit: PageLimit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type ListAlertsQuery = Static<typeof ListAlertsQuery>;

export const AlertResponse = Type.Object({
  id: Type.String(),
  rule: Type.String(),
  metric: Type.Enum([...KPI_NAMES]),
  dim: Dimension,
  key: Type.String(),
  bucket: Type.Enum([...ALERT_BUCKETS]),
  bucketStart: Instant,
  direction: Type.Enum([...ALERT_DIRECTIONS]),
  severity: Type.Enum([...ALERT_SEVERITIES]),
  value: Type.Number({ description: "The metric in the bucket that confirmed the alert" }),
  expected: NullableNumber,
  lower: NullableNumber,
  upper: NullableNumber,
  link: Type.String({ description: "The cases behind the value (metrics cases route)" }),
  raisedAt: Instant,
  state: Type.Enum([...ALERT_STATES]),
  resolvedAt: NullableInstant,
  resolveReason: Type.Union([Type.Enum(["recovered", "rule_removed", "superseded"]), Type.Null()]),
  resolvedValue: NullableNumber,
  acknowledgedAt: NullableInstant,
  acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
});
export type AlertResponse = Static<typeof AlertResponse>;

export const AlertListResponse = Type.Object({
  items: Type.Array(AlertResponse),
  nextCursor: NextCursor,
});

export function toAlertResponse(alert: Alert): AlertResponse {
  return {
    id: alert.id,
    rule: alert.ruleId,
    metric: alert.metric,
    dim: alert.dim,
    key: alert.key,
    bucket: alert.bucket,
    bucketStart: toIso(alert.bucketStart),
    direction: alert.direction,
    severity: alert.severity,
    value: alert.value,
    expected: alert.expected,
    lower: alert.lower,
    upper: alert.upper,
    link: alert.link,
    raisedAt: toIso(alert.raisedAt),
    state: alert.state,
    resolvedAt: toIsoOrNull(alert.resolvedAt),
    resolveReason: alert.resolveReason,
    resolvedValue: alert.resolvedValue,
    acknowledgedAt: toIsoOrNull(alert.acknowledgedAt),
    acknowledgedBy: alert.acknowledgedBy,
  };
}

const instantText = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: 64,
    description: `${description} (ISO-8601 with an offset or Z)`,
  });

export const BaselineQuery = Type.Object(
  {
    metric: Type.Optional(Type.Enum([...KPI_NAMES], { description: "Default casesOpened" })),
    dim: Type.Optional(Type.Enum(["all", ...SLICE_DIMENSIONS], { description: "Default all" })),
    key: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "The slice value; required unless dim is all",
      }),
    ),
    from: Type.Optional(instantText("Start, inclusive; default `to` − 7 days")),
    to: Type.Optional(instantText("End, exclusive; default the start of the current hour")),
    bucket: Type.Optional(
      Type.Enum([...ALERT_BUCKETS], { description: "Default: the matching rule's, else hour" }),
    ),
    rule: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 60,
        description:
          "The alert rule whose band to draw; default the first enabled baseline rule on the metric and slice",
      }),
    ),
  },
  { additionalProperties: false },
);
export type BaselineQuery = Static<typeof BaselineQuery>;

export const BaselineResponse = Type.Object({
  metric: Type.Enum([...KPI_NAMES]),
  dim: Dimension,
  key: Type.String(),
  bucket: Type.Enum([...ALERT_BUCKETS]),
  rule: Type.Union([Type.String(), Type.Null()], {
    description: "The rule whose band this is; null: the default band (4 weeks, z-score 3)",
  }),
  points: Type.Array(
    Type.Object({
      at: Instant,
      expected: NullableNumber,
      lower: NullableNumber,
      upper: NullableNumber,
      value: NullableNumber,
    }),
    { description: "Every bucket; expected/lower/upper null without enough history" },
  ),
});

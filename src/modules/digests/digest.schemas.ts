import Type, { type Static } from "typebox";
import {
  Cursor,
  Instant,
  NextCursor,
  NullableInstant,
  NullableString,
  PageLimit,
  toIso,
  toIsoOrNull,
} from "../../http/common.schemas.js";
import { KPI_NAMES } from "../metrics/kpi.js";
import { MIN_SECRET_LENGTH, SECRET_MASK } from "../webhooks/webhook-settings.js";
import { DIGEST_RUN_STATUSES, type DigestRun } from "./digest.js";
import type { SendNowReport } from "./digest.service.js";
import {
  DIGEST_CADENCES,
  DIGEST_NAME_PATTERN,
  MAX_DIGEST_EMAILS,
  WEEKDAYS,
} from "./digest-settings.js";

const DigestName = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: DIGEST_NAME_PATTERN.source,
  description: "Lower-case letters, digits and dashes",
});

export const DigestScheduleSchema = Type.Object(
  {
    name: DigestName,
    cadence: Type.Enum([...DIGEST_CADENCES]),
    hour: Type.Integer({ minimum: 0, maximum: 23, description: "Local hour of the run" }),
    weekday: Type.Optional(
      Type.Union([Type.Enum([...WEEKDAYS]), Type.Null()], {
        description: "The run's local weekday: required for weekly digests, null for daily ones",
      }),
    ),
    timezone: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'IANA time zone, e.g. "Europe/Berlin"',
    }),
    team: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()], {
        description:
          "The team reported; null or absent for all teams (an all row and one per team)",
      }),
    ),
    metrics: Type.Array(Type.Enum([...KPI_NAMES]), { minItems: 1, maxItems: KPI_NAMES.length }),
    emails: Type.Array(Type.String({ minLength: 3, maxLength: 320 }), {
      maxItems: MAX_DIGEST_EMAILS,
    }),
    webhook: Type.Optional(
      Type.Union([
        Type.Object(
          {
            url: Type.String({
              minLength: 1,
              maxLength: 2_000,
              description: "http:// or https://",
            }),
            secret: Type.String({
              minLength: 1,
              maxLength: 500,
              description: `Write-only: at least ${MIN_SECRET_LENGTH} characters; reads show "${SECRET_MASK}", and sending "${SECRET_MASK}" back keeps the stored secret`,
            }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    active: Type.Optional(Type.Boolean({ description: "Default true" })),
  },
  { additionalProperties: false },
);

export const DigestsSchema = Type.Object(
  { schedules: Type.Array(DigestScheduleSchema, { maxItems: 100 }) },
  { additionalProperties: false },
);

export const DigestNameParams = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
});

const KpiValuesSchema = Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()]));

export const DigestContentSchema = Type.Object({
  digest: Type.String(),
  cadence: Type.Enum([...DIGEST_CADENCES]),
  timezone: Type.String(),
  team: NullableString,
  period: Type.Object({
    from: Instant,
    to: Instant,
    firstDay: Type.String({ format: "date" }),
    lastDay: Type.String({ format: "date" }),
  }),
  previousPeriod: Type.Object({ from: Instant, to: Instant }),
  generatedAt: Instant,
  metrics: Type.Array(Type.Enum([...KPI_NAMES])),
  rows: Type.Array(
    Type.Object({ key: Type.String(), values: KpiValuesSchema, previous: KpiValuesSchema }),
  ),
});

export const SendDigestBody = Type.Object(
  {
    at: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          "Send the digest of the latest scheduled run at or before this instant (ISO-8601 with offset); default now",
      }),
    ),
  },
  { additionalProperties: false },
);

const ChannelReport = Type.Object({
  status: Type.Enum(["sent", "failed", "skipped"], {
    description: "skipped: the digest has no recipient on this channel",
  }),
  error: NullableString,
});

export const SendDigestResponse = Type.Object({
  digest: Type.String(),
  period: Type.Object({
    from: Instant,
    to: Instant,
    firstDay: Type.String({ format: "date" }),
    lastDay: Type.String({ format: "date" }),
  }),
  email: Type.Object({
    ...ChannelReport.properties,
    recipients: Type.Array(Type.String()),
  }),
  webhook: ChannelReport,
  content: DigestContentSchema,
});

export function toSendDigestResponse(report: SendNowReport): Static<typeof SendDigestResponse> {
  return {
    digest: report.digest,
    period: {
      from: toIso(report.period.from),
      to: toIso(report.period.to),
      firstDay: report.period.firstDay,
      lastDay: report.period.lastDay,
    },
    email: report.email,
    webhook: report.webhook,
    content: report.content,
  };
}

export const ListDigestRunsQuery = Type.Object(
  {
    digest: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    status: Type.Optional(Type.Enum([...DIGEST_RUN_STATUSES])),
    limit: PageLimit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const DigestRunResponse = Type.Object({
  digest: Type.String(),
  periodFrom: Instant,
  periodTo: Instant,
  runAt: Instant,
  status: Type.Enum([...DIGEST_RUN_STATUSES]),
  attempts: Type.Integer({ minimum: 0 }),
  nextAttemptAt: Instant,
  emailSentAt: NullableInstant,
  webhookSentAt: NullableInstant,
  lastError: NullableString,
  createdAt: Instant,
  sentAt: NullableInstant,
});

export const DigestRunListResponse = Type.Object({
  items: Type.Array(DigestRunResponse),
  nextCursor: NextCursor,
});

export function toDigestRunResponse(run: DigestRun): Static<typeof DigestRunResponse> {
  return {
    digest: run.schedule,
    periodFrom: toIso(run.periodFrom),
    periodTo: toIso(run.periodTo),
    runAt: toIso(run.runAt),
    status: run.status,
    attempts: run.attempts,
    nextAttemptAt: toIso(run.nextAttemptAt),
    emailSentAt: toIsoOrNull(run.emailSentAt),
    webhookSentAt: toIsoOrNull(run.webhookSentAt),
    lastError: run.lastError,
    createdAt: toIso(run.createdAt),
    sentAt: toIsoOrNull(run.sentAt),
  };
}

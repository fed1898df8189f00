import Type, { type Static } from "typebox";
import { Instant, NullableInstant, toIso, toIsoOrNull } from "../../http/common.schemas.js";
import { SLA_CLOCK_KINDS } from "../events/event.types.js";
import { WEEKDAYS } from "./calendar.js";
import type { CaseSla, CaseSlaSummary } from "./sla.service.js";
import { SLA_CLOCK_STATES, type StoredSlaClock } from "./sla-clocks.js";
import { SLA_TIME_KINDS } from "./sla-policy.js";

// The documents' shapes; what a schema cannot say (times of day, overlaps, zones, references)
// is checked by sla-settings.ts and named as `body.document.<path>`.

const SettingsId = Type.String({ minLength: 1, maxLength: 100 });
const Name = Type.String({ minLength: 1, maxLength: 200 });

const Spans = Type.Array(Type.Tuple([Type.String(), Type.String()]), {
  description: 'Open spans of a day, `[["09:00","12:00"],["13:00","17:00"]]`; "24:00" may end one',
});

const StoredCalendarSchema = Type.Object(
  {
    id: SettingsId,
    name: Name,
    timezone: Type.String({ description: "IANA time zone, e.g. Europe/Berlin" }),
    hours: Type.Object(Object.fromEntries(WEEKDAYS.map((day) => [day, Type.Optional(Spans)])), {
      additionalProperties: false,
    }),
    holidays: Type.Array(Type.String({ description: "YYYY-MM-DD" }), { default: [] }),
    exceptions: Type.Optional(
      Type.Array(
        Type.Object({ date: Type.String(), hours: Spans }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const CalendarsDocumentSchema = Type.Object(
  { calendars: Type.Array(StoredCalendarSchema) },
  { additionalProperties: false },
);

const TargetSchema = Type.Object(
  { minutes: Type.Number(), time: Type.Enum([...SLA_TIME_KINDS]) },
  { additionalProperties: false },
);

const PolicySchema = Type.Object(
  {
    id: SettingsId,
    name: Name,
    position: Type.Integer(),
    conditions: Type.Object(
      {
        tiers: Type.Optional(Type.Array(Type.String())),
        priorities: Type.Optional(Type.Array(Type.String())),
        channels: Type.Optional(Type.Array(Type.String())),
        categories: Type.Optional(Type.Array(Type.String())),
      },
      { additionalProperties: false, default: {} },
    ),
    targets: Type.Object(
      {
        firstResponse: Type.Optional(TargetSchema),
        nextUpdate: Type.Optional(TargetSchema),
        resolution: Type.Optional(TargetSchema),
      },
      { additionalProperties: false },
    ),
    calendarId: Type.Optional(SettingsId),
    atRiskShare: Type.Number({ description: "Share of a target used at which it is at risk" }),
  },
  { additionalProperties: false },
);

const InternalSlaSchema = Type.Object(
  {
    id: SettingsId,
    name: Name,
    team: SettingsId,
    fromTeams: Type.Array(SettingsId, { default: [] }),
    target: TargetSchema,
    calendarId: Type.Optional(SettingsId),
    atRiskShare: Type.Number(),
  },
  { additionalProperties: false },
);

export const SlaPoliciesDocumentSchema = Type.Object(
  {
    policies: Type.Array(PolicySchema),
    internal: Type.Array(InternalSlaSchema, { default: [] }),
  },
  { additionalProperties: false },
);

const ClockState = Type.Enum([...SLA_CLOCK_STATES]);

export const CaseSlaSummaryResponse = Type.Union([
  Type.Object({
    clock: Type.Enum([...SLA_CLOCK_KINDS]),
    dueAt: Instant,
    atRiskAt: Instant,
    state: ClockState,
  }),
  Type.Null(),
]);
export type CaseSlaSummaryResponse = Static<typeof CaseSlaSummaryResponse>;

export const CaseSlaResponse = Type.Object({
  policy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  clocks: Type.Array(
    Type.Object({
      clock: Type.Enum([...SLA_CLOCK_KINDS]),
      policy: Type.String(),
      team: Type.Union([Type.String(), Type.Null()]),
      startedAt: Instant,
      dueAt: Instant,
      atRiskAt: Instant,
      stoppedAt: NullableInstant,
      state: ClockState,
      atRiskFiredAt: NullableInstant,
      breachedFiredAt: NullableInstant,
    }),
  ),
});

export function toCaseSlaSummaryResponse(
  summary: CaseSlaSummary | undefined,
): CaseSlaSummaryResponse {
  if (summary === undefined) return null;
  return {
    clock: summary.clock,
    dueAt: toIso(summary.dueAt),
    atRiskAt: toIso(summary.atRiskAt),
    state: summary.state,
  };
}

function toClockResponse(clock: StoredSlaClock) {
  return {
    clock: clock.clock,
    policy: clock.policyId,
    team: clock.teamId,
    startedAt: toIso(clock.startedAt),
    dueAt: toIso(clock.dueAt),
    atRiskAt: toIso(clock.atRiskAt),
    stoppedAt: toIsoOrNull(clock.stoppedAt),
    state: clock.state,
    atRiskFiredAt: toIsoOrNull(clock.atRiskFiredAt),
    breachedFiredAt: toIsoOrNull(clock.breachedFiredAt),
  };
}

export function toCaseSlaResponse(sla: CaseSla) {
  return { policy: sla.policy, clocks: sla.clocks.map(toClockResponse) };
}

import Type, { type Static } from "typebox";
import { Instant, NullableString, toIso } from "../../http/common.schemas.js";
import { RoutingRulesDocument } from "../routing/routing.schemas.js";
import type { MisclassificationReport } from "./misclassification.js";
import { DEFAULT_MIN_CASES } from "./misclassification.service.js";
import { REPLAY_DAYS, type RoutingReplay } from "./replay.service.js";

export const MisclassificationQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({
        description: "Cases opened at or after this ISO-8601 instant; default 30 days before `to`",
      }),
    ),
    to: Type.Optional(
      Type.String({ description: "Cases opened before this ISO-8601 instant; default now" }),
    ),
    team: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          "Only cases routing first sent to this team (its first routing decision, else the team it was opened for)",
      }),
    ),
    minCases: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        default: DEFAULT_MIN_CASES,
        description: "Leave out categories and rules with fewer cases",
      }),
    ),
  },
  { additionalProperties: false },
);
export type MisclassificationQuery = Static<typeof MisclassificationQuery>;

const rate = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });

const MisclassificationCounts = {
  cases: Type.Integer(),
  transferred: Type.Integer({ description: "Cases handed to another team at least once" }),
  transfers: Type.Integer({ description: "Handoffs in all" }),
  transferRate: rate("transferred ÷ cases"),
  recategorised: Type.Integer({ description: "Cases re-categorised at least once" }),
  recategorisationRate: rate("recategorised ÷ cases"),
};

export const MisclassificationResponse = Type.Object({
  from: Instant,
  to: Instant,
  totals: Type.Object({
    cases: Type.Integer(),
    transferred: Type.Integer(),
    transfers: Type.Integer(),
    recategorised: Type.Integer(),
  }),
  byCategory: Type.Array(
    Type.Object({
      category: Type.String({
        description: "The category the cases were opened with (before any re-categorisation)",
      }),
      ...MisclassificationCounts,
      topDestinations: Type.Array(Type.Object({ team: Type.String(), transfers: Type.Integer() }), {
        description: "The teams the handoffs went to, most first (at most 3)",
      }),
    }),
    { description: "Highest transfer rate first, then most cases" },
  ),
  byRule: Type.Array(
    Type.Object({
      rule: Type.Union([Type.String(), Type.Null()], {
        description:
          "The rule that set the team when the case was opened; null: a fallback or intake team, or not routed",
      }),
      name: Type.Union([Type.String(), Type.Null()], {
        description: "The rule's name in the rules in force; null when it is not there",
      }),
      ...MisclassificationCounts,
    }),
    { description: "Highest transfer rate first, then most cases" },
  ),
});

export function toMisclassificationResponse(
  report: MisclassificationReport & { from: number; to: number },
): Static<typeof MisclassificationResponse> {
  return { ...report, from: toIso(report.from), to: toIso(report.to) };
}

export const ReplayBody = Type.Object(
  {
    /** A draft rule set (replayed as if enabled); the rules in force when absent. */
    document: Type.Optional(RoutingRulesDocument),
    days: Type.Integer({
      minimum: REPLAY_DAYS.min,
      maximum: REPLAY_DAYS.max,
      default: REPLAY_DAYS.default,
      description: "Replay the cases opened in the last N days",
    }),
  },
  { additionalProperties: false },
);
export type ReplayBody = Static<typeof ReplayBody>;

const Minutes = Type.Union([Type.Number(), Type.Null()]);

const TeamFirstResponse = {
  firstResponseMedianMinutes: Minutes,
  firstResponseP90Minutes: Minutes,
};

const modelledTeamFirstResponse = (description: string) =>
  Type.Object(
    {
      ...TeamFirstResponse,
      unanswered: Type.Integer({
        description: "Cases the model could not answer before the window ended",
      }),
    },
    { description },
  );

const ModelledFirstResponse = Type.Object({
  median: Minutes,
  p90: Minutes,
  unanswered: Type.Integer(),
});

export const ReplayResponse = Type.Object({
  days: Type.Integer(),
  from: Instant,
  to: Instant,
  version: Type.Union([Type.Integer(), Type.Null()], {
    description: "The version of the rules in force replayed; null for a draft",
  }),
  capped: Type.Boolean({
    description: `More cases than a replay takes: \`from\` was moved forward to keep the most recent`,
  }),
  cases: Type.Integer({ description: "Cases replayed" }),
  changed: Type.Integer({ description: "Cases the replayed rules send to another team" }),
  teams: Type.Array(
    Type.Object({
      team: Type.String(),
      actualCases: Type.Integer({ description: "Cases routing actually sent the team" }),
      replayCases: Type.Integer({ description: "Cases the replayed rules send it" }),
      delta: Type.Integer(),
      actual: modelledTeamFirstResponse("First responses the model gives the actual arrivals"),
      replay: modelledTeamFirstResponse("First responses the model gives the replayed arrivals"),
      observed: Type.Object(TeamFirstResponse, { description: "What really happened" }),
    }),
  ),
  firstResponse: Type.Object(
    {
      actual: ModelledFirstResponse,
      replay: ModelledFirstResponse,
      observed: Type.Object({ median: Minutes, p90: Minutes }),
    },
    {
      description: "Minutes from opening to the first public agent reply (docs/routing-replay.md)",
    },
  ),
  transfers: Type.Object({
    actual: Type.Integer({ description: "Cases handed off" }),
    replay: Type.Integer({
      description: "Cases whose replayed team is not the team they ended with",
    }),
    avoided: Type.Integer({
      description: "Handed-off cases the replayed rules send straight to their final team",
    }),
    added: Type.Integer({
      description: "Cases never handed off that the replayed rules send away from their team",
    }),
  }),
  rules: Type.Array(
    Type.Object({
      rule: Type.String(),
      name: Type.String(),
      fires: Type.Integer({ description: "Cases on which the rule fired" }),
      decides: Type.Integer({ description: "Cases whose team the rule set" }),
    }),
  ),
  samples: Type.Array(
    Type.Object({
      case: Type.String(),
      actualTeam: Type.String(),
      replayTeam: Type.String(),
      rule: NullableString,
    }),
    { description: "Up to 20 changed cases, spread over the window" },
  ),
});
export type ReplayResponse = Static<typeof ReplayResponse>;

export function toReplayResponse(report: RoutingReplay): ReplayResponse {
  return { ...report, from: toIso(report.from), to: toIso(report.to) };
}

import Type, { type Static } from "typebox";
import { ResourceId } from "../../http/common.schemas.js";
import { CHANNELS, PRIORITIES } from "../events/event.types.js";
import {
  CONDITION_OPS,
  ROUTING_FIELDS,
  type RoutingField,
  SKILL_LEVEL_MAX,
  SKILL_LEVEL_MIN,
} from "./routing-rules.js";

const ConditionValue = Type.Union(
  [
    Type.String({ maxLength: 2_000 }),
    Type.Number(),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500 }),
  ],
  {
    description:
      "A string or number; a list of strings for `in`, `not_in` and `contains_any`; absent for `exists`",
  },
);

const Tag = Type.String({ minLength: 1, maxLength: 100 });

const RequiredSkillSchema = Type.Object(
  {
    skill: Type.String({ minLength: 1, maxLength: 100 }),
    level: Type.Integer({
      minimum: SKILL_LEVEL_MIN,
      maximum: SKILL_LEVEL_MAX,
      description: "1 (basic) to 5 (expert): an agent needs at least this level",
    }),
  },
  { additionalProperties: false },
);

export const RoutingRulesDocument = Type.Object(
  {
    enabled: Type.Boolean({
      description: "Off: cases keep the team they were opened for and nothing is recorded",
    }),
    fallbackTeam: Type.Union([ResourceId, Type.Null()], {
      description: "Where a case no rule routes goes; null: it stays with its own team",
    }),
    rules: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: "^[a-z0-9][a-z0-9_-]*$", maxLength: 100 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          enabled: Type.Boolean(),
          match: Type.Enum(["all", "any"], {
            description: "`all`: every condition must hold; `any`: one is enough",
          }),
          conditions: Type.Array(
            Type.Object(
              {
                field: Type.Enum(Object.keys(ROUTING_FIELDS) as RoutingField[]),
                op: Type.Enum([...CONDITION_OPS]),
                value: Type.Optional(ConditionValue),
              },
              { additionalProperties: false },
            ),
            { maxItems: 50, description: "None: the rule always fires" },
          ),
          actions: Type.Object(
            {
              setTeam: Type.Optional(ResourceId),
              setQueue: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 100,
                  description: "A queue inside the team set by this rule or an earlier one",
                }),
              ),
              setPriority: Type.Optional(Type.Enum([...PRIORITIES])),
              raisePriority: Type.Optional(
                Type.Integer({
                  minimum: -3,
                  maximum: 3,
                  description: "Steps up (positive) or down the urgent > high > normal > low scale",
                }),
              ),
              addTags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
              requireSkills: Type.Optional(Type.Array(RequiredSkillSchema, { maxItems: 50 })),
            },
            { additionalProperties: false },
          ),
          stop: Type.Boolean({ description: "When the rule fires, later rules are not tried" }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1_000, description: "Tried in order" },
    ),
  },
  { additionalProperties: false },
);
export type RoutingRulesDocument = Static<typeof RoutingRulesDocument>;

export const CheckRoutingRulesBody = Type.Object(
  { document: RoutingRulesDocument },
  { additionalProperties: false },
);
export type CheckRoutingRulesBody = Static<typeof CheckRoutingRulesBody>;

const FieldProblem = Type.Object({
  field: Type.String({ description: "A dotted path inside the document, e.g. `rules.3.actions`" }),
  reason: Type.String(),
});

export const RoutingCheckResponse = Type.Object({
  valid: Type.Boolean({ description: "Whether a save would pass the document's checks" }),
  error: Type.Optional(FieldProblem),
  warnings: Type.Array(FieldProblem),
});

export const TestRoutingRulesBody = Type.Object(
  {
    document: Type.Optional(RoutingRulesDocument),
    case: Type.Object(
      {
        channel: Type.Enum([...CHANNELS]),
        category: Type.String({ minLength: 1, maxLength: 100 }),
        priority: Type.Enum([...PRIORITIES]),
        team: Type.Optional(ResourceId),
        subject: Type.Optional(Type.String({ maxLength: 500 })),
        body: Type.Optional(Type.String({ maxLength: 100_000 })),
        tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
      },
      { additionalProperties: false },
    ),
    customer: Type.Optional(
      Type.Union(
        [
          ResourceId,
          Type.Object(
            {
              tier: Type.String({ minLength: 1, maxLength: 100 }),
              segment: Type.String({ minLength: 1, maxLength: 100 }),
              region: Type.String({ minLength: 1, maxLength: 100 }),
              language: Type.Optional(Type.String({ minLength: 1, maxLength: 35 })),
              openCases: Type.Optional(Type.Integer({ minimum: 0 })),
              casesLast30Days: Type.Optional(Type.Integer({ minimum: 0 })),
              recentRecontacts: Type.Optional(Type.Integer({ minimum: 0 })),
            },
            { additionalProperties: false },
          ),
        ],
        {
          description:
            "An existing customer's id (its history counted) or the attributes to try; unknown attributes and no history when absent",
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TestRoutingRulesBody = Static<typeof TestRoutingRulesBody>;

const TraceValue = Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())]);

export const RoutingDecisionResponse = Type.Object({
  team: Type.String(),
  queue: Type.Union([Type.String(), Type.Null()]),
  priority: Type.Enum([...PRIORITIES]),
  tags: Type.Array(Type.String()),
  skills: Type.Array(Type.Object({ skill: Type.String(), level: Type.Integer() })),
  rule: Type.Union([Type.String(), Type.Null()], {
    description: "The rule that set the team; null when the fallback or the case's team was kept",
  }),
  fired: Type.Array(Type.String()),
  trace: Type.Array(
    Type.Object({
      rule: Type.String(),
      name: Type.String(),
      outcome: Type.Enum(["fired", "not_matched", "disabled", "skipped"]),
      conditions: Type.Array(
        Type.Object({
          field: Type.String(),
          op: Type.String(),
          value: Type.Optional(TraceValue),
          actual: Type.Union([TraceValue, Type.Null()]),
          holds: Type.Boolean(),
          matched: Type.Optional(Type.String()),
        }),
      ),
      applied: Type.Array(Type.String()),
    }),
  ),
});

export const RoutingTestResponse = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()], {
    description: "The version of the rules tried; null for a draft",
  }),
  decision: RoutingDecisionResponse,
});

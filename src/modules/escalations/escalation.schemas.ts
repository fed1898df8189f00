import Type from "typebox";
import { ROLES } from "../../access/permissions.js";
import { ResourceId } from "../../http/common.schemas.js";
import { PRIORITIES } from "../events/event.types.js";
import {
  ESCALATION_ACTIONS,
  ESCALATION_TIME_KINDS,
  ESCALATION_TRIGGERS,
  RECIPIENT_KINDS,
} from "./escalation-policy.js";

/** Ids that go into event fields (`to: "team:<id>"`) and event ids, so kept short. */
const ShortId = Type.String({ minLength: 1, maxLength: 150, pattern: "^[A-Za-z0-9._:@-]+$" });

export const EscalationTargetSchema = Type.Object(
  {
    kind: Type.Enum([...RECIPIENT_KINDS], {
      description:
        "team_lead: team leads of the case's team; manager: ops managers covering the case; " +
        "role: users holding `role` for the case; user: the user `user`; team: the leads of `team`",
    }),
    role: Type.Optional(Type.Enum([...ROLES])),
    user: Type.Optional(ShortId),
    team: Type.Optional(ShortId),
  },
  { additionalProperties: false },
);

export const EscalationStepSchema = Type.Object(
  {
    trigger: Type.Enum([...ESCALATION_TRIGGERS]),
    afterMinutes: Type.Number({ minimum: 0 }),
    time: Type.Enum([...ESCALATION_TIME_KINDS]),
    action: Type.Enum([...ESCALATION_ACTIONS]),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    to: EscalationTargetSchema,
  },
  { additionalProperties: false },
);

export const EscalationPolicySchema = Type.Object(
  {
    id: ShortId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    position: Type.Integer({ minimum: 0 }),
    conditions: Type.Optional(
      Type.Object(
        {
          tiers: Type.Optional(
            Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
          ),
          priorities: Type.Optional(
            Type.Array(Type.Enum([...PRIORITIES]), { maxItems: PRIORITIES.length }),
          ),
        },
        { additionalProperties: false, description: "An absent or empty list matches anything" },
      ),
    ),
    calendarId: Type.Optional(ResourceId),
    steps: Type.Array(EscalationStepSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const EscalationPoliciesSchema = Type.Object(
  { policies: Type.Array(EscalationPolicySchema, { maxItems: 200 }) },
  { additionalProperties: false },
);

import Type, { type Static } from "typebox";
import { toIso } from "../../http/common.schemas.js";
import { CHANNELS } from "../events/event.types.js";
import type { IntakeRuleSetVersion } from "./intake.js";

const FieldName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
});

export const IntakeRuleSchema = Type.Object(
  {
    channel: Type.Optional(Type.Enum([...CHANNELS])),
    categoryTop: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    require: Type.Array(FieldName, {
      maxItems: 50,
      description: "Case fields (extension fields included) that must be present and non-empty",
    }),
    patterns: Type.Optional(
      Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 500 }), {
        description: "Field → regular expression its value must match",
      }),
    ),
  },
  { additionalProperties: false },
);

export const SaveIntakeRulesBody = Type.Object(
  { rules: Type.Array(IntakeRuleSchema, { maxItems: 200 }) },
  { additionalProperties: false },
);
export type SaveIntakeRulesBody = Static<typeof SaveIntakeRulesBody>;

export const IntakeRulesResponse = Type.Object({
  version: Type.Integer({ minimum: 0, description: "0 when no rules were ever saved" }),
  rules: Type.Array(IntakeRuleSchema),
  createdAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
});
export type IntakeRulesResponse = Static<typeof IntakeRulesResponse>;

export const IntakeRuleVersionsResponse = Type.Object({ items: Type.Array(IntakeRulesResponse) });

export function toIntakeRulesResponse(ruleSet: IntakeRuleSetVersion): IntakeRulesResponse {
  const saved = ruleSet.version > 0;
  return {
    version: ruleSet.version,
    rules: ruleSet.rules,
    createdAt: saved ? toIso(ruleSet.createdAt) : null,
    createdBy: saved ? ruleSet.createdBy : null,
  };
}

import Type, { type Static } from "typebox";
import { ResourceId } from "../../http/common.schemas.js";

const ItemId = Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9_-]*$", maxLength: 100 });

export const HandoffTypesDocument = Type.Object(
  {
    types: Type.Array(
      Type.Object(
        {
          id: ResourceId,
          name: Type.String({ minLength: 1, maxLength: 200 }),
          from: ResourceId,
          to: ResourceId,
          checklist: Type.Array(
            Type.Object(
              {
                id: ItemId,
                label: Type.String({ minLength: 1, maxLength: 200 }),
                required: Type.Boolean(),
              },
              { additionalProperties: false },
            ),
            { maxItems: 100 },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1_000, description: "Empty: every handoff is accepted as it is" },
    ),
  },
  { additionalProperties: false },
);
export type HandoffTypesDocument = Static<typeof HandoffTypesDocument>;

export const HandOffCaseBody = Type.Object(
  {
    to: ResourceId,
    type: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          "The handoff type (GET /api/v1/handoff-types); required for pairs that have types",
      }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 10_000 })),
    checklist: Type.Optional(
      Type.Record(ItemId, Type.Boolean(), {
        description: "Checklist item id → done; every required item of the type must be true",
      }),
    ),
  },
  { additionalProperties: false },
);
export type HandOffCaseBody = Static<typeof HandOffCaseBody>;

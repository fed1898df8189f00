import Type, { type Static } from "typebox";

const TaxonomyId = Type.String({
  pattern: "^[a-z0-9][a-z0-9_-]*$",
  maxLength: 60,
  description: "Lower case, digits, `-` and `_`: one half of a `top/sub` case category",
});
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const TaxonomyDocument = Type.Object(
  {
    categories: Type.Array(
      Type.Object(
        {
          id: TaxonomyId,
          name: Name,
          subcategories: Type.Array(
            Type.Object({ id: TaxonomyId, name: Name }, { additionalProperties: false }),
            { maxItems: 500 },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500, description: "Empty: case categories are not checked" },
    ),
    rootCauses: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: "^[a-z0-9][a-z0-9_-]*$", maxLength: 100 }),
          name: Name,
          retired: Type.Boolean({ default: false }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1_000, description: "Empty: resolutions need no root cause" },
    ),
  },
  { additionalProperties: false },
);
export type TaxonomyDocument = Static<typeof TaxonomyDocument>;

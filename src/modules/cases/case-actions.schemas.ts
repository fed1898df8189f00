import Type, { type Static, type TSchema } from "typebox";
import { ResourceId } from "../../http/common.schemas.js";
import { CASE_LINK_KINDS, SETTABLE_CASE_STATUSES } from "../events/event.types.js";

export const SetCaseStatusBody = Type.Object(
  { status: Type.Enum([...SETTABLE_CASE_STATUSES]) },
  { additionalProperties: false },
);
export type SetCaseStatusBody = Static<typeof SetCaseStatusBody>;

/** A body that may be left out: Fastify hands the validator `null` for a POST without one. */
const orNothing = <T extends TSchema>(schema: T) =>
  Type.Union([schema, Type.Null()], { description: "May be left out" });

export const ResolveCaseBody = orNothing(
  Type.Object(
    {
      rootCause: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 200,
          description: "A root-cause code of the taxonomy; required once the taxonomy has codes",
        }),
      ),
    },
    { additionalProperties: false },
  ),
);
export type ResolveCaseBody = Static<typeof ResolveCaseBody>;

export const ReopenCaseBody = orNothing(Type.Object({}, { additionalProperties: false }));

export const CloseCaseBody = orNothing(
  Type.Object(
    { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
    { additionalProperties: false },
  ),
);
export type CloseCaseBody = Static<typeof CloseCaseBody>;

export const LinkCaseBody = Type.Object(
  {
    kind: Type.Enum([...CASE_LINK_KINDS], {
      description: "The case in the path is `kind` of `target`",
    }),
    target: ResourceId,
  },
  { additionalProperties: false },
);
export type LinkCaseBody = Static<typeof LinkCaseBody>;

export const MergeCaseBody = Type.Object({ merged: ResourceId }, { additionalProperties: false });
export type MergeCaseBody = Static<typeof MergeCaseBody>;

export const RecategoriseCaseBody = Type.Object(
  {
    category: Type.String({
      pattern: "^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$",
      maxLength: 100,
      description: "The corrected `top/sub` category, from the taxonomy",
    }),
  },
  { additionalProperties: false },
);
export type RecategoriseCaseBody = Static<typeof RecategoriseCaseBody>;

export const RerouteCaseBody = orNothing(Type.Object({}, { additionalProperties: false }));

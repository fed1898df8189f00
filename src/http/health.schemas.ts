import Type, { type Static } from "typebox";

export const HealthResponse = Type.Object({
  status: Type.Enum(["ok", "degraded"]),
  store: Type.Object({
    dialect: Type.Enum(["sqlite", "postgres"]),
    ok: Type.Boolean(),
    events: Type.Union([Type.Integer(), Type.Null()]),
    cases: Type.Union([Type.Integer(), Type.Null()]),
    error: Type.Optional(Type.String()),
  }),
});
export type HealthResponse = Static<typeof HealthResponse>;

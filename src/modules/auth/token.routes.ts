import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import {
  CLIENT_ERRORS,
  IdParams,
  Instant,
  NullableInstant,
  toIso,
  toIsoOrNull,
} from "../../http/common.schemas.js";
import {
  type ApiTokenView,
  createApiToken,
  listApiTokens,
  revokeOwnApiToken,
} from "./auth.service.js";

const TokenResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Instant,
  expiresAt: NullableInstant,
  lastUsedAt: NullableInstant,
  revokedAt: NullableInstant,
});

const CreatedTokenResponse = Type.Object({
  ...TokenResponse.properties,
  token: Type.String({ description: "The secret, shown this once; only its hash is stored." }),
});

const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);

function toTokenResponse(view: ApiTokenView) {
  return {
    id: view.id,
    name: view.name,
    prefix: view.prefix,
    createdAt: toIso(view.createdAt),
    expiresAt: toIsoOrNull(view.expiresAt),
    lastUsedAt: toIsoOrNull(view.lastUsedAt),
    revokedAt: toIsoOrNull(view.revokedAt),
  };
}

export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/tokens",
    {
      config: { access: "token:own" },
      schema: {
        tags: ["tokens"],
        summary: "Your API tokens",
        response: { 200: Type.Object({ items: Type.Array(TokenResponse) }), ...CLIENT_ERRORS },
      },
    },
    async (request) => ({
      items: (await listApiTokens(app.store.db, request.actor)).map(toTokenResponse),
    }),
  );

  app.post(
    "/tokens",
    {
      config: { access: "token:own" },
      schema: {
        tags: ["tokens"],
        summary: "Create an API token acting as you (with your grants)",
        body: CreateTokenBody,
        response: { 201: CreatedTokenResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(app.store.db, request.actor, request.body, Date.now());
      return reply.status(201).send({ ...toTokenResponse(created.view), token: created.token });
    },
  );

  app.delete(
    "/tokens/:id",
    {
      config: { access: "token:own" },
      schema: {
        tags: ["tokens"],
        summary: "Revoke one of your API tokens",
        params: IdParams,
        response: { 204: Type.Null(), ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      await revokeOwnApiToken(app.store.db, request.actor, request.params.id, Date.now());
      return reply.status(204).send(null);
    },
  );
};

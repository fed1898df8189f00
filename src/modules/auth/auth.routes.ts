import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { permissionsOf } from "../../access/access.js";
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "../../access/permissions.js";
import { credentialOf } from "../../http/authentication.js";
import { CLIENT_ERRORS, Instant, toIso } from "../../http/common.schemas.js";
import { loginRateLimit } from "../../http/rate-limits.js";
import type { User } from "../users/user.js";
import { CurrentUserResponse, toUserResponse } from "../users/user.schemas.js";
import { requireUser } from "../users/user.service.js";
import { login, logout } from "./auth.service.js";
import { SESSION_COOKIE } from "./credential.js";

const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

const LoginResponse = Type.Object({
  token: Type.String(),
  expiresAt: Instant,
  user: CurrentUserResponse,
});
const MeResponse = Type.Object({ user: CurrentUserResponse });
const RoleListResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      role: Type.Enum([...ROLES]),
      description: Type.String(),
      permissions: Type.Array(Type.Enum([...PERMISSIONS])),
    }),
  ),
});

function currentUser(user: User) {
  const actor = {
    kind: "user" as const,
    userId: user.id,
    email: user.email,
    name: user.name,
    grants: user.grants,
    via: "session" as const,
  };
  return { ...toUserResponse(user), permissions: permissionsOf(actor, PERMISSIONS) };
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/auth/login",
    {
      config: { access: "public", rateLimit: loginRateLimit(app.config) },
      schema: {
        tags: ["auth"],
        summary:
          "Sign in with email and password: a session cookie for the web app and a bearer token",
        body: LoginBody,
        response: { 200: LoginResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const session = await login(app.store.db, request.body, Date.now());
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: "lax",
        secure: app.config.secureCookies,
        path: "/",
        expires: new Date(session.expiresAt),
      });
      return {
        token: session.token,
        expiresAt: toIso(session.expiresAt),
        user: currentUser(session.user),
      };
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "End the current session",
        response: { 204: Type.Null(), ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const secret = credentialOf(request);
      // An API token is not ended by signing out; revoke it under /tokens instead.
      if (secret !== undefined) await logout(app.store.db, secret, Date.now());
      void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "The signed-in user and their permissions",
        response: { 200: MeResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (actor.kind !== "user") throw new Error("/auth/me reached without a user");
      return { user: currentUser(await requireUser(app.store.db, actor.userId)) };
    },
  );

  app.get(
    "/roles",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "The roles and the permissions each carries",
        response: { 200: RoleListResponse, ...CLIENT_ERRORS },
      },
    },
    async () => ({
      items: ROLES.map((role) => ({ role, ...ROLE_PERMISSIONS[role] })),
    }),
  );
};

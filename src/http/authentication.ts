import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { requirePermission } from "../access/access.js";
import type { Actor } from "../access/actor.js";
import type { Permission } from "../access/permissions.js";
import { AppError } from "../errors.js";
import { authenticate } from "../modules/auth/auth.service.js";
import { SESSION_COOKIE } from "../modules/auth/credential.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The permission a route needs; "authenticated" for routes any signed-in caller may use
     * (their own profile), "public" for the few open without credentials (login). Every /api/v1
     * route must say; one that does not fails at startup.
     */
    access?: Permission | "authenticated" | "public";
  }
  interface FastifyRequest {
    /** The authenticated caller; set for every non-public /api/v1 route before its handler. */
    actor: Actor;
  }
}

/** The bearer secret of a request: the Authorization header first, else the session cookie. */
export function credentialOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return request.cookies[SESSION_COOKIE];
}

/**
 * Authentication and authorisation in one place: every /api/v1 route declares the permission it
 * needs, this hook resolves the caller (401 without valid credentials) and checks that they hold
 * the permission somewhere (403). Which records they may see within it is narrowed by the
 * services through `scopeOf`, so an out-of-scope id answers 404 like a missing one.
 */
export async function installAuthentication(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCookie);
  // Null until the onRequest hook below sets it (Fastify wants request decorations declared).
  app.decorateRequest("actor", null as never);

  app.addHook("onRoute", (route) => {
    const url = route.url ?? route.path;
    if (url.startsWith("/api/v1") && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${url} does not declare config.access`);
    }
  });

  // Who is calling is resolved first (onRequest), so the rate limiter that runs next can count
  // a valid credential on its own and everything else (no credential, an unknown, expired or
  // made-up one) against the caller's address: guessing tokens is limited like anything else.
  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === "public") return;
    const secret = credentialOf(request);
    if (secret === undefined) return;
    const actor = await authenticate(app.store.db, secret, Date.now());
    if (actor) request.actor = actor;
  });

  // preParsing: after the rate limiter, before the body is read, so a caller without
  // credentials costs neither a parse nor a validation.
  app.addHook("preParsing", async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === "public") return;
    const actor = request.actor as Actor | null;
    if (!actor) {
      throw new AppError("auth.required", { message: "sign in or send a valid bearer token" });
    }
    if (access !== "authenticated") requirePermission(actor, access);
  });
}

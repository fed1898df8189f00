import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { hashSecret } from "../modules/auth/credential.js";
import { credentialOf } from "./authentication.js";

/**
 * Requests per minute per valid credential (an API token or session), or per address for
 * callers without one — including those sending credentials that do not resolve, so guessing
 * tokens is limited too; login attempts per address are limited much harder, against password
 * guessing.
 * Counters live in each process: with several processes the limit applies per process.
 */
export async function installRateLimits(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimit.perMinute,
    timeWindow: "1 minute",
    // The authentication hook has already run: only a credential that resolved to a caller
    // gets a counter of its own.
    keyGenerator: (request: FastifyRequest) => {
      const secret = credentialOf(request);
      const authenticated = (request.actor as unknown) !== null && secret !== undefined;
      return authenticated ? `credential:${hashSecret(secret)}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new AppError("request.rate_limited", {
        message: `rate limit of ${context.max} requests a minute reached; retry in ${context.after}`,
      }),
  });
}

/** Route config for login: a tight per-address limit. */
export function loginRateLimit(config: Config) {
  return {
    max: config.rateLimit.loginPerMinute,
    timeWindow: "1 minute",
    keyGenerator: (request: FastifyRequest) => `login:${request.ip}`,
  };
}

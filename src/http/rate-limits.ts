import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { hashSecret } from "../modules/auth/credential.js";
import { credentialOf } from "./authentication.js";

/**
 * Requests per minute per credential (an API token or session), or per address for callers
 * without one; login attempts per address are limited much harder, against password guessing.
 * Counters live in each process: with several processes the limit applies per process.
 */
export async function installRateLimits(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimit.perMinute,
    timeWindow: "1 minute",
    keyGenerator: (request: FastifyRequest) => {
      const secret = credentialOf(request);
      return secret === undefined ? `ip:${request.ip}` : `credential:${hashSecret(secret)}`;
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

import type { FastifyError, FastifyInstance } from "fastify";
import { AppError, type ErrorBody } from "../errors.js";
import { RequestValidationError } from "./validation.js";

// Fastify's own request errors, by code, mapped to ours. Anything not listed that Fastify marks
// as a 4xx keeps its status with the generic code `request.invalid`.
const FASTIFY_CODES: Record<string, AppError["code"]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "request.malformed_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "request.malformed_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "request.body_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "request.unsupported_media_type",
};

/**
 * One handler for every error: AppErrors and validation failures become
 * `{"error": {"code","message","field"}}` with a 4xx; anything else is a logged 500 that never
 * echoes internals to the caller.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(error.toBody());
    }
    if (error instanceof RequestValidationError) {
      const body = new AppError("request.invalid", { message: error.message, field: error.field });
      return reply.status(400).send(body.toBody());
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) {
      const body = new AppError(mapped, {
        message: error.message,
        ...(mapped === "request.malformed_json" ? { field: "body" } : {}),
      });
      return reply.status(body.status).send(body.toBody());
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      const body: ErrorBody = { error: { code: "request.invalid", message: error.message } };
      return reply.status(error.statusCode).send(body);
    }
    request.log.error({ err: error }, "unhandled error");
    const body: ErrorBody = {
      error: { code: "internal", message: `internal error (request ${request.id})` },
    };
    return reply.status(500).send(body);
  });
}

/** The 404 body for a path no route serves. */
export function routeNotFound(method: string, url: string): ErrorBody {
  return new AppError("request.not_found", {
    message: `no route ${method} ${url.split("?")[0]}`,
  }).toBody();
}

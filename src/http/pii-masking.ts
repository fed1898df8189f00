import type { FastifyInstance } from "fastify";
import { can } from "../access/access.js";
import type { Actor } from "../access/actor.js";
import { maskBySchema, maskPersonalField } from "../access/pii.js";

/**
 * PII masking in one place: every answer of a signed-in caller without `pii:read` is masked
 * along the response schema its route declares for the status (see src/access/pii.ts), just
 * before Fastify serialises it with that same schema. Routes and services never mask by hand, so
 * a new read is covered as soon as its response schema marks its personal fields.
 */
export function installPiiMasking(app: FastifyInstance): void {
  app.addHook("preSerialization", async (request, reply, payload: unknown) => {
    // Null on the public routes (login, health), which answer no personal data.
    const actor = request.actor as Actor | null;
    if (actor === null || can(actor, "pii:read")) return payload;
    const schema = responseSchemaFor(request.routeOptions.schema?.response, reply.statusCode);
    return schema === undefined ? payload : maskBySchema(schema, payload, maskPersonalField);
  });
}

/**
 * The schema Fastify serialises a status with: the exact code, else its class (`4xx`), else
 * `default`; in the per-media-type form, the `application/json` one.
 */
function responseSchemaFor(responses: unknown, statusCode: number): unknown {
  if (!isRecord(responses)) return undefined;
  const code = String(statusCode);
  const declared = responses[code] ?? responses[`${code[0]}xx`] ?? responses.default;
  if (isRecord(declared) && isRecord(declared.content)) {
    const json = declared.content["application/json"];
    return isRecord(json) ? json.schema : undefined;
  }
  return declared;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { sql } from "kysely";
import { countCases } from "../modules/cases/case.repository.js";
import { countEvents } from "../modules/events/event.repository.js";
import { HealthResponse } from "./health.schemas.js";

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/health",
    {
      schema: {
        tags: ["health"],
        summary: "Liveness and the store's state",
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (request, reply) => {
      const { db, dialect } = app.store;
      try {
        await sql`select 1`.execute(db);
        const [events, cases] = await Promise.all([countEvents(db), countCases(db)]);
        return { status: "ok" as const, store: { dialect, ok: true, events, cases } };
      } catch (error) {
        request.log.error({ err: error }, "store health check failed");
        return reply.status(503).send({
          status: "degraded" as const,
          store: { dialect, ok: false, events: null, cases: null, error: "store unreachable" },
        });
      }
    },
  );
};

import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import { settingsRoutes } from "../settings/settings.routes.js";
import {
  CaseScoreResponse,
  QueueQuery,
  QueueResponse,
  QueueSummaryListResponse,
  TeamParams,
  toCaseScoreResponse,
  toQueueResponse,
  toQueueSummaryResponse,
} from "./queue.schemas.js";
import { explainCaseScore, listQueueSummaries, readQueue } from "./queue.service.js";
import type { QueueSettings } from "./queue-settings.js";
import { QueueSettingsDocument } from "./queue-settings.schemas.js";
import { QUEUE_SETTINGS_KIND } from "./queue-settings.service.js";

/** GET/PUT /queue-settings (+ /versions): the priority score's weights, capacities, push or pull. */
export const queueSettingsRoutes = settingsRoutes<QueueSettings>({
  path: "/queue-settings",
  tag: "queues",
  title: "queue settings (priority score, default capacities, push or pull)",
  definition: QUEUE_SETTINGS_KIND,
  schema: QueueSettingsDocument,
});

/** The teams' queues, ordered by priority score computed at request time. */
export const queueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/queues",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["queues"],
        summary:
          "Every team's queue: cases waiting and assigned, the longest wait, agents available",
        response: { 200: QueueSummaryListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const now = Date.now();
      const summaries = await listQueueSummaries(app.store.db, request.actor, now);
      return { items: summaries.map((summary) => toQueueSummaryResponse(summary, now)) };
    },
  );

  app.get(
    "/queues/:team",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["queues"],
        summary: "A team's waiting cases, best first, each with its priority score term by term",
        params: TeamParams,
        querystring: QueueQuery,
        response: { 200: QueueResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const { queue, includeAssigned, limit } = request.query;
      const page = await readQueue(app.store.db, request.actor, {
        team: request.params.team,
        limit,
        now: Date.now(),
        ...(queue === undefined ? {} : { queue }),
        ...(includeAssigned === undefined ? {} : { includeAssigned }),
      });
      return toQueueResponse(page);
    },
  );

  app.get(
    "/cases/:id/score",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["queues"],
        summary: "The case's priority score now, term by term, and its place in the queue",
        params: IdParams,
        response: { 200: CaseScoreResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toCaseScoreResponse(
        await explainCaseScore(app.store.db, request.actor, request.params.id, Date.now()),
      ),
  );
};

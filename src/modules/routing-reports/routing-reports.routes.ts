import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import { findMisclassification } from "./misclassification.service.js";
import { replayRoutingRules } from "./replay.service.js";
import {
  MisclassificationQuery,
  MisclassificationResponse,
  ReplayBody,
  ReplayResponse,
  toMisclassificationResponse,
  toReplayResponse,
} from "./routing-reports.schemas.js";

/** The routing module's tag, so the reports sit beside the rules in the API document. */
const TAG = "routing";

/** GET /routing/misclassification and POST /routing/replay: how routing does, and would do. */
export const routingReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/routing/misclassification",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: [TAG],
        summary:
          "Transfers between teams and re-categorisations per original category and per routing rule, the highest transfer rates first",
        querystring: MisclassificationQuery,
        response: { 200: MisclassificationResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toMisclassificationResponse(
        await findMisclassification(app.store.db, request.actor, request.query, Date.now()),
      ),
  );

  app.post(
    "/routing/replay",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: [TAG],
        summary:
          "Replay a draft rule set (or the rules in force) over the cases of the last N days: team loads, first responses and transfers, actual against replayed",
        body: ReplayBody,
        response: { 200: ReplayResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toReplayResponse(
        await replayRoutingRules(app.store.db, request.actor, request.body, Date.now()),
      ),
  );
};

import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import { CaseDetailResponse, toCaseDetailResponse } from "../cases/case-detail.schemas.js";
import { settingsRoutes } from "../settings/settings.routes.js";
import { HandOffCaseBody, HandoffTypesDocument } from "./handoff.schemas.js";
import { handOffCase } from "./handoff.service.js";
import { HANDOFF_TYPES_KIND } from "./handoff-rules.service.js";

/** GET/PUT /handoff-types (+ /versions): the types and checklists per team pair. */
export const handoffTypeRoutes = settingsRoutes({
  path: "/handoff-types",
  tag: "handoffs",
  title: "handoff types and their checklists",
  definition: HANDOFF_TYPES_KIND,
  schema: HandoffTypesDocument,
});

/** POST /cases/:id/handoffs: hand a case to another team. */
export const handoffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/cases/:id/handoffs",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["handoffs"],
        summary:
          "Hand the case to another team; between teams with handoff types, name one and tick its required checklist items",
        params: IdParams,
        body: HandOffCaseBody,
        response: { 201: CaseDetailResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const detail = await handOffCase(
        app.store.db,
        request.actor,
        request.params.id,
        request.body,
        now,
      );
      return reply.status(201).send(toCaseDetailResponse(detail, now.getTime()));
    },
  );
};

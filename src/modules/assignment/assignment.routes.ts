import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import {
  AssignCaseBody,
  AssignmentResponse,
  NextCaseBody,
  NextCaseResponse,
  toAssignmentResponse,
  toNextCaseResponse,
} from "./assignment.schemas.js";
import { assignCase, pullNextCase } from "./assignment.service.js";

export const assignmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/cases/:id/assign",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["cases"],
        summary:
          "Assign a waiting case: to the agent named, or to the best agent of its team now (push)",
        params: IdParams,
        body: AssignCaseBody,
        response: { 200: AssignmentResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const agent = request.body?.agent;
      const assignment = await assignCase(
        app.store.db,
        request.actor,
        request.params.id,
        new Date(),
        agent === undefined ? { mode: "push" } : { mode: "manual", agentId: agent },
      );
      return toAssignmentResponse(assignment);
    },
  );

  app.post(
    "/agents/:id/next-case",
    {
      // The agent themself (their linked user) or whoever may change the team's agents.
      config: { access: "case:write" },
      schema: {
        tags: ["agents"],
        summary:
          "The agent takes the highest-scored waiting case of their team they can work (pull)",
        params: IdParams,
        body: NextCaseBody,
        response: { 200: NextCaseResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toNextCaseResponse(
        await pullNextCase(app.store.db, request.actor, request.params.id, new Date()),
      ),
  );
};

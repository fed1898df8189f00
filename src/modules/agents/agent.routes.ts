import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import {
  AgentListResponse,
  AgentResponse,
  CreateAgentBody,
  ListAgentsQuery,
  toAgentResponse,
} from "./agent.schemas.js";
import { createAgent, listAgents, requireAgent } from "./agent.service.js";

export const agentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/agents",
    {
      config: { access: "agent:read" },
      schema: {
        tags: ["agents"],
        summary: "List agents, optionally of one team",
        querystring: ListAgentsQuery,
        response: { 200: AgentListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const agents = await listAgents(
        app.store.db,
        request.query.team === undefined ? {} : { teamId: request.query.team },
      );
      return { items: agents.map(toAgentResponse) };
    },
  );

  app.get(
    "/agents/:id",
    {
      config: { access: "agent:read" },
      schema: {
        tags: ["agents"],
        summary: "Get an agent",
        params: IdParams,
        response: { 200: AgentResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => toAgentResponse(await requireAgent(app.store.db, request.params.id)),
  );

  app.post(
    "/agents",
    {
      config: { access: "agent:write" },
      schema: {
        tags: ["agents"],
        summary: "Create an agent in an existing team",
        body: CreateAgentBody,
        response: { 201: AgentResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const agent = await createAgent(app.store.db, request.actor, request.body, new Date());
      return reply.status(201).send(toAgentResponse(agent));
    },
  );
};

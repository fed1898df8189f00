import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import {
  AgentListResponse,
  AgentResponse,
  CreateAgentBody,
  ListAgentsQuery,
  SetPresenceBody,
  toAgentResponse,
  UpdateAgentBody,
} from "./agent.schemas.js";
import {
  createAgent,
  listAgentsWithLoad,
  requireAgentWithLoad,
  requireLinkedAgent,
  setAgentPresence,
  updateAgent,
} from "./agent.service.js";

export const agentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/agents",
    {
      config: { access: "agent:read" },
      schema: {
        tags: ["agents"],
        summary: "List agents, optionally of one team, with their open cases per channel",
        querystring: ListAgentsQuery,
        response: { 200: AgentListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const agents = await listAgentsWithLoad(
        app.store.db,
        request.query.team === undefined ? {} : { teamId: request.query.team },
      );
      return { items: agents.map(({ agent, load }) => toAgentResponse(agent, load)) };
    },
  );

  app.get(
    "/agents/:id",
    {
      config: { access: "agent:read" },
      schema: {
        tags: ["agents"],
        summary: "Get an agent with their open cases per channel",
        params: IdParams,
        response: { 200: AgentResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const { agent, load } = await requireAgentWithLoad(app.store.db, request.params.id);
      return toAgentResponse(agent, load);
    },
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

  app.patch(
    "/agents/:id",
    {
      config: { access: "agent:write" },
      schema: {
        tags: ["agents"],
        summary: "Change an agent's name, team, skills, skill levels, capacities or shift",
        params: IdParams,
        body: UpdateAgentBody,
        response: { 200: AgentResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params;
      await updateAgent(app.store.db, request.actor, id, request.body, new Date());
      const { agent, load } = await requireAgentWithLoad(app.store.db, id);
      return toAgentResponse(agent, load);
    },
  );

  app.put(
    "/agents/:id/presence",
    {
      // Whoever works cases may reach it; the service lets in the agent's own user and those
      // who may change the agents of the agent's team.
      config: { access: "case:write" },
      schema: {
        tags: ["agents"],
        summary:
          "Set an agent's presence (available, busy, away): the agent themself or someone who may change agents",
        params: IdParams,
        body: SetPresenceBody,
        response: { 200: AgentResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params;
      await setAgentPresence(app.store.db, request.actor, id, request.body.presence, new Date());
      const { agent, load } = await requireAgentWithLoad(app.store.db, id);
      return toAgentResponse(agent, load);
    },
  );

  app.get(
    "/me/agent",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["agents"],
        summary: "The agent the signed-in user works as (404 when none is linked)",
        response: { 200: AgentResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const { agent, load } = await requireLinkedAgent(app.store.db, request.actor);
      return toAgentResponse(agent, load);
    },
  );
};

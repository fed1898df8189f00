import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import { CreateTeamBody, TeamListResponse, TeamResponse, toTeamResponse } from "./team.schemas.js";
import { createTeam, listTeams, requireTeam } from "./team.service.js";

export const teamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/teams",
    {
      config: { access: "team:read" },
      schema: { tags: ["teams"], summary: "List teams", response: { 200: TeamListResponse } },
    },
    async () => ({ items: (await listTeams(app.store.db)).map(toTeamResponse) }),
  );

  app.get(
    "/teams/:id",
    {
      config: { access: "team:read" },
      schema: {
        tags: ["teams"],
        summary: "Get a team",
        params: IdParams,
        response: { 200: TeamResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => toTeamResponse(await requireTeam(app.store.db, request.params.id)),
  );

  app.post(
    "/teams",
    {
      config: { access: "team:write" },
      schema: {
        tags: ["teams"],
        summary: "Create a team",
        body: CreateTeamBody,
        response: { 201: TeamResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const team = await createTeam(app.store.db, request.actor, request.body, new Date());
      return reply.status(201).send(toTeamResponse(team));
    },
  );
};

import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import {
  ScorecardBody,
  ScorecardListResponse,
  ScorecardResponse,
  ScorecardResultQuery,
  ScorecardResultResponse,
  toScorecardResponse,
  toScorecardResultResponse,
} from "./scorecard.schemas.js";
import {
  computeScorecardResult,
  createScorecard,
  findScorecard,
  listSavedScorecards,
  removeScorecard,
  replaceScorecard,
} from "./scorecard.service.js";

/** Saved scorecards (operations and experience KPIs side by side, with targets) and their results. */
export const scorecardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ["scorecards"];

  app.get(
    "/scorecards",
    {
      config: { access: "metrics:read" },
      schema: {
        tags,
        summary: "Every saved scorecard, by name",
        response: { 200: ScorecardListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => ({
      items: (await listSavedScorecards(app.store.db, request.actor)).map(toScorecardResponse),
    }),
  );

  app.post(
    "/scorecards",
    {
      config: { access: "metrics:write" },
      schema: {
        tags,
        summary: "Save a scorecard: a slice (team or journey) and KPIs with targets",
        body: ScorecardBody,
        response: { 201: ScorecardResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const scorecard = await createScorecard(
        app.store.db,
        request.actor,
        request.body,
        Date.now(),
      );
      return reply.status(201).send(toScorecardResponse(scorecard));
    },
  );

  app.get(
    "/scorecards/:id",
    {
      config: { access: "metrics:read" },
      schema: {
        tags,
        summary: "One saved scorecard",
        params: IdParams,
        response: { 200: ScorecardResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toScorecardResponse(await findScorecard(app.store.db, request.actor, request.params.id)),
  );

  app.put(
    "/scorecards/:id",
    {
      config: { access: "metrics:write" },
      schema: {
        tags,
        summary: "Replace a saved scorecard's definition",
        params: IdParams,
        body: ScorecardBody,
        response: { 200: ScorecardResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toScorecardResponse(
        await replaceScorecard(
          app.store.db,
          request.actor,
          request.params.id,
          request.body,
          Date.now(),
        ),
      ),
  );

  app.delete(
    "/scorecards/:id",
    {
      config: { access: "metrics:write" },
      schema: {
        tags,
        summary: "Delete a saved scorecard",
        params: IdParams,
        response: { 204: Type.Null(), ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      await removeScorecard(app.store.db, request.actor, request.params.id, Date.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/scorecards/:id/result",
    {
      config: { access: "metrics:read" },
      schema: {
        tags,
        summary:
          "A saved scorecard over a period: each KPI's value against its target, red, amber or green",
        params: IdParams,
        querystring: ScorecardResultQuery,
        response: { 200: ScorecardResultResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toScorecardResultResponse(
        await computeScorecardResult(
          app.store.db,
          request.actor,
          request.params.id,
          request.query,
          {
            now: Date.now(),
            maxPeriodDays: app.config.metricsMaxPeriodDays,
          },
        ),
      ),
  );
};

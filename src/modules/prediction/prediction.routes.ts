import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requirePermission, scopeCovers } from "../../access/access.js";
import { AppError } from "../../errors.js";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import { requireTeam } from "../teams/team.service.js";
import {
  CasePredictionResponse,
  TeamPredictionsParams,
  TeamPredictionsResponse,
  toCasePredictionResponse,
  toTeamPredictionsResponse,
} from "./prediction.schemas.js";
import { getCasePrediction, predictTeam } from "./prediction.service.js";

/** Breach prediction: when a waiting case will get its first response, and whether in time. */
export const predictionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/cases/:id/prediction",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["routing"],
        summary: "The predicted first response of a case waiting in its queue, and why",
        params: IdParams,
        response: { 200: CasePredictionResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toCasePredictionResponse(
        await getCasePrediction(app.store.db, request.actor, request.params.id, Date.now()),
      ),
  );

  app.get(
    "/queues/:team/predictions",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["routing"],
        summary: "Predicted first responses of every case waiting in the team's queue",
        params: TeamPredictionsParams,
        response: { 200: TeamPredictionsResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const scope = requirePermission(request.actor, "case:read");
      const { team } = request.params;
      await requireTeam(app.store.db, team);
      if (!scopeCovers(scope, { teamId: team })) {
        throw new AppError("team.not_found", {
          message: `team "${team}" does not exist`,
          field: "params.team",
        });
      }
      return toTeamPredictionsResponse(await predictTeam(app.store.db, team, Date.now()));
    },
  );
};

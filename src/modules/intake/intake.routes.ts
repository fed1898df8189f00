import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import {
  IntakeRulesResponse,
  IntakeRuleVersionsResponse,
  SaveIntakeRulesBody,
  toIntakeRulesResponse,
} from "./intake.schemas.js";
import { getIntakeRules, listIntakeRuleVersions, saveIntakeRules } from "./intake.service.js";

/** The intake rules new cases are checked against; versioned, edited by admins. */
export const intakeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/intake-rules",
    {
      config: { access: "settings:read" },
      schema: {
        tags: ["intake"],
        summary: "The current intake rules (version 0 with no rules when none were saved)",
        response: { 200: IntakeRulesResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => toIntakeRulesResponse(await getIntakeRules(app.store.db, request.actor)),
  );

  app.get(
    "/intake-rules/versions",
    {
      config: { access: "settings:read" },
      schema: {
        tags: ["intake"],
        summary: "Every saved version of the intake rules, newest first",
        response: { 200: IntakeRuleVersionsResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => ({
      items: (await listIntakeRuleVersions(app.store.db, request.actor)).map(toIntakeRulesResponse),
    }),
  );

  app.put(
    "/intake-rules",
    {
      config: { access: "settings:write" },
      schema: {
        tags: ["intake"],
        summary: "Save the intake rules as a new version",
        body: SaveIntakeRulesBody,
        response: { 200: IntakeRulesResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toIntakeRulesResponse(
        await saveIntakeRules(app.store.db, request.actor, request.body.rules, new Date()),
      ),
  );
};

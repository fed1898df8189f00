import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import { settingsRoutes } from "../settings/settings.routes.js";
import {
  CheckRoutingRulesBody,
  RoutingCheckResponse,
  RoutingRulesDocument,
  RoutingTestResponse,
  TestRoutingRulesBody,
} from "./routing.schemas.js";
import { checkRoutingRules, testRoutingRules } from "./routing-editor.service.js";
import { ROUTING_RULES_KIND } from "./routing-rules.service.js";

const TAG = "routing";

/** GET/PUT /routing/rules (+ /versions): the routing rules document. */
const routingRulesSettingsRoutes = settingsRoutes({
  path: "/routing/rules",
  tag: TAG,
  title: "routing rules",
  definition: ROUTING_RULES_KIND,
  schema: RoutingRulesDocument,
});

/** The routing rules document, and the rule editor's check and test panel. */
export const routingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(routingRulesSettingsRoutes);

  app.post(
    "/routing/rules/check",
    {
      config: { access: "settings:read" },
      schema: {
        tags: [TAG],
        summary:
          "Check a draft of the routing rules without saving it: its first problem, and warnings",
        body: CheckRoutingRulesBody,
        response: { 200: RoutingCheckResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => checkRoutingRules(app.store.db, request.actor, request.body.document),
  );

  app.post(
    "/routing/rules/test",
    {
      config: { access: "settings:read" },
      schema: {
        tags: [TAG],
        summary:
          "Where a case would be routed by a draft (or the rules in force), with every rule and condition evaluated",
        body: TestRoutingRulesBody,
        response: { 200: RoutingTestResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => testRoutingRules(app.store.db, request.actor, request.body, Date.now()),
  );
};

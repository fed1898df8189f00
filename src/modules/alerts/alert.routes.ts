import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams, toIso } from "../../http/common.schemas.js";
import { settingsRoutes } from "../settings/settings.routes.js";
import {
  AlertListResponse,
  AlertResponse,
  AlertRulesSchema,
  BaselineQuery,
  BaselineResponse,
  ListAlertsQuery,
  toAlertResponse,
} from "./alert.schemas.js";
import {
  ALERT_RULES_KIND,
  acknowledgeAlert,
  computeBaseline,
  findAlert,
  findAlerts,
} from "./alert.service.js";

/** GET/PUT /alert-rules and GET /alert-rules/versions: the rules the alerts job evaluates. */
export const alertRuleRoutes = settingsRoutes({
  path: "/alert-rules",
  tag: "alerts",
  title: "alert rules",
  definition: ALERT_RULES_KIND,
  schema: AlertRulesSchema,
});

/** Alerts raised by the alerts job, their acknowledgement, and the baseline bands behind them. */
export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ["alerts"];

  app.get(
    "/alerts",
    {
      config: { access: "metrics:read" },
      schema: {
        tags,
        summary: "Alerts, most recently raised first",
        querystring: ListAlertsQuery,
        response: { 200: AlertListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const page = await findAlerts(app.store.db, request.actor, request.query);
      return { items: page.items.map(toAlertResponse), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/alerts/baseline",
    {
      config: { access: "metrics:read" },
      schema: {
        tags,
        summary:
          "A metric's seasonal baseline band for one slice, bucket by bucket (expected, lower, upper) with its value",
        querystring: BaselineQuery,
        response: { 200: BaselineResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const result = await computeBaseline(app.store.db, request.actor, request.query, Date.now());
      return {
        ...result,
        points: result.points.map((point) => ({ ...point, at: toIso(point.at) })),
      };
    },
  );

  app.get(
    "/alerts/:id",
    {
      config: { access: "metrics:read" },
      schema: {
        tags,
        summary: "One alert",
        params: IdParams,
        response: { 200: AlertResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toAlertResponse(await findAlert(app.store.db, request.actor, request.params.id)),
  );

  app.post(
    "/alerts/:id/acknowledge",
    {
      config: { access: "metrics:write" },
      schema: {
        tags,
        summary: "Acknowledge an alert (the first acknowledgement is kept)",
        params: IdParams,
        response: { 200: AlertResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toAlertResponse(
        await acknowledgeAlert(app.store.db, request.actor, request.params.id, Date.now()),
      ),
  );
};

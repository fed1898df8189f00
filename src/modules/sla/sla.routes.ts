import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import { settingsRoutes } from "../settings/settings.routes.js";
import {
  CalendarsDocumentSchema,
  CaseSlaResponse,
  SlaPoliciesDocumentSchema,
  toCaseSlaResponse,
} from "./sla.schemas.js";
import { getCaseSla } from "./sla.service.js";
import type { CalendarsDocument, SlaPoliciesDocument } from "./sla-settings.js";
import { CALENDARS_KIND, SLA_POLICIES_KIND } from "./sla-settings.service.js";

/** GET/PUT /calendars (+ /versions): saving recomputes the clocks of every open case. */
export const calendarRoutes = settingsRoutes<CalendarsDocument>({
  path: "/calendars",
  tag: "sla",
  title: "business calendars",
  definition: CALENDARS_KIND,
  schema: CalendarsDocumentSchema,
});

/** GET/PUT /sla-policies (+ /versions): saving recomputes the clocks of every open case. */
export const slaPolicyRoutes = settingsRoutes<SlaPoliciesDocument>({
  path: "/sla-policies",
  tag: "sla",
  title: "SLA policies",
  definition: SLA_POLICIES_KIND,
  schema: SlaPoliciesDocumentSchema,
});

export const caseSlaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/cases/:id/sla",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["sla"],
        summary: "The case's SLA policy and clocks (due, at-risk and fired times)",
        params: IdParams,
        response: { 200: CaseSlaResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toCaseSlaResponse(
        await getCaseSla(app.store.db, request.actor, request.params.id, Date.now()),
      ),
  );
};

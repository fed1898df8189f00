import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import { toEventResponse } from "../events/event.http.js";
import { findSlaSummaries } from "../sla/sla.service.js";
import {
  CaseEventsResponse,
  CaseListResponse,
  CreateCaseBody,
  ListCasesQuery,
  toCaseResponse,
} from "./case.schemas.js";
import { findCases, getCaseDetail, getCaseEvents, openCase } from "./case.service.js";
import { CaseDetailResponse, toCaseDetailResponse } from "./case-detail.schemas.js";

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/cases",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["cases"],
        summary: "List cases, newest first, with filters and cursor pagination",
        querystring: ListCasesQuery,
        response: { 200: CaseListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const now = Date.now();
      const page = await findCases(app.store.db, request.actor, request.query, now);
      const sla = await findSlaSummaries(
        app.store.db,
        page.items.map((item) => item.id),
        now,
      );
      return {
        items: page.items.map((item) => toCaseResponse(item, sla.get(item.id))),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    "/cases/:id",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["cases"],
        summary: "Get a case, with its links, time in each team and merge",
        params: IdParams,
        response: { 200: CaseDetailResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const now = Date.now();
      const detail = await getCaseDetail(app.store.db, request.actor, request.params.id, now);
      return toCaseDetailResponse(detail, now);
    },
  );

  app.get(
    "/cases/:id/events",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["cases"],
        summary: "The case's events in time order, with those of the cases merged into it",
        params: IdParams,
        response: { 200: CaseEventsResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => ({
      items: (await getCaseEvents(app.store.db, request.actor, request.params.id)).map(
        toEventResponse,
      ),
    }),
  );

  app.post(
    "/cases",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["cases"],
        summary: "Open a case for an existing customer and team",
        body: CreateCaseBody,
        response: { 201: CaseDetailResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const opened = await openCase(app.store.db, request.actor, request.body, now);
      return reply.status(201).send(toCaseDetailResponse(opened, now.getTime()));
    },
  );
};

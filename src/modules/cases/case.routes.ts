import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import { toEventResponse } from "../events/event.http.js";
import {
  CaseEventsResponse,
  CaseListResponse,
  CaseResponse,
  CreateCaseBody,
  ListCasesQuery,
  toCaseResponse,
} from "./case.schemas.js";
import { findCases, getCase, getCaseEvents, openCase } from "./case.service.js";

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
      const page = await findCases(app.store.db, request.actor, request.query);
      return { items: page.items.map(toCaseResponse), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/cases/:id",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["cases"],
        summary: "Get a case",
        params: IdParams,
        response: { 200: CaseResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toCaseResponse(await getCase(app.store.db, request.actor, request.params.id)),
  );

  app.get(
    "/cases/:id/events",
    {
      config: { access: "case:read" },
      schema: {
        tags: ["cases"],
        summary: "The case's events in time order",
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
        response: { 201: CaseResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const opened = await openCase(app.store.db, request.actor, request.body, new Date());
      return reply.status(201).send(toCaseResponse(opened));
    },
  );
};

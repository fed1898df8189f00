import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import { toEventResponse } from "../events/event.http.js";
import {
  CreateCustomerBody,
  CustomerListResponse,
  CustomerResponse,
  JourneyQuery,
  JourneyResponse,
  ListCustomersQuery,
  toCustomerResponse,
} from "./customer.schemas.js";
import {
  createCustomer,
  findCustomers,
  getJourney,
  getVisibleCustomer,
} from "./customer.service.js";

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/customers",
    {
      config: { access: "customer:read" },
      schema: {
        tags: ["customers"],
        summary: "List customers with filters, by id, with cursor pagination",
        querystring: ListCustomersQuery,
        response: { 200: CustomerListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const page = await findCustomers(app.store.db, request.actor, request.query);
      return { items: page.items.map(toCustomerResponse), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/customers/:id",
    {
      config: { access: "customer:read" },
      schema: {
        tags: ["customers"],
        summary: "Get a customer",
        params: IdParams,
        response: { 200: CustomerResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toCustomerResponse(await getVisibleCustomer(app.store.db, request.actor, request.params.id)),
  );

  app.post(
    "/customers",
    {
      config: { access: "customer:write" },
      schema: {
        tags: ["customers"],
        summary: "Create a customer",
        body: CreateCustomerBody,
        response: { 201: CustomerResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const customer = await createCustomer(app.store.db, request.actor, request.body, new Date());
      return reply.status(201).send(toCustomerResponse(customer));
    },
  );

  app.get(
    "/customers/:id/journey",
    {
      config: { access: "customer:read" },
      schema: {
        tags: ["customers"],
        summary: "The customer's journey: every event of theirs in time order",
        params: IdParams,
        querystring: JourneyQuery,
        response: { 200: JourneyResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const journey = await getJourney(
        app.store.db,
        request.actor,
        request.params.id,
        request.query,
      );
      return {
        customer: toCustomerResponse(journey.customer),
        items: journey.items.map(toEventResponse),
        nextCursor: journey.nextCursor,
      };
    },
  );
};

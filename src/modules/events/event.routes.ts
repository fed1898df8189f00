import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { CLIENT_ERRORS, Cursor, NextCursor, PageLimit } from "../../http/common.schemas.js";
import { EventResponse, toEventResponse } from "./event.http.js";
import { findRecentEvents } from "./event.service.js";
import { EVENT_TYPES, type ThroughlineEvent } from "./event.types.js";
import { writeEvent } from "./event-writer.js";

const ListEventsQuery = Type.Object({
  type: Type.Optional(Type.Enum([...EVENT_TYPES])),
  limit: PageLimit,
  cursor: Type.Optional(Cursor),
});

const EventListResponse = Type.Object({ items: Type.Array(EventResponse), nextCursor: NextCursor });

const RecordEventBody = Type.Object(
  { type: Type.Enum([...EVENT_TYPES]), at: Type.String(), id: Type.Optional(Type.String()) },
  {
    additionalProperties: true,
    description: "One event of PRODUCT.md's vocabulary; the fields depend on `type`.",
  },
);

const RecordEventResponse = Type.Object({ id: Type.String() });

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/events",
    {
      config: { access: "event:read" },
      schema: {
        tags: ["events"],
        summary: "The event log, most recently recorded first",
        querystring: ListEventsQuery,
        response: { 200: EventListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const page = await findRecentEvents(app.store.db, request.actor, request.query);
      return { items: page.items.map(toEventResponse), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/events",
    {
      config: { access: "event:write" },
      schema: {
        tags: ["events"],
        summary: "Record one event; every team, agent, customer and case it names must exist",
        body: RecordEventBody,
        response: { 201: RecordEventResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const id = await writeEvent(app.store.db, request.actor, request.body as ThroughlineEvent);
      return reply.status(201).send({ id });
    },
  );
};

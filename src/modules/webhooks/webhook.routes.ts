import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import { settingsResponseSchema, toSettingsResponse } from "../settings/settings.routes.js";
import {
  DeliveryListResponse,
  ListDeliveriesQuery,
  toDeliveryResponse,
  WebhooksSchema,
} from "./webhook.schemas.js";
import {
  findWebhookDeliveries,
  readWebhookSettings,
  readWebhookSettingsVersions,
  saveWebhookSettings,
} from "./webhook.service.js";
import type { WebhooksDocument } from "./webhook-settings.js";

/**
 * The webhooks settings document, like every settings document (GET, GET /versions, PUT) but
 * with write-only secrets, and the deliveries made to its endpoints.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const Response = settingsResponseSchema(WebhooksSchema);
  const tags = ["webhooks"];

  app.get(
    "/webhooks",
    {
      config: { access: "settings:read" },
      schema: {
        tags,
        summary: "The webhook endpoints in force (secrets masked)",
        response: { 200: Response, ...CLIENT_ERRORS },
      },
    },
    async (request) => toSettingsResponse(await readWebhookSettings(app.store.db, request.actor)),
  );

  app.get(
    "/webhooks/versions",
    {
      config: { access: "settings:read" },
      schema: {
        tags,
        summary: "Every saved version of the webhook endpoints, newest first (secrets masked)",
        response: { 200: Type.Object({ items: Type.Array(Response) }), ...CLIENT_ERRORS },
      },
    },
    async (request) => ({
      items: (await readWebhookSettingsVersions(app.store.db, request.actor)).map((saved) =>
        toSettingsResponse(saved),
      ),
    }),
  );

  app.put(
    "/webhooks",
    {
      config: { access: "settings:write" },
      schema: {
        tags,
        summary: "Save the webhook endpoints as a new version",
        body: Type.Object(
          {
            baseVersion: Type.Optional(
              Type.Integer({
                minimum: 0,
                description:
                  "The version the edit started from; 409 when the document has moved on",
              }),
            ),
            document: WebhooksSchema,
          },
          { additionalProperties: false },
        ),
        response: { 200: Response, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const body = request.body as { baseVersion?: number; document: WebhooksDocument };
      return toSettingsResponse(
        await saveWebhookSettings(app.store.db, request.actor, body, new Date()),
      );
    },
  );

  app.get(
    "/webhooks/deliveries",
    {
      config: { access: "settings:write" },
      schema: {
        tags,
        summary: "Deliveries to the webhook endpoints, newest first",
        querystring: ListDeliveriesQuery,
        response: { 200: DeliveryListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const page = await findWebhookDeliveries(app.store.db, request.actor, request.query);
      return { items: page.items.map(toDeliveryResponse), nextCursor: page.nextCursor };
    },
  );
};

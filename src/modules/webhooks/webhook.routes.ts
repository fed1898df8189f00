import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import { settingsRoutes } from "../settings/settings.routes.js";
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
import { WEBHOOK_SETTINGS } from "./webhook-settings.js";

/** GET/PUT /webhooks and GET /webhooks/versions: the endpoints, their secrets write-only. */
export const webhookSettingsRoutes = settingsRoutes({
  path: "/webhooks",
  tag: "webhooks",
  title: "webhook endpoints",
  definition: WEBHOOK_SETTINGS,
  schema: WebhooksSchema,
  secrets: {
    read: readWebhookSettings,
    readVersions: readWebhookSettingsVersions,
    save: saveWebhookSettings,
  },
});

/** The deliveries made to the webhook endpoints. */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ["webhooks"];

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

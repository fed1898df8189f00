import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import {
  ListNotificationsQuery,
  NotificationListResponse,
  NotificationResponse,
  ReadAllResponse,
  toNotificationResponse,
} from "./notification.schemas.js";
import {
  listOwnNotifications,
  readAllOwnNotifications,
  readOwnNotification,
} from "./notification.service.js";

/** The caller's own in-app notifications: every signed-in user has some to read, none of others'. */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/notifications",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["notifications"],
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: ListNotificationsQuery,
        response: { 200: NotificationListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const page = await listOwnNotifications(app.store.db, request.actor, request.query);
      return {
        items: page.items.map(toNotificationResponse),
        nextCursor: page.nextCursor,
        unreadCount: page.unreadCount,
      };
    },
  );

  app.post(
    "/notifications/:id/read",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["notifications"],
        summary: "Mark one of the caller's notifications read",
        params: IdParams,
        response: { 200: NotificationResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toNotificationResponse(
        await readOwnNotification(app.store.db, request.actor, request.params.id, Date.now()),
      ),
  );

  app.post(
    "/notifications/read-all",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["notifications"],
        summary: "Mark every notification of the caller read",
        response: { 200: ReadAllResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => ({
      updated: await readAllOwnNotifications(app.store.db, request.actor, Date.now()),
    }),
  );
};

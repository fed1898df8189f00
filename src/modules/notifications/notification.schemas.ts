import Type, { type Static } from "typebox";
import {
  Cursor,
  Instant,
  NextCursor,
  NullableInstant,
  NullableString,
  PageLimit,
  toIso,
  toIsoOrNull,
} from "../../http/common.schemas.js";
import type { Notification } from "./notification.js";

export const ListNotificationsQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: "Only notifications not read yet" })),
    limit: PageLimit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type ListNotificationsQuery = Static<typeof ListNotificationsQuery>;

export const NotificationResponse = Type.Object({
  id: Type.String(),
  kind: Type.String({
    description: "escalation.notify, escalation.escalate, alert.raised or alert.resolved",
  }),
  title: Type.String(),
  body: Type.String(),
  caseId: NullableString,
  eventId: NullableString,
  createdAt: Instant,
  readAt: NullableInstant,
});
export type NotificationResponse = Static<typeof NotificationResponse>;

export const NotificationListResponse = Type.Object({
  items: Type.Array(NotificationResponse),
  nextCursor: NextCursor,
  unreadCount: Type.Integer({ minimum: 0, description: "All unread notifications of the caller" }),
});

export const ReadAllResponse = Type.Object({
  updated: Type.Integer({ minimum: 0, description: "How many notifications were unread" }),
});

export function toNotificationResponse(notification: Notification): NotificationResponse {
  return {
    id: notification.id,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    caseId: notification.caseId,
    eventId: notification.eventId,
    createdAt: toIso(notification.createdAt),
    readAt: toIsoOrNull(notification.readAt),
  };
}

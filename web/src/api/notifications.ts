/** Fetch helpers for the signed-in user's in-app notifications (issue 4, escalation chains). */
import { pathSegment, requestJson } from "./client.ts";
import type { AppNotification, NotificationPage } from "./types.ts";

export function listNotifications(
  query: { unread?: boolean; limit?: number },
  signal?: AbortSignal,
): Promise<NotificationPage> {
  return requestJson("/api/v1/notifications", {
    query: { unread: query.unread === true ? "true" : undefined, limit: query.limit },
    signal,
  });
}

export function markNotificationRead(id: string): Promise<AppNotification> {
  return requestJson(`/api/v1/notifications/${pathSegment(id)}/read`, { method: "POST" });
}

export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return requestJson("/api/v1/notifications/read-all", { method: "POST" });
}

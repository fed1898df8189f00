/** An in-app notification of one user. */
export interface Notification {
  id: string;
  userId: string;
  caseId: string | null;
  kind: string;
  title: string;
  body: string;
  eventId: string | null;
  createdAt: number;
  readAt: number | null;
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  /** Every unread notification of the user, not only this page's. */
  unreadCount: number;
}

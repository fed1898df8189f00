import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router-dom";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "../api/notifications.ts";
import type { AppNotification } from "../api/types.ts";
import { useAsync } from "../hooks/use-async.ts";
import { useInterval } from "../hooks/use-interval.ts";
import { toError } from "../lib/to-error.ts";
import { DateTime } from "./date-time.tsx";
import { EmptyState, ErrorState, LoadingState } from "./state-views.tsx";

const POLL_MS = 30_000;
const LIST_SIZE = 20;

function NotificationItem({
  item,
  onRead,
  onOpen,
}: {
  item: AppNotification;
  onRead: (item: AppNotification) => void;
  onOpen: () => void;
}) {
  const unread = item.readAt === null;
  return (
    <li
      className={`notification${unread ? " is-unread" : ""}`}
      data-testid="notification"
      data-unread={unread ? "true" : "false"}
    >
      <div className="notification-head">
        <strong>{item.title}</strong>
        <span className="muted nowrap">
          <DateTime iso={item.createdAt} />
        </span>
      </div>
      <p className="notification-body">{item.body}</p>
      <div className="notification-actions">
        {item.caseId === null ? null : (
          <Link
            to={`/cases/${encodeURIComponent(item.caseId)}`}
            onClick={() => {
              if (unread) onRead(item);
              onOpen();
            }}
          >
            Open case {item.caseId}
          </Link>
        )}
        {unread ? (
          <button type="button" className="button button-small" onClick={() => onRead(item)}>
            Mark read
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** The latest notifications, loaded when the bell is opened. */
function NotificationPanel({
  id,
  unreadCount,
  onChanged,
  onClose,
}: {
  id: string;
  unreadCount: number;
  onChanged: () => void;
  onClose: () => void;
}) {
  const load = useCallback(
    (signal: AbortSignal) => listNotifications({ limit: LIST_SIZE }, signal),
    [],
  );
  const latest = useAsync(load);
  const { reload } = latest;
  const [failure, setFailure] = useState<Error | null>(null);

  const afterChange = () => {
    onChanged();
    reload();
  };
  const onRead = (item: AppNotification) => {
    setFailure(null);
    markNotificationRead(item.id).then(afterChange, (error: unknown) => setFailure(toError(error)));
  };
  const onReadAll = () => {
    setFailure(null);
    markAllNotificationsRead().then(afterChange, (error: unknown) => setFailure(toError(error)));
  };

  return (
    <section
      id={id}
      className="bell-panel"
      aria-label="Notifications"
      data-testid="notification-panel"
    >
      <div className="bell-panel-head">
        <h2 className="panel-title">Notifications</h2>
        {unreadCount > 0 ? (
          <button type="button" className="button button-small button-link" onClick={onReadAll}>
            Mark all read
          </button>
        ) : null}
      </div>
      {failure === null ? null : <ErrorState error={failure} />}
      {latest.status === "loading" ? <LoadingState label="Loading notifications…" /> : null}
      {latest.status === "error" ? <ErrorState error={latest.error} onRetry={reload} /> : null}
      {latest.status === "ready" && latest.data.items.length === 0 ? (
        <EmptyState>
          No notifications yet. Escalation steps addressed to you appear here.
        </EmptyState>
      ) : null}
      {latest.status === "ready" && latest.data.items.length > 0 ? (
        <ul className="notification-list">
          {latest.data.items.map((item) => (
            <NotificationItem key={item.id} item={item} onRead={onRead} onOpen={onClose} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * The bell in the header: the number of unread notifications (polled every 30 seconds) and, when
 * opened, the latest notifications to read and mark read.
 */
export function NotificationBell() {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const loadUnread = useCallback(
    (signal: AbortSignal) => listNotifications({ unread: true, limit: 1 }, signal),
    [],
  );
  const unread = useAsync(loadUnread);
  const { reload: reloadUnread } = unread;
  useInterval(reloadUnread, POLL_MS);

  // Closes on a click outside the bell and its panel.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current !== null && !rootRef.current.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const count = unread.status === "ready" ? unread.data.unreadCount : 0;
  const label = count === 0 ? "Notifications" : `Notifications, ${count} unread`;
  return (
    <div className="bell" ref={rootRef}>
      <button
        type="button"
        className={`button button-small bell-button${count > 0 ? " has-unread" : ""}`}
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        data-unread-count={count}
        onClick={() => {
          if (!open) reloadUnread();
          setOpen((value) => !value);
        }}
      >
        <svg className="bell-icon" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5v2.6L2 11v1h12v-1l-1.5-2.4V6A4.5 4.5 0 0 0 8 1.5Zm-1.8 11.5a1.8 1.8 0 0 0 3.6 0Z" />
        </svg>
        {count > 0 ? (
          <span className="bell-count" data-testid="notification-count">
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <NotificationPanel
          id={panelId}
          unreadCount={count}
          onChanged={reloadUnread}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}

import type { LiveStatus } from "../../hooks/use-live-events.ts";

const STATUS_TEXT: Readonly<Record<LiveStatus, string>> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Not updating (retrying)",
};

/** Whether the page is following the event log right now. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <span
      className={`live-status is-${status}`}
      data-testid="live-status"
      data-status={status}
      title="Updates as cases move (server-sent events)"
    >
      <span className="live-dot" aria-hidden="true" />
      {STATUS_TEXT[status]}
    </span>
  );
}

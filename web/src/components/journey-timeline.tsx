import { useCallback, useEffect, useMemo } from "react";
import { Link } from "react-router-dom";
import { getCustomerJourney } from "../api/client.ts";
import type { JourneyEvent } from "../api/types.ts";
import { useCursorList } from "../hooks/use-cursor-list.ts";
import { toCssToken } from "../lib/css-token.ts";
import { summarizeEvent } from "../lib/event-summary.ts";
import { formatDuration, formatLag, millisecondsBetween } from "../lib/format-duration.ts";
import { formatCountOf } from "../lib/format-number.ts";
import {
  groupJourneyByCase,
  type TimelineEntry,
  type TimelineGroup,
} from "../lib/journey-timeline.ts";
import { EVENT_TYPE_LABELS, labelOf } from "../lib/labels.ts";
import { DateTime } from "./date-time.tsx";
import { type Directory, useDirectory } from "./directory-provider.tsx";
import { EmptyState, ErrorState, LoadingState } from "./state-views.tsx";

const PAGE_SIZE = 500;
/** Journeys up to this many events load completely; longer ones continue on request. */
const AUTO_LOAD_LIMIT = 2_000;

const CURRENT_GROUP_ID = "journey-current-case";

function actorOf(event: JourneyEvent, directory: Directory): string {
  const parts: string[] = [];
  if (event.teamId !== null) parts.push(directory.teamName(event.teamId));
  if (event.agentId !== null) parts.push(directory.agentName(event.agentId));
  return parts.join(" · ");
}

function lagTitle(entry: TimelineEntry): string {
  if (entry.lagFrom === "journey") return "Since the previous event in this customer's journey";
  if (entry.lagFrom === "group") return "Since the previous event of this case";
  return "First event of the journey";
}

function JourneyEntry({ entry, isCurrent }: { entry: TimelineEntry; isCurrent: boolean }) {
  const directory = useDirectory();
  const { event } = entry;
  const fields = summarizeEvent(event.data, directory);
  const actor = actorOf(event, directory);
  return (
    <li
      className={`journey-event event-${toCssToken(event.type)}${isCurrent ? " is-current" : ""}`}
      data-testid="journey-event"
      data-event-type={event.type}
      data-current={isCurrent ? "true" : "false"}
    >
      <div className="journey-when">
        <DateTime iso={event.at} />
        <span
          className={`lag${entry.lagFrom === "journey" ? " lag-from-journey" : ""}`}
          title={lagTitle(entry)}
        >
          {entry.lagMs === null ? "start" : formatLag(entry.lagMs)}
        </span>
      </div>
      <div className="journey-marker" aria-hidden="true" />
      <div className="journey-body">
        <div className="journey-title">
          <span className="event-type">{labelOf(EVENT_TYPE_LABELS, event.type)}</span>
          {actor === "" ? null : <span className="journey-actor">{actor}</span>}
        </div>
        {fields.length === 0 ? null : (
          <dl className="journey-fields">
            {fields.map((field) => (
              <div key={field.label}>
                <dt>{field.label}</dt>
                <dd>{field.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </li>
  );
}

function subjectOf(group: TimelineGroup): string | null {
  for (const { event } of group.entries) {
    if (event.data.type === "case.opened") {
      return event.data.subject ?? event.data.category;
    }
  }
  return null;
}

function GroupHeader({ group, isCurrent }: { group: TimelineGroup; isCurrent: boolean }) {
  const first = group.entries[0]?.event;
  const last = group.entries.at(-1)?.event;
  const span = first && last ? millisecondsBetween(first.at, last.at) : null;
  const subject = subjectOf(group);
  return (
    <div className="journey-group-header">
      {group.caseId === null ? (
        <span className="journey-group-title">Customer record</span>
      ) : (
        <>
          <Link className="mono" to={`/cases/${encodeURIComponent(group.caseId)}`}>
            {group.caseId}
          </Link>
          {subject === null ? null : <span className="journey-group-title">{subject}</span>}
        </>
      )}
      {isCurrent ? <span className="current-tag">This case</span> : null}
      <span className="journey-group-meta">
        {formatCountOf(group.entries.length, "event")}
        {span !== null && span > 0 ? ` over ${formatDuration(span)}` : ""}
      </span>
    </div>
  );
}

/**
 * Every event of a customer's journey in time order, grouped by case, with the lag since the
 * event before. `currentCaseId` highlights one case (the one the viewer came from).
 */
export function JourneyTimeline({
  customerId,
  currentCaseId,
}: {
  customerId: string;
  currentCaseId?: string;
}) {
  const fetchPage = useCallback(
    (cursor: string | null, signal: AbortSignal) =>
      getCustomerJourney(customerId, { limit: PAGE_SIZE, cursor }, signal),
    [customerId],
  );
  const journey = useCursorList(fetchPage);
  const { status, items, hasMore, loadingMore, error, loadMore } = journey;

  useEffect(() => {
    if (status !== "ready" || !hasMore || loadingMore || error !== null) return;
    if (items.length < AUTO_LOAD_LIMIT) loadMore();
  }, [status, hasMore, loadingMore, error, items.length, loadMore]);

  const groups = useMemo(() => groupJourneyByCase(items), [items]);
  const hasCurrent = currentCaseId !== undefined && groups.some((g) => g.caseId === currentCaseId);

  if (status === "loading") return <LoadingState label="Loading journey…" />;
  if (status === "error" && error !== null)
    return <ErrorState error={error} onRetry={journey.reload} />;
  if (items.length === 0) return <EmptyState>No events recorded for this customer yet.</EmptyState>;

  return (
    <div className="journey">
      <div className="journey-toolbar">
        <span className="muted">
          {formatCountOf(items.length, "event")} in {formatCountOf(groups.length, "group")}
          {hasMore ? ", more to load" : ""}
        </span>
        {hasCurrent ? (
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              document.getElementById(CURRENT_GROUP_ID)?.scrollIntoView({ block: "start" })
            }
          >
            Jump to this case
          </button>
        ) : null}
      </div>
      <ol className="journey-groups">
        {groups.map((group) => {
          const isCurrent = group.caseId !== null && group.caseId === currentCaseId;
          return (
            <li
              key={group.caseId ?? "customer-record"}
              id={isCurrent ? CURRENT_GROUP_ID : undefined}
              className={`journey-group${isCurrent ? " is-current" : ""}`}
            >
              <GroupHeader group={group} isCurrent={isCurrent} />
              <ol className="journey-events">
                {group.entries.map((entry) => (
                  <JourneyEntry key={entry.event.id} entry={entry} isCurrent={isCurrent} />
                ))}
              </ol>
            </li>
          );
        })}
      </ol>
      {hasMore || error !== null ? (
        <div className="list-footer">
          {error === null ? null : <ErrorState error={error} onRetry={loadMore} />}
          {hasMore && error === null ? (
            <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? "Loading…" : "Load later events"}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

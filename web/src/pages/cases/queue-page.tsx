import { useCallback } from "react";
import { PRIORITIES } from "../../../../src/modules/events/event.types.ts";
import { listCases } from "../../api/client.ts";
import type { Case } from "../../api/types.ts";
import { AgentCell, CaseIdCells, CaseStateCells } from "../../components/case-table.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import {
  FilterBar,
  labelledOptions,
  SelectFilter,
  type SelectOption,
  TeamFilter,
} from "../../components/filter-controls.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Countdown, SlaBadge } from "../../components/sla-badge.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { useInterval } from "../../hooks/use-interval.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { formatCount } from "../../lib/format-number.ts";
import { PRIORITY_LABELS, SLA_CLOCK_LABELS, STATUS_LABELS } from "../../lib/labels.ts";
import { filtersToQuery, QUEUE_FILTERS, SLA_STATE_FILTERS } from "../../lib/query-filters.ts";
import { mergeQueuePages, OPEN_CASE_STATUSES } from "../../lib/sla.ts";

/** One page per open status; the queue is sorted on the client by due time. */
const PAGE_SIZE = 500;
const REFRESH_MS = 30_000;

const SLA_STATE_LABELS: Record<(typeof SLA_STATE_FILTERS)[number], string> = {
  breached: "Breached",
  at_risk: "At risk",
  running: "On track",
};
const SLA_STATE_OPTIONS: SelectOption[] = labelledOptions(SLA_STATE_FILTERS, SLA_STATE_LABELS);
const STATUS_OPTIONS: SelectOption[] = labelledOptions(OPEN_CASE_STATUSES, STATUS_LABELS);
const PRIORITY_OPTIONS: SelectOption[] = labelledOptions(PRIORITIES, PRIORITY_LABELS);

function QueueTable({ cases }: { cases: readonly Case[] }) {
  const directory = useDirectory();
  return (
    <div className="table-wrap">
      <table className="data-table queue-table">
        <thead>
          <tr>
            <th>SLA</th>
            <th>Due</th>
            <th>Case</th>
            <th>Subject</th>
            <th>Team</th>
            <th>Agent</th>
            <th>Priority</th>
            <th>Status</th>
            <th>Opened</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((item) => (
            <tr
              key={item.id}
              data-testid="queue-row"
              data-case-id={item.id}
              data-sla-state={item.sla?.state ?? "none"}
            >
              <td className="nowrap">
                {item.sla === null ? (
                  <span className="muted" title="No SLA clock is running">
                    No SLA
                  </span>
                ) : (
                  <>
                    <SlaBadge clock={item.sla} kind={item.sla.clock} />
                    <span className="lag-below">{SLA_CLOCK_LABELS[item.sla.clock]}</span>
                  </>
                )}
              </td>
              <td className="nowrap">
                {item.sla === null ? (
                  <span className="muted">—</span>
                ) : (
                  <>
                    <Countdown clock={item.sla} />
                    <span className="lag-below">
                      <DateTime iso={item.sla.dueAt} />
                    </span>
                  </>
                )}
              </td>
              <CaseIdCells item={item} linkTestId="queue-case-link" />
              <td>{directory.teamName(item.teamId)}</td>
              <AgentCell agentId={item.agentId} />
              <CaseStateCells item={item} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The agent queue: open cases in the user's teams, the most urgent SLA first, with badges and
 * countdowns that tick every second and a refresh from the server every 30 seconds.
 */
export function QueuePage() {
  usePageTitle("Queue");
  const { filters, activeCount, setFilter, clearFilters } = useUrlFilters(QUEUE_FILTERS);

  const load = useCallback(
    async (signal: AbortSignal) => {
      const { status, ...rest } = filtersToQuery(QUEUE_FILTERS, filters);
      const statuses = status === undefined ? OPEN_CASE_STATUSES : [status];
      const pages = await Promise.all(
        statuses.map((each) => listCases({ ...rest, status: each, limit: PAGE_SIZE }, signal)),
      );
      return mergeQueuePages(pages);
    },
    [filters],
  );
  const queue = useAsync(load);
  useInterval(queue.reload, REFRESH_MS);

  return (
    <>
      <PageHeader
        title="Queue"
        subtitle="Open cases in your teams, the soonest SLA due time first. Countdowns tick live; the list refreshes every 30 seconds."
        actions={
          <button type="button" className="button" onClick={queue.reload}>
            Refresh
          </button>
        }
      />
      <FilterBar activeCount={activeCount} onClear={clearFilters}>
        <TeamFilter value={filters.team} onChange={setFilter} />
        <SelectFilter
          name="slaState"
          label="SLA"
          value={filters.slaState}
          options={SLA_STATE_OPTIONS}
          onChange={setFilter}
        />
        <SelectFilter
          name="status"
          label="Status"
          value={filters.status}
          options={STATUS_OPTIONS}
          allLabel="All open"
          onChange={setFilter}
        />
        <SelectFilter
          name="priority"
          label="Priority"
          value={filters.priority}
          options={PRIORITY_OPTIONS}
          onChange={setFilter}
        />
      </FilterBar>
      {queue.status === "loading" ? <LoadingState label="Loading the queue…" /> : null}
      {queue.status === "error" ? <ErrorState error={queue.error} onRetry={queue.reload} /> : null}
      {queue.status === "ready" && queue.data.items.length === 0 ? (
        <EmptyState>
          {activeCount > 0
            ? "No open cases match these filters."
            : "No open cases: the queue is clear."}
        </EmptyState>
      ) : null}
      {queue.status === "ready" && queue.data.items.length > 0 ? (
        <>
          <QueueTable cases={queue.data.items} />
          <div className="list-footer">
            <span data-testid="queue-count">
              {formatCount(queue.data.items.length)} open{" "}
              {queue.data.items.length === 1 ? "case" : "cases"}
            </span>
            {queue.data.truncated ? (
              <span className="muted">
                {" "}
                · more than {formatCount(PAGE_SIZE)} in some status: the newest are shown; narrow
                the queue with the filters.
              </span>
            ) : null}
          </div>
        </>
      ) : null}
    </>
  );
}

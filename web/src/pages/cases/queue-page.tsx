import { useCallback, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { takeNextCase } from "../../api/agents.ts";
import {
  getTeamPredictions,
  getTeamQueue,
  listQueues,
  type Prediction,
  type QueueEntry,
  type QueueSummary,
} from "../../api/queues.ts";
import { AgentCell, CaseIdCells, CaseStateCells } from "../../components/case-table.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { CheckFilter, FilterBar, SelectFilter } from "../../components/filter-controls.tsx";
import { useMyAgent } from "../../components/my-agent-provider.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Countdown, SlaBadge } from "../../components/sla-badge.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { useInterval } from "../../hooks/use-interval.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { formatDuration } from "../../lib/format-duration.ts";
import { formatCount, formatPoints } from "../../lib/format-number.ts";
import { SCORE_TERM_LABELS, SLA_CLOCK_LABELS } from "../../lib/labels.ts";
import { QUEUE_FILTERS } from "../../lib/query-filters.ts";
import { defaultQueueTeam, largestTerms, namedQueuesOf } from "../../lib/queue-view.ts";
import { toError } from "../../lib/to-error.ts";

/** The most entries one queue shows (the API's page limit). */
const QUEUE_LIMIT = 500;
const REFRESH_MS = 30_000;

function ScoreCell({ entry }: { entry: QueueEntry }) {
  const breakdown = entry.terms
    .map((term) => `${SCORE_TERM_LABELS[term.term]}: ${formatPoints(term.points)} (${term.input})`)
    .join("\n");
  return (
    <td className="num nowrap" title={breakdown} data-testid="queue-score">
      <strong>{formatPoints(entry.score)}</strong>
      <span className="lag-below">
        {largestTerms(entry.terms, 2)
          .map((term) => `${SCORE_TERM_LABELS[term.term]} ${formatPoints(term.points)}`)
          .join(" · ")}
      </span>
    </td>
  );
}

function PredictionCell({ prediction }: { prediction: Prediction | undefined }) {
  if (prediction === undefined) return <td className="muted">—</td>;
  return (
    <td className="nowrap" title={prediction.reason}>
      {prediction.breach ? (
        <span className="badge breach-predicted" data-testid="breach-predicted">
          Breach predicted
        </span>
      ) : null}
      <span className={prediction.breach ? "lag-below" : undefined}>
        {prediction.predictedAt === null ? (
          <span className="muted">Nobody can take it</span>
        ) : (
          <>
            ~<DateTime iso={prediction.predictedAt} />
          </>
        )}
      </span>
    </td>
  );
}

function QueueTable({
  entries,
  predictions,
  showAgent,
}: {
  entries: readonly QueueEntry[];
  predictions: ReadonlyMap<string, Prediction>;
  showAgent: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table queue-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th className="num">Score</th>
            <th>Predicted reply</th>
            <th>SLA</th>
            <th>Due</th>
            <th>Case</th>
            <th>Subject</th>
            {showAgent ? <th>Agent</th> : null}
            <th>Priority</th>
            <th>Status</th>
            <th>Opened</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const item = entry.case;
            const prediction = predictions.get(item.id);
            return (
              <tr
                key={item.id}
                data-testid="queue-row"
                data-case-id={item.id}
                data-position={entry.position}
                data-score={entry.score}
                data-sla-state={item.sla?.state ?? "none"}
                data-breach-predicted={String(prediction?.breach ?? false)}
              >
                <td className="num">{entry.position}</td>
                <ScoreCell entry={entry} />
                <PredictionCell prediction={prediction} />
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
                {showAgent ? <AgentCell agentId={item.agentId} /> : null}
                <CaseStateCells item={item} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Every team's queue at a glance; the one shown is marked. */
function TeamQueues({
  summaries,
  current,
}: {
  summaries: readonly QueueSummary[];
  current: string;
}) {
  return (
    <nav className="queue-teams" aria-label="Teams' queues">
      {summaries.map((summary) => (
        <Link
          key={summary.team}
          to={`?team=${encodeURIComponent(summary.team)}`}
          className={`queue-team${summary.team === current ? " is-active" : ""}`}
          aria-current={summary.team === current ? "page" : undefined}
          data-testid="queue-team"
          data-team-id={summary.team}
        >
          <span className="queue-team-name">{summary.name}</span>
          <span className="queue-team-facts">
            <strong>{formatCount(summary.waiting)}</strong> waiting
            {summary.oldestWaitMinutes === null
              ? null
              : ` · longest ${formatDuration(summary.oldestWaitMinutes * 60_000)}`}
          </span>
          <span className="queue-team-facts muted">
            {summary.agentsAvailable} of {summary.agents} agents available · {summary.mode}
          </span>
        </Link>
      ))}
    </nav>
  );
}

/** "Take next case" for a user who works as an agent: pull mode, the best case they can take. */
function TakeNextCase({ onNothing }: { onNothing: (text: string) => void }) {
  const { status, agent, reload } = useMyAgent();
  const navigate = useNavigate();
  const [taking, setTaking] = useState(false);
  if (status !== "ready" || agent === null) return null;
  const take = () => {
    setTaking(true);
    takeNextCase(agent.id).then(
      (taken) => {
        setTaking(false);
        reload();
        if (taken.case === null) onNothing("Nothing waits that you could take now.");
        else void navigate(`/cases/${encodeURIComponent(taken.case.id)}`);
      },
      (error: unknown) => {
        setTaking(false);
        onNothing(`Not taken: ${toError(error).message}`);
      },
    );
  };
  return (
    <button
      type="button"
      className="button button-primary"
      onClick={take}
      disabled={taking}
      data-testid="take-next-case"
    >
      {taking ? "Taking…" : "Take next case"}
    </button>
  );
}

/**
 * The queue: one team's waiting cases, best first by priority score, each with its SLA badge and
 * live countdown and whether its first response is predicted to breach. Refreshed from the server
 * every 30 seconds; countdowns tick every second.
 */
export function QueuePage() {
  usePageTitle("Queue");
  const { filters, activeCount, setFilter, clearFilters } = useUrlFilters(QUEUE_FILTERS);
  const myAgent = useMyAgent();
  const [notice, setNotice] = useState<string | null>(null);

  const loadSummaries = useCallback((signal: AbortSignal) => listQueues(signal), []);
  const summaries = useAsync(loadSummaries);
  const agentTeam = myAgent.agent?.teamId ?? null;
  const waitForAgent = myAgent.status === "loading";
  const team =
    filters.team !== ""
      ? filters.team
      : summaries.status === "ready" && !waitForAgent
        ? defaultQueueTeam(summaries.data.items, agentTeam)
        : null;

  const includeAssigned = filters.includeAssigned === "true";
  const loadQueue = useCallback(
    (signal: AbortSignal) =>
      team === null
        ? Promise.resolve(null)
        : getTeamQueue(
            team,
            {
              limit: QUEUE_LIMIT,
              includeAssigned,
              ...(filters.queue === "" ? {} : { queue: filters.queue }),
            },
            signal,
          ),
    [team, filters.queue, includeAssigned],
  );
  const queue = useAsync(loadQueue);
  const loadPredictions = useCallback(
    (signal: AbortSignal) =>
      team === null ? Promise.resolve(null) : getTeamPredictions(team, signal),
    [team],
  );
  const predictions = useAsync(loadPredictions);
  const { reload: reloadSummaries } = summaries;
  const { reload: reloadQueue } = queue;
  const { reload: reloadPredictions } = predictions;
  const refresh = useCallback(() => {
    reloadSummaries();
    reloadQueue();
    reloadPredictions();
  }, [reloadSummaries, reloadQueue, reloadPredictions]);
  useInterval(refresh, REFRESH_MS);

  const byCase = useMemo(() => {
    const items = predictions.status === "ready" ? (predictions.data?.items ?? []) : [];
    return new Map(items.map((prediction) => [prediction.caseId, prediction]));
  }, [predictions]);
  const entries = queue.status === "ready" ? (queue.data?.items ?? []) : [];
  const queueOptions = namedQueuesOf(entries.map((entry) => entry.case)).map((name) => ({
    value: name,
    label: name,
  }));

  return (
    <>
      <PageHeader
        title="Queue"
        subtitle="A team's waiting cases, the highest priority score first: value, urgency, SLA risk, age and whether someone can take it now. Countdowns tick live; the queue refreshes every 30 seconds."
        actions={
          <>
            <TakeNextCase onNothing={setNotice} />
            <button type="button" className="button" onClick={refresh}>
              Refresh
            </button>
          </>
        }
      />
      {notice === null ? null : (
        <p className="notice" role="status" data-testid="queue-notice">
          {notice}
        </p>
      )}
      {summaries.status === "error" ? (
        <ErrorState error={summaries.error} onRetry={summaries.reload} />
      ) : null}
      {summaries.status === "ready" && team !== null ? (
        <TeamQueues summaries={summaries.data.items} current={team} />
      ) : null}
      <FilterBar activeCount={activeCount} onClear={clearFilters}>
        <SelectFilter
          name="queue"
          label="Named queue"
          value={filters.queue}
          options={queueOptions}
          allLabel="All of the team"
          onChange={setFilter}
        />
        <CheckFilter
          name="includeAssigned"
          label="Also cases an agent has"
          value={filters.includeAssigned}
          onChange={setFilter}
        />
      </FilterBar>
      {queue.status === "loading" || (team === null && summaries.status === "loading") ? (
        <LoadingState label="Loading the queue…" />
      ) : null}
      {queue.status === "error" ? <ErrorState error={queue.error} onRetry={queue.reload} /> : null}
      {queue.status === "ready" && queue.data !== null && entries.length === 0 ? (
        <EmptyState>
          {activeCount > 0 ? "No waiting case matches." : "Nothing waits: the queue is clear."}
        </EmptyState>
      ) : null}
      {queue.status === "ready" && queue.data !== null && entries.length > 0 ? (
        <>
          <QueueTable entries={entries} predictions={byCase} showAgent={includeAssigned} />
          <div className="list-footer">
            <span data-testid="queue-count">
              {formatCount(queue.data.total)} {queue.data.total === 1 ? "case" : "cases"} in the
              queue
            </span>
            {queue.data.total > entries.length ? (
              <span className="muted"> · the best {formatCount(entries.length)} are shown</span>
            ) : null}
            {predictions.status === "error" ? (
              <span className="muted"> · predictions unavailable: {predictions.error.message}</span>
            ) : null}
          </div>
        </>
      ) : null}
    </>
  );
}

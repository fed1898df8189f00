import { useCallback, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { getCase } from "../../api/client.ts";
import type { Case, CaseDetail } from "../../api/types.ts";
import { PriorityBadge, StatusBadge } from "../../components/badges.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { type Directory, useDirectory } from "../../components/directory-provider.tsx";
import { type FieldItem, FieldList } from "../../components/field-list.tsx";
import { JourneyTimeline } from "../../components/journey-timeline.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import { SlaBadge } from "../../components/sla-badge.tsx";
import { ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { hasPermission } from "../../lib/access.ts";
import { formatDuration, formatLag, millisecondsBetween } from "../../lib/format-duration.ts";
import { CHANNEL_LABELS, labelOf } from "../../lib/labels.ts";
import { CaseActions } from "./case-actions.tsx";
import { CasePredictionPanel, CasePriorityPanel } from "./case-priority-panels.tsx";
import { CaseLinksPanel, TeamTimesPanel } from "./case-relations.tsx";
import { CaseSlaPanel } from "./case-sla-panel.tsx";

function DateTimeWithLag({ from, to }: { from: string; to: string | null }) {
  const lag = to === null ? null : millisecondsBetween(from, to);
  return (
    <>
      <DateTime iso={to} />
      {lag === null ? null : <span className="lag-inline">{formatLag(lag)}</span>}
    </>
  );
}

function Chips({ items }: { items: readonly string[] }) {
  if (items.length === 0) return <span className="muted">—</span>;
  return (
    <span className="chips">
      {items.map((text) => (
        <span key={text} className="chip">
          {text}
        </span>
      ))}
    </span>
  );
}

function caseFields(item: Case, directory: Directory): FieldItem[] {
  return [
    {
      label: "Customer",
      value: (
        <Link className="mono" to={`/customers/${encodeURIComponent(item.customerId)}`}>
          {item.customerId}
        </Link>
      ),
    },
    { label: "Status", value: <StatusBadge status={item.status} /> },
    { label: "Priority", value: <PriorityBadge priority={item.priority} /> },
    { label: "Channel", value: labelOf(CHANNEL_LABELS, item.channel) },
    { label: "Category", value: item.category },
    { label: "Team", value: directory.teamName(item.teamId) },
    { label: "Queue", value: item.queue ?? <span className="muted">—</span> },
    {
      label: "Routed by rule",
      value:
        item.routedRule === null ? (
          <span className="muted">No rule</span>
        ) : (
          <Link className="mono" to="/routing/rules" data-testid="routed-rule">
            {item.routedRule}
          </Link>
        ),
    },
    { label: "Tags", value: <Chips items={item.tags} /> },
    {
      label: "Required skills",
      value: (
        <Chips items={item.requiredSkills.map((skill) => `${skill.skill} ≥ ${skill.level}`)} />
      ),
    },
    { label: "Re-categorised", value: item.recategorisedCount },
    {
      label: "Agent",
      value:
        item.agentId === null ? (
          <span className="muted">Unassigned</span>
        ) : (
          directory.agentName(item.agentId)
        ),
    },
    { label: "Opened", value: <DateTime iso={item.openedAt} /> },
    {
      label: "First response",
      value: <DateTimeWithLag from={item.openedAt} to={item.firstResponseAt} />,
    },
    {
      label: "First resolved",
      value: <DateTimeWithLag from={item.openedAt} to={item.firstResolvedAt} />,
    },
    { label: "Resolved", value: <DateTime iso={item.resolvedAt} /> },
    { label: "Last update", value: <DateTime iso={item.updatedAt} /> },
    { label: "Reopens", value: item.reopenCount },
    { label: "Handoffs", value: item.handoffCount },
    { label: "Escalation level", value: item.escalationLevel },
    { label: "Handling time", value: formatDuration(item.workedSeconds * 1_000) },
    { label: "Root cause", value: item.rootCause ?? <span className="muted">—</span> },
  ];
}

export function CasePage() {
  const { caseId = "" } = useParams();
  usePageTitle(`Case ${caseId}`);
  const directory = useDirectory();
  const user = useSessionUser();
  const canWrite = hasPermission(user.permissions, "case:write");
  const load = useCallback((signal: AbortSignal) => getCase(caseId, signal), [caseId]);
  const result = useAsync(load);
  const { reload } = result;
  // Bumped after every action, so the SLA clocks and the journey load again too.
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState<{ caseId: string; text: string } | null>(null);

  const onChanged = useCallback(
    (updated: CaseDetail, text: string) => {
      setNotice({ caseId: updated.id, text });
      setRevision((value) => value + 1);
      reload();
    },
    [reload],
  );

  if (result.status === "loading") return <LoadingState label="Loading case…" />;
  if (result.status === "error") {
    return (
      <>
        <PageHeader title={`Case ${caseId}`} />
        <ErrorState error={result.error} onRetry={result.reload} />
      </>
    );
  }

  const item = result.data;
  return (
    <>
      <PageHeader
        title={item.subject ?? item.category}
        subtitle={
          <>
            <span className="mono">{item.id}</span> · <StatusBadge status={item.status} />
            {item.sla === null ? null : (
              <>
                {" "}
                · <SlaBadge clock={item.sla} kind={item.sla.clock} />
              </>
            )}
          </>
        }
        actions={
          <>
            <Link className="button" to={`/customers/${encodeURIComponent(item.customerId)}`}>
              Customer page
            </Link>
            <Link className="button" to={`/cases?customer=${encodeURIComponent(item.customerId)}`}>
              All cases of this customer
            </Link>
          </>
        }
      />
      {notice !== null && notice.caseId === item.id ? (
        <p className="notice notice-success" role="status" data-testid="case-notice">
          {notice.text}
        </p>
      ) : null}
      {canWrite ? <CaseActions item={item} onChanged={onChanged} /> : null}
      <section className="panel">
        <h2 className="panel-title">Case</h2>
        <FieldList fields={caseFields(item, directory)} />
      </section>
      <div className="panel-pair">
        <CasePriorityPanel caseId={item.id} revision={revision} />
        <CasePredictionPanel caseId={item.id} revision={revision} />
      </div>
      <CaseSlaPanel caseId={item.id} revision={revision} />
      <div className="panel-pair">
        <CaseLinksPanel item={item} />
        <TeamTimesPanel item={item} />
      </div>
      <section className="panel">
        <h2 className="panel-title">Customer journey</h2>
        <JourneyTimeline key={revision} customerId={item.customerId} currentCaseId={item.id} />
      </section>
    </>
  );
}

import { Link } from "react-router-dom";
import type { Case } from "../api/types.ts";
import { formatLag, millisecondsBetween } from "../lib/format-duration.ts";
import { CHANNEL_LABELS, labelOf } from "../lib/labels.ts";
import { PriorityBadge, StatusBadge } from "./badges.tsx";
import { DateTime } from "./date-time.tsx";
import { useDirectory } from "./directory-provider.tsx";

function FirstResponse({ item }: { item: Case }) {
  if (item.firstResponseAt === null) return <span className="muted">—</span>;
  const lag = millisecondsBetween(item.openedAt, item.firstResponseAt);
  return (
    <>
      <DateTime iso={item.firstResponseAt} />
      {lag === null ? null : (
        <span className="lag-below" title="Time from opening to the first public agent reply">
          {formatLag(lag)}
        </span>
      )}
    </>
  );
}

/** The case id and its subject (with category), both linking to the case page. */
export function CaseIdCells({ item, linkTestId }: { item: Case; linkTestId: string }) {
  const casePath = `/cases/${encodeURIComponent(item.id)}`;
  return (
    <>
      <td className="mono nowrap">
        <Link to={casePath} data-testid={linkTestId}>
          {item.id}
        </Link>
      </td>
      <td className="cell-subject">
        <Link to={casePath} className="subtle-link">
          {item.subject ?? <span className="muted">(no subject)</span>}
        </Link>
        <span className="category">{item.category}</span>
      </td>
    </>
  );
}

export function AgentCell({ agentId }: { agentId: string | null }) {
  const directory = useDirectory();
  return (
    <td>
      {agentId === null ? <span className="muted">Unassigned</span> : directory.agentName(agentId)}
    </td>
  );
}

/** Priority, status and opening time: the closing columns of every case table. */
export function CaseStateCells({ item }: { item: Case }) {
  return (
    <>
      <td>
        <PriorityBadge priority={item.priority} />
      </td>
      <td>
        <StatusBadge status={item.status} />
      </td>
      <td className="nowrap">
        <DateTime iso={item.openedAt} />
      </td>
    </>
  );
}

/** Cases as a dense table; every row links to its case page and its customer. */
export function CaseTable({
  cases,
  showCustomer = true,
}: {
  cases: readonly Case[];
  showCustomer?: boolean;
}) {
  const directory = useDirectory();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th>Case</th>
            <th>Subject</th>
            {showCustomer ? <th>Customer</th> : null}
            <th>Team</th>
            <th>Agent</th>
            <th>Channel</th>
            <th>Priority</th>
            <th>Status</th>
            <th>Opened</th>
            <th>First response</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((item) => (
            <tr key={item.id} data-testid="case-row" data-case-id={item.id}>
              <CaseIdCells item={item} linkTestId="case-link" />
              {showCustomer ? (
                <td className="mono nowrap">
                  <Link to={`/customers/${encodeURIComponent(item.customerId)}`}>
                    {item.customerId}
                  </Link>
                </td>
              ) : null}
              <td data-testid="case-team" data-team-id={item.teamId}>
                {directory.teamName(item.teamId)}
              </td>
              <AgentCell agentId={item.agentId} />
              <td>{labelOf(CHANNEL_LABELS, item.channel)}</td>
              <CaseStateCells item={item} />
              <td className="nowrap">
                <FirstResponse item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

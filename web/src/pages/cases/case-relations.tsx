import { Link } from "react-router-dom";
import type { CaseDetail } from "../../api/types.ts";
import { DateTime } from "../../components/date-time.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { EmptyState } from "../../components/state-views.tsx";
import { describeLink, sortLinks } from "../../lib/case-links.ts";
import { formatDuration } from "../../lib/format-duration.ts";

function CaseLinkTo({ caseId }: { caseId: string }) {
  return (
    <Link className="mono" to={`/cases/${encodeURIComponent(caseId)}`} data-testid="linked-case">
      {caseId}
    </Link>
  );
}

/** Recontact, parent/child, duplicate and merge links to other cases. */
export function CaseLinksPanel({ item }: { item: CaseDetail }) {
  const links = sortLinks(item.links);
  return (
    <section className="panel" data-testid="links-panel">
      <h2 className="panel-title">Linked cases</h2>
      {item.mergedInto === null ? null : (
        <p className="notice" data-testid="merged-into">
          Merged into <CaseLinkTo caseId={item.mergedInto} />: its history continues there.
        </p>
      )}
      {links.length === 0 ? (
        <EmptyState>No linked cases.</EmptyState>
      ) : (
        <ul className="link-list">
          {links.map((link) => (
            <li
              key={`${link.kind}-${link.direction}-${link.caseId}`}
              data-testid="case-link-item"
              data-kind={link.kind}
              data-direction={link.direction}
            >
              <span className="link-kind">{describeLink(link)}</span>{" "}
              <CaseLinkTo caseId={link.caseId} />
              {link.source === "auto" ? (
                <span className="chip" title="Linked by recontact detection">
                  auto
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Each spell of the case with a team, from its opening and every handoff. */
export function TeamTimesPanel({ item }: { item: CaseDetail }) {
  const directory = useDirectory();
  return (
    <section className="panel" data-testid="team-times-panel">
      <div className="panel-heading">
        <h2 className="panel-title">Time in team</h2>
        <span className="muted">
          {item.handoffCount} {item.handoffCount === 1 ? "handoff" : "handoffs"}
        </span>
      </div>
      {item.teamTimes.length === 0 ? (
        <EmptyState>No team spells recorded.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th>Team</th>
                <th>From</th>
                <th>Until</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {item.teamTimes.map((spell) => (
                <tr
                  key={`${spell.team}-${spell.startedAt}`}
                  data-testid="team-time-row"
                  data-team-id={spell.team}
                >
                  <td>{directory.teamName(spell.team)}</td>
                  <td className="nowrap">
                    <DateTime iso={spell.startedAt} />
                  </td>
                  <td className="nowrap">
                    {spell.endedAt === null ? (
                      <span className="muted">now</span>
                    ) : (
                      <DateTime iso={spell.endedAt} />
                    )}
                  </td>
                  <td className="nowrap">{formatDuration(spell.minutes * 60_000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

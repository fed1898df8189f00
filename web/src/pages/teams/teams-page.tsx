import { useCallback, useMemo } from "react";
import { Link } from "react-router-dom";
import { listAgents, listTeams } from "../../api/client.ts";
import type { Agent, Team } from "../../api/types.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { formatAmount, formatCountOf } from "../../lib/format-number.ts";

async function loadTeamsAndAgents(
  signal: AbortSignal,
): Promise<{ teams: Team[]; agents: Agent[] }> {
  const [teams, agents] = await Promise.all([listTeams(signal), listAgents({}, signal)]);
  return { teams: teams.items, agents: agents.items };
}

function AgentTable({ agents }: { agents: readonly Agent[] }) {
  if (agents.length === 0) return <p className="muted panel-note">No agents in this team.</p>;
  return (
    <table className="data-table agent-table">
      <colgroup>
        <col className="col-id" />
        <col className="col-name" />
        <col />
        <col className="col-action" />
      </colgroup>
      <thead>
        <tr>
          <th>Agent</th>
          <th>Name</th>
          <th>Skills</th>
          <th aria-label="Links" />
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => (
          <tr key={agent.id} data-testid="agent-row">
            <td className="mono">{agent.id}</td>
            <td>{agent.name}</td>
            <td>
              {agent.skills.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <span className="chips">
                  {agent.skills.map((skill) => (
                    <span key={skill} className="chip">
                      {skill}
                    </span>
                  ))}
                </span>
              )}
            </td>
            <td className="cell-action">
              <Link to={`/cases?agent=${encodeURIComponent(agent.id)}`}>Cases</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TeamPanel({ team, agents }: { team: Team; agents: readonly Agent[] }) {
  return (
    <section className="panel" data-testid="team-panel">
      <div className="panel-heading">
        <div>
          <h2 className="panel-title">{team.name}</h2>
          <span className="mono muted">{team.id}</span>
        </div>
        <div className="team-facts">
          <span>
            Hourly cost{" "}
            <strong>{team.hourlyCost === null ? "—" : formatAmount(team.hourlyCost)}</strong>
          </span>
          <span>{formatCountOf(agents.length, "agent")}</span>
          <Link to={`/cases?team=${encodeURIComponent(team.id)}`}>Cases</Link>
        </div>
      </div>
      <AgentTable agents={agents} />
    </section>
  );
}

export function TeamsPage() {
  usePageTitle("Teams & agents");
  const load = useCallback(loadTeamsAndAgents, []);
  const result = useAsync(load);

  const agentsByTeam = useMemo(() => {
    const byTeam = new Map<string, Agent[]>();
    if (result.status !== "ready") return byTeam;
    for (const agent of result.data.agents) {
      const list = byTeam.get(agent.teamId) ?? [];
      list.push(agent);
      byTeam.set(agent.teamId, list);
    }
    return byTeam;
  }, [result]);

  return (
    <>
      <PageHeader
        title="Teams & agents"
        subtitle="Teams with their hourly cost, agents and skills."
      />
      {result.status === "loading" ? <LoadingState label="Loading teams…" /> : null}
      {result.status === "error" ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : null}
      {result.status === "ready" && result.data.teams.length === 0 ? (
        <EmptyState>No teams yet.</EmptyState>
      ) : null}
      {result.status === "ready"
        ? result.data.teams.map((team) => (
            <TeamPanel key={team.id} team={team} agents={agentsByTeam.get(team.id) ?? []} />
          ))
        : null}
    </>
  );
}

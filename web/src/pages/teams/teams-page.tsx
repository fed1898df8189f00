import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { listAgents, listTeams } from "../../api/client.ts";
import type { Agent, Team } from "../../api/types.ts";
import { useMyAgent } from "../../components/my-agent-provider.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { formatAmount, formatCountOf } from "../../lib/format-number.ts";
import { grantsAllowForTeam } from "../../lib/grants.ts";
import { AgentTable } from "./agent-table.tsx";

async function loadTeamsAndAgents(
  signal: AbortSignal,
): Promise<{ teams: Team[]; agents: Agent[] }> {
  const [teams, agents] = await Promise.all([listTeams(signal), listAgents({}, signal)]);
  return { teams: teams.items, agents: agents.items };
}

function TeamPanel({
  team,
  agents,
  onChanged,
}: {
  team: Team;
  agents: readonly Agent[];
  onChanged: (agent: Agent) => void;
}) {
  const user = useSessionUser();
  const canManage = grantsAllowForTeam(user.grants, "agent:write", team.id);
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
      <AgentTable agents={agents} canManage={canManage} onChanged={onChanged} />
    </section>
  );
}

export function TeamsPage() {
  usePageTitle("Teams & agents");
  const load = useCallback(loadTeamsAndAgents, []);
  const result = useAsync(load);
  // Agents changed on this page (presence, profile), until the page loads them again.
  const [changed, setChanged] = useState<ReadonlyMap<string, Agent>>(new Map());
  const loaded = result.status === "ready" ? result.data : null;
  useEffect(() => {
    if (loaded !== null) setChanged(new Map());
  }, [loaded]);
  const myAgent = useMyAgent();
  const { reload: reloadMyAgent } = myAgent;
  const myAgentId = myAgent.agent?.id ?? null;
  const onChanged = useCallback(
    (agent: Agent) => {
      setChanged((current) => new Map(current).set(agent.id, agent));
      // The header shows the user's own presence: keep it in step.
      if (agent.id === myAgentId) reloadMyAgent();
    },
    [myAgentId, reloadMyAgent],
  );

  const agentsByTeam = useMemo(() => {
    const byTeam = new Map<string, Agent[]>();
    if (loaded === null) return byTeam;
    for (const loadedAgent of loaded.agents) {
      const agent = changed.get(loadedAgent.id) ?? loadedAgent;
      const list = byTeam.get(agent.teamId) ?? [];
      list.push(agent);
      byTeam.set(agent.teamId, list);
    }
    return byTeam;
  }, [loaded, changed]);

  return (
    <>
      <PageHeader
        title="Teams & agents"
        subtitle="Teams with their hourly cost and agents: presence, skills with levels, capacities and shifts, as routing and assignment read them."
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
            <TeamPanel
              key={team.id}
              team={team}
              agents={agentsByTeam.get(team.id) ?? []}
              onChanged={onChanged}
            />
          ))
        : null}
    </>
  );
}

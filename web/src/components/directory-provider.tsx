import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import { listAgents, listTeams } from "../api/client.ts";
import type { Agent, Team } from "../api/types.ts";
import { type AsyncState, useAsync } from "../hooks/use-async.ts";
import type { NameResolver } from "../lib/event-summary.ts";
import type { SelectOption } from "./filter-controls.tsx";

export interface Directory extends NameResolver {
  state: AsyncState<unknown>["status"];
  teams: Team[];
  agents: Agent[];
}

const DirectoryContext = createContext<Directory | null>(null);

async function loadDirectory(signal: AbortSignal): Promise<{ teams: Team[]; agents: Agent[] }> {
  const [teams, agents] = await Promise.all([listTeams(signal), listAgents({}, signal)]);
  return { teams: teams.items, agents: agents.items };
}

/**
 * Loads teams and agents once for the whole app so that tables and timelines can show names
 * instead of ids. While it loads, or if it fails, names fall back to the ids themselves.
 */
export function DirectoryProvider({ children }: { children: ReactNode }) {
  const load = useCallback(loadDirectory, []);
  const result = useAsync(load);
  const ready = result.status === "ready" ? result.data : null;

  const directory = useMemo<Directory>(() => {
    const teams = ready?.teams ?? [];
    const agents = ready?.agents ?? [];
    const teamNames = new Map(teams.map((team) => [team.id, team.name]));
    const agentNames = new Map(agents.map((agent) => [agent.id, agent.name]));
    return {
      state: result.status,
      teams,
      agents,
      teamName: (id) => teamNames.get(id) ?? id,
      agentName: (id) => agentNames.get(id) ?? id,
    };
  }, [ready, result.status]);

  return <DirectoryContext.Provider value={directory}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const directory = useContext(DirectoryContext);
  if (directory === null) throw new Error("useDirectory must be used inside <DirectoryProvider>");
  return directory;
}

/** The teams of the directory, as options for a team field or filter. */
export function useTeamOptions(): SelectOption[] {
  const { teams } = useDirectory();
  return useMemo(() => teams.map((team) => ({ value: team.id, label: team.name })), [teams]);
}

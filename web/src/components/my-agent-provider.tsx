import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { type AgentPresence, getMyAgent, setAgentPresence } from "../api/agents.ts";
import { ApiError } from "../api/client.ts";
import type { Agent } from "../api/types.ts";
import { useAsync } from "../hooks/use-async.ts";

export interface MyAgent {
  /** `none`: the signed-in user works as no agent (GET /me/agent answered 404). */
  status: "loading" | "none" | "ready" | "error";
  agent: Agent | null;
  /** Sets the agent's presence; rejects with the server's complaint. */
  setPresence: (presence: AgentPresence) => Promise<void>;
  /** Loads the agent again (its load changes as cases are taken). */
  reload: () => void;
}

const MyAgentContext = createContext<MyAgent | null>(null);

/**
 * The agent the signed-in user works as, for the presence control in the header and "Take next
 * case" in the queue. Users linked to no agent get `status: "none"` and see neither.
 */
export function MyAgentProvider({ children }: { children: ReactNode }) {
  const load = useCallback((signal: AbortSignal) => getMyAgent(signal), []);
  const result = useAsync(load);
  const loaded = result.status === "ready" ? result.data : null;
  // The answer of the last presence change, until the agent is loaded again.
  const [updated, setUpdated] = useState<{ of: Agent; agent: Agent } | null>(null);
  const agent = updated !== null && updated.of === loaded ? updated.agent : loaded;
  const agentId = agent?.id ?? null;
  const setPresence = useCallback(
    async (presence: AgentPresence) => {
      if (agentId === null) return;
      const changed = await setAgentPresence(agentId, presence);
      if (loaded !== null) setUpdated({ of: loaded, agent: changed });
    },
    [agentId, loaded],
  );

  const value = useMemo<MyAgent>(() => {
    const notLinked =
      result.status === "error" && result.error instanceof ApiError && result.error.status === 404;
    const status = result.status === "ready" ? "ready" : notLinked ? "none" : result.status;
    return { status, agent, setPresence, reload: result.reload };
  }, [result, agent, setPresence]);

  return <MyAgentContext.Provider value={value}>{children}</MyAgentContext.Provider>;
}

export function useMyAgent(): MyAgent {
  const myAgent = useContext(MyAgentContext);
  if (myAgent === null) throw new Error("useMyAgent must be used inside <MyAgentProvider>");
  return myAgent;
}

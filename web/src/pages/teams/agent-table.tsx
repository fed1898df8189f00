import { useState } from "react";
import { Link } from "react-router-dom";
import { CHANNELS } from "../../../../src/modules/events/event.types.ts";
import { setAgentPresence } from "../../api/agents.ts";
import type { Agent } from "../../api/types.ts";
import { PresenceBadge, PresenceSelect } from "../../components/presence-control.tsx";
import { describeShift, skillsOf } from "../../lib/agent-form.ts";
import { CHANNEL_LABELS } from "../../lib/labels.ts";
import { AgentDialog } from "./agent-dialog.tsx";

function Chips({ items, empty }: { items: readonly string[]; empty: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
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

/** "chat 2" for each channel with a number; `empty` when none has one. */
function channelCounts(counts: Readonly<Record<string, number>>, keepZero: boolean): string[] {
  return CHANNELS.filter((channel) => {
    const count = counts[channel];
    return count !== undefined && (keepZero || count > 0);
  }).map((channel) => `${CHANNEL_LABELS[channel]} ${counts[channel]}`);
}

/**
 * A team's agents with what routing and assignment read: presence, skills with levels, their own
 * capacities, what they work on now and their shift. Whoever may change the team's agents sets
 * presence here and edits the profile.
 */
export function AgentTable({
  agents,
  canManage,
  onChanged,
}: {
  agents: readonly Agent[];
  canManage: boolean;
  onChanged: (agent: Agent) => void;
}) {
  const [editing, setEditing] = useState<Agent | null>(null);
  if (agents.length === 0) return <p className="muted panel-note">No agents in this team.</p>;
  return (
    <>
      <table className="data-table agent-table">
        <thead>
          <tr>
            <th>Agent</th>
            <th>Presence</th>
            <th>Skills</th>
            <th>Own capacity</th>
            <th>Working on</th>
            <th>Shift</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id} data-testid="agent-row" data-agent-id={agent.id}>
              <td>
                {agent.name}
                <span className="lag-below mono">{agent.id}</span>
              </td>
              <td className="nowrap">
                {canManage ? (
                  <PresenceSelect
                    presence={agent.presence}
                    ariaLabel={`Presence of ${agent.name}`}
                    testId="agent-presence"
                    onChange={async (presence) =>
                      onChanged(await setAgentPresence(agent.id, presence))
                    }
                  />
                ) : (
                  <PresenceBadge presence={agent.presence} />
                )}
              </td>
              <td>
                <Chips
                  items={skillsOf(agent).map((skill) => `${skill.skill} ${skill.level}`)}
                  empty="—"
                />
              </td>
              <td>
                <Chips items={channelCounts(agent.capacity, true)} empty="default" />
              </td>
              <td>
                <Chips items={channelCounts(agent.load, false)} empty="nothing" />
              </td>
              <td className="cell-shift">{describeShift(agent.shift)}</td>
              <td className="cell-action nowrap">
                {canManage ? (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Edit the profile of ${agent.name}`}
                    onClick={() => setEditing(agent)}
                  >
                    Edit
                  </button>
                ) : null}{" "}
                <Link to={`/cases?agent=${encodeURIComponent(agent.id)}`}>Cases</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing === null ? null : (
        <AgentDialog agent={editing} onDone={onChanged} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

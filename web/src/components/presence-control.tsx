import { useState } from "react";
import { AGENT_PRESENCES, type AgentPresence } from "../../../src/modules/events/event.types.ts";
import { PRESENCE_LABELS } from "../lib/labels.ts";
import { toError } from "../lib/to-error.ts";
import { useMyAgent } from "./my-agent-provider.tsx";

export function PresenceBadge({ presence }: { presence: AgentPresence }) {
  return (
    <span className={`presence presence-${presence}`} data-presence={presence}>
      <span className="presence-dot" aria-hidden="true" />
      {PRESENCE_LABELS[presence]}
    </span>
  );
}

/**
 * Available / busy / away as a select that saves on change. While the change is on its way the
 * select is disabled; a refused change is named beside it and the select shows the presence in
 * force.
 */
export function PresenceSelect({
  presence,
  ariaLabel,
  onChange,
  testId,
}: {
  presence: AgentPresence;
  ariaLabel: string;
  onChange: (presence: AgentPresence) => Promise<unknown>;
  testId?: string;
}) {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const change = (next: AgentPresence) => {
    setSaving(true);
    setFailure(null);
    onChange(next).then(
      () => setSaving(false),
      (error: unknown) => {
        setSaving(false);
        setFailure(toError(error).message);
      },
    );
  };
  return (
    <span className={`presence-select presence-${presence}`}>
      <span className="presence-dot" aria-hidden="true" />
      <select
        className="presence-input"
        value={presence}
        aria-label={ariaLabel}
        data-testid={testId}
        data-presence={presence}
        disabled={saving}
        title={failure === null ? undefined : `Not changed: ${failure}`}
        onChange={(event) => change(event.target.value as AgentPresence)}
      >
        {AGENT_PRESENCES.map((option) => (
          <option key={option} value={option}>
            {PRESENCE_LABELS[option]}
          </option>
        ))}
      </select>
      {failure === null ? null : (
        <span className="presence-failure" role="alert">
          Not changed
        </span>
      )}
    </span>
  );
}

/** The header's presence control, for a user who works as an agent. */
export function MyPresenceControl() {
  const { status, agent, setPresence } = useMyAgent();
  if (status !== "ready" || agent === null) return null;
  return (
    <span className="my-presence" title={`You work as ${agent.name} (${agent.id})`}>
      <PresenceSelect
        presence={agent.presence}
        ariaLabel="Your presence"
        onChange={setPresence}
        testId="my-presence"
      />
    </span>
  );
}

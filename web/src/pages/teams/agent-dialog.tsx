import { useState } from "react";
import { CHANNELS } from "../../../../src/modules/events/event.types.ts";
import { updateAgent } from "../../api/agents.ts";
import type { Agent } from "../../api/types.ts";
import { ActionForm, useSubmit } from "../../components/action-form.tsx";
import {
  CheckboxField,
  ListEditor,
  RowRemoveButton,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import {
  timeZoneSelectOptions,
  viewerTimeZone,
  WeekHoursTable,
} from "../../components/week-hours-editor.tsx";
import { type AgentDraft, agentToDraft, draftToAgentUpdate } from "../../lib/agent-form.ts";
import { CHANNEL_LABELS } from "../../lib/labels.ts";
import { SKILL_LEVELS } from "../../lib/routing-form.ts";
import { fieldErrorsOf, pathOf } from "../../lib/settings-errors.ts";

const LEVEL_OPTIONS = SKILL_LEVELS.map((level) => ({ value: String(level), label: String(level) }));

/**
 * An agent's working profile: skills with levels, their own capacity per channel and their shift
 * (PATCH /agents/:id). The server's complaint is shown at the input it names.
 */
export function AgentDialog({
  agent,
  onDone,
  onClose,
}: {
  agent: Agent;
  onDone: (updated: Agent) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<AgentDraft>(() => agentToDraft(agent, viewerTimeZone()));
  const { busy, failure, run } = useSubmit(onClose);
  const errors = fieldErrorsOf(failure, "body");
  const set = (change: Partial<AgentDraft>) => setDraft((current) => ({ ...current, ...change }));

  return (
    <ActionForm
      title={`Profile of ${agent.name}`}
      submitLabel="Save profile"
      busy={busy}
      failure={failure}
      handledFields={["skills", "skillLevels", "capacity", "shift"]}
      onSubmit={() =>
        run(async () => {
          onDone(await updateAgent(agent.id, draftToAgentUpdate(draft)));
        })
      }
      onClose={onClose}
      testId="agent-dialog"
    >
      <div className="form-section">
        <h3 className="form-section-title">Skills</h3>
        <ListEditor
          items={draft.skills}
          update={(change) =>
            setDraft((current) => ({ ...current, skills: change(current.skills) }))
          }
          create={() => ({ skill: "", level: 3 })}
          addLabel="Add skill"
          readOnly={false}
          error={errors.at("skills")}
          empty="No skills: the agent takes cases that require none."
          nested
        >
          {(item, controls) => {
            const name = `skill ${controls.index + 1}`;
            return (
              <div className="form-row skill-row" data-testid="agent-skill">
                <TextField
                  label="Skill"
                  ariaLabel={`Name of ${name}`}
                  value={item.skill}
                  onChange={(skill) => controls.onChange({ ...item, skill })}
                  error={errors.within(pathOf("skills", controls.index))}
                />
                <SelectField
                  label="Level"
                  ariaLabel={`Level of ${name}`}
                  value={String(item.level)}
                  options={LEVEL_OPTIONS}
                  onChange={(level) => controls.onChange({ ...item, level: Number(level) })}
                  error={errors.within(pathOf("skillLevels", item.skill.trim()))}
                />
                <RowRemoveButton ariaLabel={`Remove ${name}`} onClick={controls.onRemove} />
              </div>
            );
          }}
        </ListEditor>
        <span className="field-hint">
          1 is basic, 5 expert; a rule may require a level or above.
        </span>
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Cases at once</h3>
        <div className="form-row">
          {CHANNELS.map((channel) => (
            <TextField
              key={channel}
              label={CHANNEL_LABELS[channel]}
              ariaLabel={`${CHANNEL_LABELS[channel]} capacity`}
              value={draft.capacity[channel]}
              inputMode="numeric"
              placeholder="default"
              size={6}
              className="short-field"
              onChange={(value) => set({ capacity: { ...draft.capacity, [channel]: value } })}
              error={errors.within(pathOf("capacity", channel))}
            />
          ))}
        </div>
        <span className="field-hint">Empty: the workspace default of the queue settings.</span>
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Shift</h3>
        <CheckboxField
          label="Works set hours"
          checked={draft.hasShift}
          onChange={(hasShift) => set({ hasShift })}
        />
        {draft.hasShift ? (
          <>
            <SelectField
              label="Time zone"
              value={draft.timezone}
              options={timeZoneSelectOptions(draft.timezone)}
              onChange={(timezone) => set({ timezone })}
              error={errors.within("shift.timezone")}
            />
            <WeekHoursTable
              path="shift.hours"
              hours={draft.hours}
              errors={errors}
              onChange={(hours) => set({ hours })}
            />
          </>
        ) : (
          <span className="field-hint">
            {agent.shift === null
              ? "Without set hours the agent is on shift whenever available."
              : "The shift is kept: the API cannot remove a shift, only change it."}
          </span>
        )}
      </div>
    </ActionForm>
  );
}

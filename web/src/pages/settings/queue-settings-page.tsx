import { CHANNELS, PRIORITIES } from "../../../../src/modules/events/event.types.ts";
import {
  QUEUE_MODES,
  type QueueMode,
  SCORE_TERMS,
} from "../../../../src/modules/queues/queue-settings.ts";
import { useTeamOptions } from "../../components/directory-provider.tsx";
import {
  ListEditor,
  RowRemoveButton,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import { documentSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { CHANNEL_LABELS, PRIORITY_LABELS, SCORE_TERM_LABELS } from "../../lib/labels.ts";
import {
  draftToQueueSettings,
  type QueueSettingsDraft,
  queueSettingsToDraft,
} from "../../lib/queue-settings-form.ts";
import { pathOf } from "../../lib/settings-errors.ts";

const SOURCE = documentSource<"queue-settings", QueueSettingsDraft>("queue-settings", {
  toForm: queueSettingsToDraft,
  toDocument: draftToQueueSettings,
});

const MODE_LABELS: Record<QueueMode, string> = {
  push: "Push: the assignment job hands cases out",
  pull: "Pull: agents take the next case",
};
const MODE_OPTIONS = QUEUE_MODES.map((mode) => ({ value: mode, label: MODE_LABELS[mode] }));

/** One number per key (a term, a priority, a channel), side by side. */
function NumberRow<K extends string>({
  keys,
  labels,
  values,
  path,
  context,
  onChange,
}: {
  keys: readonly K[];
  labels: Readonly<Record<K, string>>;
  values: Readonly<Record<K, string>>;
  /** Where the server's errors about these numbers point: `weights`. */
  path: string;
  context: EditorContext;
  onChange: (values: Record<K, string>) => void;
}) {
  return (
    <div className="form-row">
      {keys.map((key) => (
        <TextField
          key={key}
          label={labels[key]}
          value={values[key]}
          inputMode="decimal"
          size={6}
          className="short-field"
          onChange={(value) => onChange({ ...values, [key]: value })}
          error={context.errors.within(pathOf(path, key))}
        />
      ))}
    </div>
  );
}

function QueueSettingsFields({
  draft,
  setDraft,
  context,
}: {
  draft: QueueSettingsDraft;
  setDraft: (update: (draft: QueueSettingsDraft) => QueueSettingsDraft) => void;
  context: EditorContext;
}) {
  const teamOptions = useTeamOptions();
  const { errors } = context;
  const set = (change: Partial<QueueSettingsDraft>) =>
    setDraft((current) => ({ ...current, ...change }));
  return (
    <>
      <section className="panel">
        <h2 className="panel-title">Priority score</h2>
        <p className="field-hint">
          score = 100 × Σ weight × term ÷ Σ weights: only the weights' ratios matter.
        </p>
        <h3 className="form-section-title">Weights</h3>
        <NumberRow
          keys={SCORE_TERMS}
          labels={SCORE_TERM_LABELS}
          values={draft.weights}
          path="weights"
          context={context}
          onChange={(weights) => set({ weights })}
        />
        <FieldError message={errors.at("weights")} />
        <div className="form-section">
          <h3 className="form-section-title">Urgency of each priority (0 to 1)</h3>
          <NumberRow
            keys={PRIORITIES}
            labels={PRIORITY_LABELS}
            values={draft.priorityValues}
            path="priorityValues"
            context={context}
            onChange={(priorityValues) => set({ priorityValues })}
          />
        </div>
        <div className="form-section">
          <div className="form-row">
            <TextField
              label="Age term full at (minutes)"
              value={draft.ageHorizonMinutes}
              inputMode="decimal"
              size={8}
              className="short-field"
              onChange={(ageHorizonMinutes) => set({ ageHorizonMinutes })}
              error={errors.within("ageHorizonMinutes")}
            />
            <TextField
              label="SLA risk full at (share of target)"
              value={draft.slaRiskCap}
              inputMode="decimal"
              size={6}
              className="short-field"
              onChange={(slaRiskCap) => set({ slaRiskCap })}
              error={errors.within("slaRiskCap")}
              hint="1.5: half past the due time."
            />
          </div>
        </div>
      </section>
      <section className="panel">
        <h2 className="panel-title">Customer value of each tier (0 to 1)</h2>
        <ListEditor
          items={draft.tierValues}
          update={(change) =>
            setDraft((current) => ({ ...current, tierValues: change(current.tierValues) }))
          }
          create={() => ({ tier: "", value: "0.5" })}
          addLabel="Add tier"
          readOnly={context.readOnly}
          error={errors.at("tierValues")}
          nested
        >
          {(row, controls) => (
            <div className="form-row" data-testid="tier-value">
              <TextField
                label="Tier"
                ariaLabel={`Tier ${controls.index + 1}`}
                value={row.tier}
                onChange={(tier) => controls.onChange({ ...row, tier })}
              />
              <TextField
                label="Value"
                ariaLabel={`Value of tier ${controls.index + 1}`}
                value={row.value}
                inputMode="decimal"
                size={6}
                className="short-field"
                onChange={(value) => controls.onChange({ ...row, value })}
                error={errors.within(pathOf("tierValues", row.tier.trim()))}
              />
              <RowRemoveButton
                ariaLabel={`Remove tier ${controls.index + 1}`}
                onClick={controls.onRemove}
                readOnly={context.readOnly}
              />
            </div>
          )}
        </ListEditor>
        <TextField
          label="Any other tier"
          value={draft.defaultTierValue}
          inputMode="decimal"
          size={6}
          className="short-field"
          onChange={(defaultTierValue) => set({ defaultTierValue })}
          error={errors.within("defaultTierValue")}
        />
      </section>
      <section className="panel">
        <h2 className="panel-title">Assignment</h2>
        <NumberRow
          keys={CHANNELS}
          labels={CHANNEL_LABELS}
          values={draft.defaultCapacity}
          path="defaultCapacity"
          context={context}
          onChange={(defaultCapacity) => set({ defaultCapacity })}
        />
        <span className="field-hint">
          Cases of each channel an agent works at once, unless their own capacity says otherwise.
        </span>
        <div className="form-section">
          <SelectField
            label="Cases go to agents by"
            value={draft.mode}
            options={MODE_OPTIONS}
            onChange={(mode) => set({ mode: mode === "push" ? "push" : "pull" })}
            error={errors.within("assignment.mode")}
          />
        </div>
        <div className="form-section">
          <h3 className="form-section-title">Teams that work the other way</h3>
          <ListEditor
            items={draft.perTeam}
            update={(change) =>
              setDraft((current) => ({ ...current, perTeam: change(current.perTeam) }))
            }
            create={(): QueueSettingsDraft["perTeam"][number] => ({
              team: "",
              mode: draft.mode === "push" ? "pull" : "push",
            })}
            addLabel="Add team"
            readOnly={context.readOnly}
            error={errors.at("assignment.perTeam")}
            nested
          >
            {(row, controls) => (
              <div className="form-row">
                <SelectField
                  label="Team"
                  ariaLabel={`Team ${controls.index + 1} working the other way`}
                  value={row.team}
                  options={teamOptions}
                  emptyLabel="Pick a team"
                  onChange={(team) => controls.onChange({ ...row, team })}
                  error={errors.within(pathOf("assignment.perTeam", row.team))}
                />
                <SelectField
                  label="Works by"
                  ariaLabel={`Mode of team ${controls.index + 1}`}
                  value={row.mode}
                  options={MODE_OPTIONS}
                  onChange={(mode) =>
                    controls.onChange({ ...row, mode: mode === "push" ? "push" : "pull" })
                  }
                />
                <RowRemoveButton
                  ariaLabel={`Remove team ${controls.index + 1}`}
                  onClick={controls.onRemove}
                  readOnly={context.readOnly}
                />
              </div>
            )}
          </ListEditor>
        </div>
      </section>
    </>
  );
}

function QueueSettingsEditor() {
  const editor = useSettingsEditor(SOURCE);
  return (
    <SettingsEditorFrame
      title="Queues"
      description="How the queue orders waiting cases (the priority score), how many cases an agent works at once, and whether cases are pushed to agents or pulled by them."
      noun="the queue settings"
      editor={editor}
    >
      {(draft, setDraft, context) => (
        <QueueSettingsFields draft={draft} setDraft={setDraft} context={context} />
      )}
    </SettingsEditorFrame>
  );
}

export function QueueSettingsPage() {
  return (
    <SettingsPage title="Queues">
      <QueueSettingsEditor />
    </SettingsPage>
  );
}

import { CHANNELS } from "../../../../src/modules/events/event.types.ts";
import { ApiError } from "../../api/client.ts";
import { getIntakeRules, saveIntakeRules } from "../../api/settings.ts";
import type { IntakeRule } from "../../api/settings-types.ts";
import {
  ListEditor,
  type ListItemControls,
  RemoveButton,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import { labelledOptions } from "../../components/filter-controls.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsItemPanel,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import {
  type SavedVersion,
  type SettingsSource,
  useSettingsEditor,
} from "../../hooks/use-settings-editor.ts";
import {
  draftToIntakeRule,
  type IntakeRuleDraft,
  intakeRuleToDraft,
  newIntakeRuleDraft,
} from "../../lib/intake-form.ts";
import { CHANNEL_LABELS } from "../../lib/labels.ts";
import { pathOf } from "../../lib/settings-errors.ts";

async function loadRules(signal?: AbortSignal): Promise<SavedVersion<IntakeRule[]>> {
  const { rules, ...version } = await getIntakeRules(signal);
  return { ...version, document: rules };
}

/**
 * PUT /intake-rules takes no base version, so the editor asks for the version in force first and
 * refuses, as a settings document would (409), to save over a newer one.
 */
async function saveRules(rules: IntakeRule[], baseVersion: number) {
  const current = await getIntakeRules();
  if (current.version !== baseVersion) {
    throw new ApiError(
      409,
      "intake.version_conflict",
      `the intake rules are at version ${current.version} now, not ${baseVersion}`,
      "body.rules",
    );
  }
  const { rules: saved, ...version } = await saveIntakeRules(rules);
  return { ...version, document: saved };
}

const SOURCE: SettingsSource<IntakeRule[], IntakeRuleDraft[]> = {
  load: loadRules,
  save: saveRules,
  toForm: (rules) => rules.map(intakeRuleToDraft),
  toDocument: (drafts) => drafts.map(draftToIntakeRule),
  fieldPrefix: "body.rules",
};

const CHANNEL_OPTIONS = labelledOptions(CHANNELS, CHANNEL_LABELS);

type PatternDraft = IntakeRuleDraft["patterns"][number];

function PatternRow({
  row,
  controls,
  ruleName,
  error,
}: {
  row: PatternDraft;
  controls: ListItemControls<PatternDraft>;
  ruleName: string;
  error: string | undefined;
}) {
  const { index, onChange, onRemove } = controls;
  return (
    <div className="span-item">
      <span className="span-inputs">
        <input
          value={row.field}
          placeholder="accountId"
          aria-label={`Field of pattern ${index + 1} of ${ruleName}`}
          onChange={(event) => onChange({ ...row, field: event.target.value })}
        />
        <span className="muted">must match</span>
        <input
          className="mono"
          value={row.pattern}
          placeholder="^ACC-\d+$"
          size={28}
          aria-label={`Pattern ${index + 1} of ${ruleName}`}
          aria-invalid={error !== undefined}
          onChange={(event) => onChange({ ...row, pattern: event.target.value })}
        />
        <RemoveButton
          ariaLabel={`Remove pattern ${index + 1} of ${ruleName}`}
          text="×"
          onClick={onRemove}
        />
      </span>
      <FieldError message={error} />
    </div>
  );
}

function RuleEditor({
  draft,
  controls,
  context,
}: {
  draft: IntakeRuleDraft;
  controls: ListItemControls<IntakeRuleDraft>;
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, onChange } = controls;
  const at = (...parts: (string | number)[]) => pathOf(index, ...parts);
  const name = `rule ${index + 1}`;
  return (
    <SettingsItemPanel
      testId="intake-rule-editor"
      title={`Rule ${index + 1}`}
      name={name}
      controls={controls}
      readOnly={context.readOnly}
      error={errors.at(at())}
    >
      <div className="form-row">
        <SelectField
          label="Channel"
          ariaLabel={`Channel of ${name}`}
          value={draft.channel}
          options={CHANNEL_OPTIONS}
          emptyLabel="Any channel"
          onChange={(channel) =>
            onChange({ ...draft, channel: channel as IntakeRuleDraft["channel"] })
          }
          error={errors.within(at("channel"))}
        />
        <TextField
          label="Top-level category"
          ariaLabel={`Category of ${name}`}
          value={draft.categoryTop}
          placeholder="Any category (or: billing)"
          onChange={(categoryTop) => onChange({ ...draft, categoryTop })}
          error={errors.within(at("categoryTop"))}
        />
        <TextField
          label="Required fields"
          ariaLabel={`Required fields of ${name}`}
          value={draft.requireText}
          placeholder="callbackNumber, accountId"
          onChange={(requireText) => onChange({ ...draft, requireText })}
          error={errors.within(at("require"))}
          hint="Case fields that must be present and not empty."
        />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Patterns</h3>
        <ListEditor
          items={draft.patterns}
          update={(change) => onChange({ ...draft, patterns: change(draft.patterns) })}
          create={() => ({ field: "", pattern: "" })}
          addLabel="Add pattern"
          readOnly={context.readOnly}
          error={errors.at(at("patterns"))}
          nested
        >
          {(row, rowControls) => (
            <PatternRow
              row={row}
              controls={rowControls}
              ruleName={name}
              error={errors.within(at("patterns", row.field.trim())) ?? undefined}
            />
          )}
        </ListEditor>
      </div>
    </SettingsItemPanel>
  );
}

function IntakeRulesEditor() {
  const editor = useSettingsEditor(SOURCE);
  return (
    <SettingsEditorFrame
      title="Intake rules"
      description="Fields a new case must carry, per channel and top-level category, and patterns their values must match. A case opened through the API that fails is rejected with every failing field named."
      noun="the intake rules"
      editor={editor}
    >
      {(drafts, setDrafts, context) => (
        <ListEditor
          items={drafts}
          update={setDrafts}
          create={() => newIntakeRuleDraft()}
          addLabel="Add rule"
          readOnly={context.readOnly}
          error={context.errors.at("")}
          empty="No rules: any case is accepted."
        >
          {(draft, controls) => <RuleEditor draft={draft} controls={controls} context={context} />}
        </ListEditor>
      )}
    </SettingsEditorFrame>
  );
}

export function IntakeRulesPage() {
  return (
    <SettingsPage title="Intake rules">
      <IntakeRulesEditor />
    </SettingsPage>
  );
}

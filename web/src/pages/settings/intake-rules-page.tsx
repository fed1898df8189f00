import { CHANNELS } from "../../../../src/modules/events/event.types.ts";
import { ApiError } from "../../api/client.ts";
import { getIntakeRules, saveIntakeRules } from "../../api/settings.ts";
import type { IntakeRule } from "../../api/settings-types.ts";
import {
  ItemActions,
  removeAt,
  replaceAt,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
} from "../../components/settings-editor-frame.tsx";
import { usePageTitle } from "../../hooks/use-page-title.ts";
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

const CHANNEL_OPTIONS = CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] }));

function RuleEditor({
  draft,
  index,
  count,
  context,
  onChange,
  onRemove,
}: {
  draft: IntakeRuleDraft;
  index: number;
  count: number;
  context: EditorContext;
  onChange: (draft: IntakeRuleDraft) => void;
  onRemove: () => void;
}) {
  const { errors } = context;
  const at = (...parts: (string | number)[]) => pathOf(index, ...parts);
  const name = `rule ${index + 1}`;
  return (
    <section className="panel settings-item" data-testid="intake-rule-editor">
      <div className="panel-heading">
        <h2 className="panel-title">Rule {index + 1}</h2>
        {context.readOnly ? null : (
          <ItemActions name={name} index={index} count={count} onRemove={onRemove} />
        )}
      </div>
      <FieldError message={errors.at(at())} />
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
        {draft.patterns.map((row, rowIndex) => {
          const error = errors.within(at("patterns", row.field.trim())) ?? undefined;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are keyed by place while their field is typed.
            <div className="span-item" key={rowIndex}>
              <span className="span-inputs">
                <input
                  value={row.field}
                  placeholder="accountId"
                  aria-label={`Field of pattern ${rowIndex + 1} of ${name}`}
                  onChange={(event) =>
                    onChange({
                      ...draft,
                      patterns: replaceAt(draft.patterns, rowIndex, {
                        ...row,
                        field: event.target.value,
                      }),
                    })
                  }
                />
                <span className="muted">must match</span>
                <input
                  className="mono"
                  value={row.pattern}
                  placeholder="^ACC-\d+$"
                  size={28}
                  aria-label={`Pattern ${rowIndex + 1} of ${name}`}
                  aria-invalid={error !== undefined}
                  onChange={(event) =>
                    onChange({
                      ...draft,
                      patterns: replaceAt(draft.patterns, rowIndex, {
                        ...row,
                        pattern: event.target.value,
                      }),
                    })
                  }
                />
                <button
                  type="button"
                  className="button button-small button-link"
                  aria-label={`Remove pattern ${rowIndex + 1} of ${name}`}
                  onClick={() =>
                    onChange({ ...draft, patterns: removeAt(draft.patterns, rowIndex) })
                  }
                >
                  ×
                </button>
              </span>
              <FieldError message={error} />
            </div>
          );
        })}
        <FieldError message={errors.at(at("patterns"))} />
        {context.readOnly ? null : (
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              onChange({ ...draft, patterns: [...draft.patterns, { field: "", pattern: "" }] })
            }
          >
            Add pattern
          </button>
        )}
      </div>
    </section>
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
        <>
          {drafts.length === 0 ? <p className="muted">No rules: any case is accepted.</p> : null}
          <FieldError message={context.errors.at("")} />
          {drafts.map((draft, index) => (
            <RuleEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id; their place is their identity.
              key={index}
              draft={draft}
              index={index}
              count={drafts.length}
              context={context}
              onChange={(next) => setDrafts((current) => replaceAt(current, index, next))}
              onRemove={() => setDrafts((current) => removeAt(current, index))}
            />
          ))}
          {context.readOnly ? null : (
            <div>
              <button
                type="button"
                className="button"
                onClick={() => setDrafts((current) => [...current, newIntakeRuleDraft()])}
              >
                Add rule
              </button>
            </div>
          )}
        </>
      )}
    </SettingsEditorFrame>
  );
}

export function IntakeRulesPage() {
  usePageTitle("Intake rules");
  return (
    <RequirePermission anyOf={["settings:read"]} title="Intake rules">
      <IntakeRulesEditor />
    </RequirePermission>
  );
}

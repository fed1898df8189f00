import { getSettings, saveSettings } from "../../api/settings.ts";
import {
  ESCALATION_ACTIONS,
  ESCALATION_TRIGGERS,
  type EscalationAction,
  type EscalationPoliciesDocument,
  type EscalationTrigger,
  RECIPIENT_KINDS,
  type RecipientKind,
  type TimeKind,
} from "../../api/settings-types.ts";
import { useDirectory } from "../../components/directory-provider.tsx";
import {
  CheckChips,
  ItemActions,
  removeAt,
  replaceAt,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import type { SelectOption } from "../../components/filter-controls.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
} from "../../components/settings-editor-frame.tsx";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { type SettingsSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import {
  draftToEscalationPolicies,
  type EscalationPolicyDraft,
  escalationPoliciesToDraft,
  newEscalationPolicyDraft,
  newStepDraft,
  recipientValueKind,
  type StepDraft,
} from "../../lib/escalation-form.ts";
import { pathOf } from "../../lib/settings-errors.ts";
import { moveItem } from "../../lib/sla-policy-form.ts";
import {
  PRIORITY_CHOICES,
  ROLE_OPTIONS,
  TIME_KIND_OPTIONS,
  useCalendarOptions,
} from "./settings-options.ts";

const SOURCE: SettingsSource<EscalationPoliciesDocument, EscalationPolicyDraft[]> = {
  load: (signal) => getSettings("escalation-policies", signal),
  save: (document, baseVersion) => saveSettings("escalation-policies", document, baseVersion),
  toForm: escalationPoliciesToDraft,
  toDocument: draftToEscalationPolicies,
  fieldPrefix: "body.document",
};

const TRIGGER_LABELS: Record<EscalationTrigger, string> = {
  at_risk: "At risk",
  breached: "Breached",
};
const ACTION_LABELS: Record<EscalationAction, string> = {
  notify: "Notify",
  escalate: "Escalate",
};
const RECIPIENT_LABELS: Record<RecipientKind, string> = {
  team_lead: "Team leads of the case's team",
  manager: "Ops managers covering the case",
  role: "Everyone with a role",
  user: "One user",
  team: "Another team",
};

const TRIGGER_OPTIONS = ESCALATION_TRIGGERS.map((value) => ({
  value,
  label: TRIGGER_LABELS[value],
}));
const ACTION_OPTIONS = ESCALATION_ACTIONS.map((value) => ({ value, label: ACTION_LABELS[value] }));
const RECIPIENT_OPTIONS = RECIPIENT_KINDS.map((value) => ({
  value,
  label: RECIPIENT_LABELS[value],
}));

function StepRow({
  step,
  stepIndex,
  count,
  path,
  policyName,
  teamOptions,
  context,
  onChange,
  onRemove,
}: {
  step: StepDraft;
  stepIndex: number;
  count: number;
  path: string;
  policyName: string;
  teamOptions: SelectOption[];
  context: EditorContext;
  onChange: (step: StepDraft) => void;
  onRemove: () => void;
}) {
  const { errors } = context;
  const name = `step ${stepIndex + 1} of ${policyName}`;
  const valueKind = recipientValueKind(step.toKind);
  return (
    <div className="step-row" data-testid="escalation-step">
      <span className="position-tag">{stepIndex + 1}</span>
      <SelectField
        label="When"
        ariaLabel={`Trigger of ${name}`}
        value={step.trigger}
        options={TRIGGER_OPTIONS}
        onChange={(trigger) => onChange({ ...step, trigger: trigger as EscalationTrigger })}
        error={errors.within(pathOf(path, "trigger"))}
      />
      <TextField
        label="After (minutes)"
        ariaLabel={`Minutes after the trigger of ${name}`}
        value={step.afterMinutes}
        inputMode="numeric"
        size={6}
        onChange={(afterMinutes) => onChange({ ...step, afterMinutes })}
        error={errors.within(pathOf(path, "afterMinutes"))}
      />
      <SelectField
        label="Counted in"
        ariaLabel={`Time of ${name}`}
        value={step.time}
        options={TIME_KIND_OPTIONS}
        onChange={(time) => onChange({ ...step, time: time as TimeKind })}
        error={errors.within(pathOf(path, "time"))}
      />
      <SelectField
        label="Action"
        ariaLabel={`Action of ${name}`}
        value={step.action}
        options={ACTION_OPTIONS}
        onChange={(action) =>
          onChange({
            ...step,
            action: action as EscalationAction,
            level: action === "escalate" && step.level === "" ? "1" : step.level,
          })
        }
        error={errors.within(pathOf(path, "action"))}
      />
      {step.action === "escalate" ? (
        <TextField
          label="To level"
          ariaLabel={`Level of ${name}`}
          value={step.level}
          inputMode="numeric"
          size={3}
          onChange={(level) => onChange({ ...step, level })}
          error={errors.within(pathOf(path, "level"))}
        />
      ) : null}
      <SelectField
        label="Who"
        ariaLabel={`Recipient of ${name}`}
        value={step.toKind}
        options={RECIPIENT_OPTIONS}
        onChange={(toKind) => onChange({ ...step, toKind: toKind as RecipientKind, toValue: "" })}
        error={valueKind === null ? errors.within(pathOf(path, "to")) : undefined}
      />
      {valueKind === "role" ? (
        <SelectField
          label="Role"
          ariaLabel={`Role of ${name}`}
          value={step.toValue}
          options={ROLE_OPTIONS}
          emptyLabel="Pick a role"
          onChange={(toValue) => onChange({ ...step, toValue })}
          error={errors.within(pathOf(path, "to"))}
        />
      ) : null}
      {valueKind === "team" ? (
        <SelectField
          label="Team"
          ariaLabel={`Team of ${name}`}
          value={step.toValue}
          options={teamOptions}
          emptyLabel="Pick a team"
          onChange={(toValue) => onChange({ ...step, toValue })}
          error={errors.within(pathOf(path, "to"))}
        />
      ) : null}
      {valueKind === "user" ? (
        <TextField
          label="User id"
          ariaLabel={`User of ${name}`}
          value={step.toValue}
          onChange={(toValue) => onChange({ ...step, toValue })}
          error={errors.within(pathOf(path, "to"))}
          hint="As listed under Governance → Users."
        />
      ) : null}
      {context.readOnly ? null : (
        <ItemActions name={name} index={stepIndex} count={count} onRemove={onRemove} />
      )}
      <FieldError message={errors.at(path)} />
    </div>
  );
}

function EscalationPolicyEditor({
  draft,
  index,
  count,
  calendars,
  context,
  onChange,
  onMove,
  onRemove,
}: {
  draft: EscalationPolicyDraft;
  index: number;
  count: number;
  calendars: SelectOption[];
  context: EditorContext;
  onChange: (draft: EscalationPolicyDraft) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}) {
  const directory = useDirectory();
  const { errors } = context;
  const at = (...parts: (string | number)[]) => pathOf("policies", index, ...parts);
  const name = draft.name === "" ? `escalation policy ${index + 1}` : draft.name;
  const teamOptions = directory.teams.map((team) => ({ value: team.id, label: team.name }));
  return (
    <section className="panel settings-item" data-testid="escalation-policy-editor">
      <div className="panel-heading">
        <h2 className="panel-title">
          <span className="position-tag">{index + 1}</span>
          {draft.name === "" ? "New escalation policy" : draft.name}
        </h2>
        {context.readOnly ? null : (
          <ItemActions
            name={name}
            index={index}
            count={count}
            onMove={onMove}
            onRemove={onRemove}
          />
        )}
      </div>
      <FieldError message={errors.at(at())} />
      <div className="form-row">
        <TextField
          label="Id"
          ariaLabel={`Id of ${name}`}
          value={draft.id}
          onChange={(id) => onChange({ ...draft, id })}
          error={errors.within(at("id"))}
        />
        <TextField
          label="Name"
          ariaLabel={`Name of ${name}`}
          value={draft.name}
          onChange={(value) => onChange({ ...draft, name: value })}
          error={errors.within(at("name"))}
        />
        <SelectField
          label="Calendar"
          ariaLabel={`Calendar of ${name}`}
          value={draft.calendarId}
          options={calendars}
          emptyLabel="No calendar (calendar time only)"
          onChange={(calendarId) => onChange({ ...draft, calendarId })}
          error={errors.within(at("calendarId"))}
        />
      </div>
      <div className="form-row">
        <TextField
          label="Customer tiers (empty: any)"
          ariaLabel={`Tiers of ${name}`}
          value={draft.tiersText}
          placeholder="platinum, gold"
          onChange={(tiersText) => onChange({ ...draft, tiersText })}
          error={errors.within(at("conditions", "tiers"))}
        />
        <CheckChips
          legend="Priorities (none: any)"
          options={PRIORITY_CHOICES}
          value={draft.priorities}
          onChange={(priorities) => onChange({ ...draft, priorities })}
          error={errors.within(at("conditions", "priorities"))}
        />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Steps</h3>
        <p className="field-hint">
          At-risk steps first, then breach steps, each by minutes after the SLA turned. Notify keeps
          the case's escalation level; escalate raises it.
        </p>
        {draft.steps.map((step, stepIndex) => (
          <StepRow
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; their place is their identity.
            key={stepIndex}
            step={step}
            stepIndex={stepIndex}
            count={draft.steps.length}
            path={at("steps", stepIndex)}
            policyName={name}
            teamOptions={teamOptions}
            context={context}
            onChange={(next) =>
              onChange({ ...draft, steps: replaceAt(draft.steps, stepIndex, next) })
            }
            onRemove={() => onChange({ ...draft, steps: removeAt(draft.steps, stepIndex) })}
          />
        ))}
        <FieldError message={errors.at(at("steps"))} />
        {context.readOnly ? null : (
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              onChange({ ...draft, steps: [...draft.steps, newStepDraft(draft.steps.at(-1))] })
            }
          >
            Add step
          </button>
        )}
      </div>
    </section>
  );
}

function EscalationPoliciesEditor() {
  const editor = useSettingsEditor(SOURCE);
  const calendars = useCalendarOptions();
  return (
    <SettingsEditorFrame
      title="Escalation policies"
      description="What happens when a case's SLA is at risk or breached: who is notified, and when its escalation level rises. The first policy whose conditions a case meets applies; every step that fires is an event, delivered in the app and by webhook."
      noun="the escalation policies"
      editor={editor}
    >
      {(drafts, setDrafts, context) => (
        <>
          {drafts.length === 0 ? (
            <p className="muted">No escalation policies: breaches notify nobody.</p>
          ) : null}
          <FieldError message={context.errors.at("policies")} />
          {drafts.map((draft, index) => (
            <EscalationPolicyEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: ids are edited too; the place is the identity.
              key={index}
              draft={draft}
              index={index}
              count={drafts.length}
              calendars={calendars}
              context={context}
              onChange={(next) => setDrafts((current) => replaceAt(current, index, next))}
              onMove={(step) => setDrafts((current) => moveItem(current, index, step))}
              onRemove={() => setDrafts((current) => removeAt(current, index))}
            />
          ))}
          {context.readOnly ? null : (
            <div>
              <button
                type="button"
                className="button"
                onClick={() =>
                  setDrafts((current) => [
                    ...current,
                    newEscalationPolicyDraft(
                      current.map((item) => item.id),
                      calendars[0]?.value ?? "",
                    ),
                  ])
                }
              >
                Add escalation policy
              </button>
            </div>
          )}
        </>
      )}
    </SettingsEditorFrame>
  );
}

export function EscalationPoliciesPage() {
  usePageTitle("Escalation policies");
  return (
    <RequirePermission anyOf={["settings:read"]} title="Escalation policies">
      <EscalationPoliciesEditor />
    </RequirePermission>
  );
}

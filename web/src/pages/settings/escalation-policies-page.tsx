import {
  ESCALATION_ACTIONS,
  ESCALATION_TRIGGERS,
  type EscalationAction,
  type EscalationTrigger,
  RECIPIENT_KINDS,
  type RecipientKind,
  type TimeKind,
} from "../../api/settings-types.ts";
import { useTeamOptions } from "../../components/directory-provider.tsx";
import {
  CheckChips,
  IdAndNameFields,
  ItemActions,
  ListEditor,
  type ListItemControls,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import { labelledOptions, type SelectOption } from "../../components/filter-controls.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsItemPanel,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import { documentSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
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
import { CalendarField } from "./calendar-field.tsx";
import {
  PRIORITY_CHOICES,
  ROLE_OPTIONS,
  TIME_KIND_OPTIONS,
  useCalendarOptions,
} from "./settings-options.ts";

const SOURCE = documentSource<"escalation-policies", EscalationPolicyDraft[]>(
  "escalation-policies",
  { toForm: escalationPoliciesToDraft, toDocument: draftToEscalationPolicies },
);

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

const TRIGGER_OPTIONS = labelledOptions(ESCALATION_TRIGGERS, TRIGGER_LABELS);
const ACTION_OPTIONS = labelledOptions(ESCALATION_ACTIONS, ACTION_LABELS);
const RECIPIENT_OPTIONS = labelledOptions(RECIPIENT_KINDS, RECIPIENT_LABELS);

function StepRow({
  step,
  controls,
  path,
  policyName,
  teamOptions,
  context,
}: {
  step: StepDraft;
  controls: ListItemControls<StepDraft>;
  path: string;
  policyName: string;
  teamOptions: SelectOption[];
  context: EditorContext;
}) {
  const { index: stepIndex, count, onChange, onRemove } = controls;
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
  controls,
  calendars,
  context,
}: {
  draft: EscalationPolicyDraft;
  controls: ListItemControls<EscalationPolicyDraft>;
  calendars: SelectOption[];
  context: EditorContext;
}) {
  const teamOptions = useTeamOptions();
  const { errors } = context;
  const { index, onChange } = controls;
  const at = (...parts: (string | number)[]) => pathOf("policies", index, ...parts);
  const name = draft.name === "" ? `escalation policy ${index + 1}` : draft.name;
  return (
    <SettingsItemPanel
      testId="escalation-policy-editor"
      title={draft.name === "" ? "New escalation policy" : draft.name}
      numbered
      name={name}
      controls={controls}
      readOnly={context.readOnly}
      error={errors.at(at())}
    >
      <div className="form-row">
        <IdAndNameFields of={name} item={draft} onChange={onChange} errors={errors} path={at()} />
        <CalendarField
          of={name}
          item={draft}
          calendars={calendars}
          onChange={onChange}
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
        <ListEditor
          items={draft.steps}
          update={(change) => onChange({ ...draft, steps: change(draft.steps) })}
          create={(steps) => newStepDraft(steps.at(-1))}
          addLabel="Add step"
          readOnly={context.readOnly}
          error={errors.at(at("steps"))}
          nested
        >
          {(step, stepControls) => (
            <StepRow
              step={step}
              controls={stepControls}
              path={at("steps", stepControls.index)}
              policyName={name}
              teamOptions={teamOptions}
              context={context}
            />
          )}
        </ListEditor>
      </div>
    </SettingsItemPanel>
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
        <ListEditor
          items={drafts}
          update={setDrafts}
          create={(current) =>
            newEscalationPolicyDraft(
              current.map((item) => item.id),
              calendars[0]?.value ?? "",
            )
          }
          addLabel="Add escalation policy"
          readOnly={context.readOnly}
          error={context.errors.at("policies")}
          empty="No escalation policies: breaches notify nobody."
          movable
        >
          {(draft, controls) => (
            <EscalationPolicyEditor
              draft={draft}
              controls={controls}
              calendars={calendars}
              context={context}
            />
          )}
        </ListEditor>
      )}
    </SettingsEditorFrame>
  );
}

export function EscalationPoliciesPage() {
  return (
    <SettingsPage title="Escalation policies">
      <EscalationPoliciesEditor />
    </SettingsPage>
  );
}

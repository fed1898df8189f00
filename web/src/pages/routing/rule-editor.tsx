import { useState } from "react";
import { useDirectory, useTeamOptions } from "../../components/directory-provider.tsx";
import {
  CheckboxField,
  IdAndNameFields,
  ListEditor,
  type ListItemControls,
  RowRemoveButton,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import { type EditorContext, SettingsItemPanel } from "../../components/settings-editor-frame.tsx";
import { TagListInput } from "../../components/tag-list-input.tsx";
import {
  type ActionsDraft,
  draftToRule,
  newConditionDraft,
  type RuleDraft,
  SKILL_LEVELS,
  type SkillDraft,
} from "../../lib/routing-form.ts";
import {
  describeActions,
  describeCondition,
  PRIORITY_CHANGE_OPTIONS,
} from "../../lib/routing-text.ts";
import { pathOf } from "../../lib/settings-errors.ts";
import { ConditionRow } from "./condition-editor.tsx";

const MATCH_OPTIONS = [
  { value: "all", label: "Every condition holds" },
  { value: "any", label: "Any condition holds" },
];

const LEVEL_OPTIONS = SKILL_LEVELS.map((level) => ({
  value: String(level),
  label: `${level}${level === 1 ? " (basic)" : level === SKILL_LEVELS.at(-1) ? " (expert)" : ""}`,
}));

function SkillRow({
  skill,
  controls,
  path,
  ruleName,
  context,
}: {
  skill: SkillDraft;
  controls: ListItemControls<SkillDraft>;
  path: string;
  ruleName: string;
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, onChange, onRemove } = controls;
  const name = `required skill ${index + 1} of ${ruleName}`;
  return (
    <div className="form-row skill-row" data-testid="skill-editor">
      <TextField
        label="Skill"
        ariaLabel={`Skill of ${name}`}
        value={skill.skill}
        placeholder="billing"
        onChange={(value) => onChange({ ...skill, skill: value })}
        error={errors.within(pathOf(path, "skill"))}
      />
      <SelectField
        label="At least level"
        ariaLabel={`Level of ${name}`}
        value={String(skill.level)}
        options={LEVEL_OPTIONS}
        onChange={(level) => onChange({ ...skill, level: Number(level) })}
        error={errors.within(pathOf(path, "level"))}
      />
      <RowRemoveButton
        ariaLabel={`Remove ${name}`}
        onClick={onRemove}
        readOnly={context.readOnly}
      />
    </div>
  );
}

function ActionsEditor({
  actions,
  path,
  ruleName,
  context,
  onChange,
}: {
  actions: ActionsDraft;
  /** `rules.3.actions` */
  path: string;
  ruleName: string;
  context: EditorContext;
  onChange: (actions: ActionsDraft) => void;
}) {
  const teamOptions = useTeamOptions();
  const { errors } = context;
  const at = (...parts: (string | number)[]) => pathOf(path, ...parts);
  return (
    <div className="form-section">
      <h3 className="form-section-title">Then</h3>
      <FieldError message={errors.at(path)} />
      <div className="form-row">
        <SelectField
          label="Team"
          ariaLabel={`Team set by ${ruleName}`}
          value={actions.setTeam}
          options={teamOptions}
          emptyLabel="Leave the team"
          onChange={(setTeam) => onChange({ ...actions, setTeam })}
          error={errors.within(at("setTeam"))}
        />
        <TextField
          label="Queue"
          ariaLabel={`Queue set by ${ruleName}`}
          value={actions.setQueue}
          placeholder="None"
          onChange={(setQueue) => onChange({ ...actions, setQueue })}
          error={errors.within(at("setQueue"))}
          hint="A named queue inside the team."
        />
        <SelectField
          label="Priority"
          ariaLabel={`Priority change of ${ruleName}`}
          value={actions.priority}
          options={PRIORITY_CHANGE_OPTIONS}
          emptyLabel="Keep the priority"
          onChange={(priority) => onChange({ ...actions, priority })}
          error={errors.within(at("setPriority")) ?? errors.within(at("raisePriority"))}
        />
        <TagListInput
          label="Add tags"
          ariaLabel={`Tags added by ${ruleName}`}
          values={actions.addTags}
          placeholder="vip"
          onChange={(addTags) => onChange({ ...actions, addTags })}
          error={errors.within(at("addTags"))}
        />
      </div>
      <h3 className="form-section-title">Required skills</h3>
      <ListEditor
        items={actions.requireSkills}
        update={(change) => onChange({ ...actions, requireSkills: change(actions.requireSkills) })}
        create={() => ({ skill: "", level: 2 })}
        addLabel="Add required skill"
        readOnly={context.readOnly}
        error={errors.at(at("requireSkills"))}
        empty="None: any agent of the team can take the case."
        nested
      >
        {(skill, controls) => (
          <SkillRow
            skill={skill}
            controls={controls}
            path={at("requireSkills", controls.index)}
            ruleName={ruleName}
            context={context}
          />
        )}
      </ListEditor>
    </div>
  );
}

/** The rule in one line, for the folded panel: "If … and … → team Billing · tags vip". */
function RuleSummary({ rule }: { rule: RuleDraft }) {
  const directory = useDirectory();
  const document = draftToRule(rule);
  const conditions = document.conditions.map((condition) =>
    describeCondition(condition, directory.teamName),
  );
  const actions = describeActions(document.actions, directory.teamName);
  const joiner = rule.match === "all" ? " and " : " or ";
  return (
    <p className="rule-summary" data-testid="rule-summary">
      <span className="muted">If </span>
      {conditions.length === 0 ? "always" : conditions.join(joiner)}
      <span className="muted"> → </span>
      {actions.length === 0 ? <span className="muted">nothing</span> : actions.join(" · ")}
      {rule.stop ? <span className="muted">, then stop</span> : null}
    </p>
  );
}

function RuleFields({
  rule,
  path,
  name,
  context,
  onChange,
}: {
  rule: RuleDraft;
  path: string;
  name: string;
  context: EditorContext;
  onChange: (rule: RuleDraft) => void;
}) {
  const { errors } = context;
  const at = (...parts: (string | number)[]) => pathOf(path, ...parts);
  return (
    <>
      <div className="form-row">
        <IdAndNameFields
          of={name}
          item={rule}
          onChange={onChange}
          errors={errors}
          path={path}
          idHint="Named in events and reports."
        />
        <SelectField
          label="Fires when"
          ariaLabel={`Match of ${name}`}
          value={rule.match}
          options={MATCH_OPTIONS}
          onChange={(match) => onChange({ ...rule, match: match === "any" ? "any" : "all" })}
          error={errors.within(at("match"))}
        />
        <CheckboxField
          label="Enabled"
          checked={rule.enabled}
          onChange={(enabled) => onChange({ ...rule, enabled })}
          error={errors.within(at("enabled"))}
        />
        <CheckboxField
          label="Stop here when it fires"
          checked={rule.stop}
          onChange={(stop) => onChange({ ...rule, stop })}
          error={errors.within(at("stop"))}
        />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">If</h3>
        <ListEditor
          items={rule.conditions}
          update={(change) => onChange({ ...rule, conditions: change(rule.conditions) })}
          create={newConditionDraft}
          addLabel="Add condition"
          readOnly={context.readOnly}
          error={errors.at(at("conditions"))}
          empty="No conditions: the rule always fires."
          nested
        >
          {(condition, controls) => (
            <ConditionRow
              condition={condition}
              controls={controls}
              path={at("conditions", controls.index)}
              ruleName={name}
              errors={errors}
              readOnly={context.readOnly}
            />
          )}
        </ListEditor>
      </div>
      <ActionsEditor
        actions={rule.actions}
        path={at("actions")}
        ruleName={name}
        context={context}
        onChange={(actions) => onChange({ ...rule, actions })}
      />
    </>
  );
}

/**
 * One rule of the ordered list: folded to its summary, unfolded to edit it. A rule the server
 * complains about stays unfolded so that the complaint is seen at its input.
 */
export function RuleEditor({
  rule,
  controls,
  context,
}: {
  rule: RuleDraft;
  controls: ListItemControls<RuleDraft>;
  context: EditorContext;
}) {
  const { index, onChange } = controls;
  const path = pathOf("rules", index);
  const [open, setOpen] = useState(rule.name === "");
  const hasError = context.errors.within(path) !== undefined;
  const unfolded = open || hasError;
  const name = `rule ${index + 1}`;
  return (
    <SettingsItemPanel
      testId="routing-rule-editor"
      dataAttributes={{
        "data-rule-id": rule.id,
        "data-enabled": String(rule.enabled),
        "data-open": String(unfolded),
      }}
      heading={
        <h2 className="panel-title rule-heading">
          <span className="position-tag">{index + 1}</span>
          <button
            type="button"
            className="link-button rule-toggle"
            aria-expanded={unfolded}
            aria-label={`${unfolded ? "Fold" : "Edit"} ${name}`}
            onClick={() => setOpen(!unfolded)}
          >
            {rule.name === "" ? "New rule" : rule.name}
          </button>
          <span className="mono muted">{rule.id}</span>
          {rule.enabled ? null : <span className="badge rule-off">Off</span>}
          {rule.stop ? <span className="badge rule-stop">Stops</span> : null}
        </h2>
      }
      name={name}
      controls={controls}
      readOnly={context.readOnly}
      error={context.errors.at(path)}
    >
      {unfolded ? (
        <RuleFields rule={rule} path={path} name={name} context={context} onChange={onChange} />
      ) : (
        <RuleSummary rule={rule} />
      )}
    </SettingsItemPanel>
  );
}

import type { ConditionOp, RoutingField } from "../../../../src/modules/routing/routing-rules.ts";
import { useTeamOptions } from "../../components/directory-provider.tsx";
import {
  CheckChips,
  type ListItemControls,
  RowRemoveButton,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import type { SelectOption } from "../../components/filter-controls.tsx";
import { TagListInput } from "../../components/tag-list-input.tsx";
import {
  CHANNEL_LABELS,
  CONDITION_OP_LABELS,
  labelOf,
  PRIORITY_LABELS,
  ROUTING_FIELD_LABELS,
} from "../../lib/labels.ts";
import {
  type ConditionDraft,
  changeConditionField,
  changeConditionOp,
  opsForField,
  ROUTING_FIELD_NAMES,
  valueInputOf,
} from "../../lib/routing-form.ts";
import type { FieldErrors } from "../../lib/settings-errors.ts";
import { pathOf } from "../../lib/settings-errors.ts";

const FIELD_OPTIONS: SelectOption[] = ROUTING_FIELD_NAMES.map((field) => ({
  value: field,
  label: `${ROUTING_FIELD_LABELS[field]} (${field})`,
}));

function enumLabelOf(field: RoutingField, value: string): string {
  return labelOf(field === "case.channel" ? CHANNEL_LABELS : PRIORITY_LABELS, value);
}

/** The value of a condition, edited with the input its field and op call for. */
function ConditionValueInput({
  condition,
  name,
  error,
  onChange,
}: {
  condition: ConditionDraft;
  /** "condition 2 of rule 3", for the input's accessible name. */
  name: string;
  error: string | undefined;
  onChange: (condition: ConditionDraft) => void;
}) {
  const teamOptions = useTeamOptions();
  const input = valueInputOf(condition.field, condition.op);
  const ariaLabel = `Value of ${name}`;
  const setText = (text: string) => onChange({ ...condition, text });
  const setList = (list: string[]) => onChange({ ...condition, list });
  switch (input.kind) {
    case "none":
      return (
        <div className="form-field condition-no-value">
          <span className="muted">No value to compare</span>
          <FieldError message={error} />
        </div>
      );
    case "number":
      return (
        <TextField
          label="Value"
          ariaLabel={ariaLabel}
          value={condition.text}
          inputMode="decimal"
          size={6}
          className="condition-number"
          onChange={setText}
          error={error}
        />
      );
    case "choice":
      return (
        <SelectField
          label="Value"
          ariaLabel={ariaLabel}
          value={condition.text}
          options={input.options.map((value) => ({
            value,
            label: enumLabelOf(condition.field, value),
          }))}
          emptyLabel="Pick one"
          onChange={setText}
          error={error}
        />
      );
    case "choices":
      return (
        <CheckChips
          legend="Values"
          options={input.options.map((value) => ({
            value,
            label: enumLabelOf(condition.field, value),
          }))}
          value={condition.list}
          onChange={setList}
          error={error}
        />
      );
    case "team":
      return (
        <SelectField
          label="Team"
          ariaLabel={ariaLabel}
          value={condition.text}
          options={teamOptions}
          emptyLabel="Pick a team"
          onChange={setText}
          error={error}
        />
      );
    case "teams":
      return (
        <CheckChips
          legend="Teams"
          options={teamOptions}
          value={condition.list}
          onChange={setList}
          error={error}
        />
      );
    case "pattern":
      return (
        <TextField
          label="Pattern"
          ariaLabel={ariaLabel}
          value={condition.text}
          placeholder="^re:\s"
          className="condition-pattern"
          onChange={setText}
          error={error}
          hint="A JavaScript regular expression; case is ignored."
        />
      );
    case "text":
      return (
        <TextField
          label="Value"
          ariaLabel={ariaLabel}
          value={condition.text}
          onChange={setText}
          error={error}
        />
      );
    case "list":
      return (
        <TagListInput
          label={condition.op === "contains_any" ? "Words" : "Values"}
          ariaLabel={ariaLabel}
          values={condition.list}
          onChange={setList}
          placeholder={condition.op === "contains_any" ? "refund, money back" : "gold, platinum"}
          error={error}
          hint={
            condition.op === "contains_any"
              ? "Whole words or phrases; Enter or a comma adds one."
              : "Enter or a comma adds one."
          }
        />
      );
  }
}

/** One condition of a rule: field, op, value, each with the server's complaint about it. */
export function ConditionRow({
  condition,
  controls,
  path,
  ruleName,
  errors,
  readOnly,
}: {
  condition: ConditionDraft;
  controls: ListItemControls<ConditionDraft>;
  /** The condition's path in the document: `rules.3.conditions.0`. */
  path: string;
  ruleName: string;
  errors: FieldErrors;
  readOnly: boolean;
}) {
  const { index, onChange, onRemove } = controls;
  const name = `condition ${index + 1} of ${ruleName}`;
  const ops = opsForField(condition.field);
  return (
    <div
      className="form-row condition-row"
      data-testid="condition-editor"
      data-field={condition.field}
      data-op={condition.op}
    >
      <SelectField
        label="Field"
        ariaLabel={`Field of ${name}`}
        value={condition.field}
        options={FIELD_OPTIONS}
        onChange={(field) => onChange(changeConditionField(condition, field as RoutingField))}
        error={errors.within(pathOf(path, "field"))}
      />
      <SelectField
        label="Test"
        ariaLabel={`Test of ${name}`}
        value={condition.op}
        options={ops.map((op) => ({ value: op, label: CONDITION_OP_LABELS[op] }))}
        onChange={(op) => onChange(changeConditionOp(condition, op as ConditionOp))}
        error={errors.within(pathOf(path, "op"))}
      />
      <ConditionValueInput
        condition={condition}
        name={name}
        error={errors.within(pathOf(path, "value"))}
        onChange={onChange}
      />
      <RowRemoveButton ariaLabel={`Remove ${name}`} onClick={onRemove} readOnly={readOnly} />
      <FieldError message={errors.at(path)} />
    </div>
  );
}

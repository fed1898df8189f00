import type { HandoffType } from "../../api/settings-types.ts";
import { useDirectory, useTeamOptions } from "../../components/directory-provider.tsx";
import {
  CheckboxField,
  IdAndNameFields,
  ItemActions,
  ListEditor,
  type ListItemControls,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsItemPanel,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import { documentSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { uniqueId } from "../../lib/calendar-form.ts";
import { pathOf } from "../../lib/settings-errors.ts";

/** The document is edited as it is: its fields are all text and flags. */
const SOURCE = documentSource("handoff-types");

type ChecklistItem = HandoffType["checklist"][number];

function ChecklistItemRow({
  item,
  controls,
  path,
  typeName,
  context,
}: {
  item: ChecklistItem;
  controls: ListItemControls<ChecklistItem>;
  path: string;
  typeName: string;
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, count, onChange, onRemove } = controls;
  const itemName = `item ${index + 1} of ${typeName}`;
  return (
    <div className="form-row checklist-row" data-testid="checklist-item-editor">
      <TextField
        label="Id"
        ariaLabel={`Id of ${itemName}`}
        value={item.id}
        placeholder="logs-attached"
        onChange={(id) => onChange({ ...item, id })}
        error={errors.within(pathOf(path, "id"))}
      />
      <TextField
        label="Label"
        ariaLabel={`Label of ${itemName}`}
        value={item.label}
        onChange={(label) => onChange({ ...item, label })}
        error={errors.within(pathOf(path, "label"))}
      />
      <CheckboxField
        label="Required"
        checked={item.required}
        onChange={(required) => onChange({ ...item, required })}
      />
      {context.readOnly ? null : (
        <ItemActions name={itemName} index={index} count={count} onRemove={onRemove} />
      )}
      <FieldError message={errors.at(path)} />
    </div>
  );
}

function HandoffTypeEditor({
  type,
  controls,
  context,
}: {
  type: HandoffType;
  controls: ListItemControls<HandoffType>;
  context: EditorContext;
}) {
  const directory = useDirectory();
  const teamOptions = useTeamOptions();
  const { errors } = context;
  const { index, onChange } = controls;
  const at = (...parts: (string | number)[]) => pathOf("types", index, ...parts);
  const name = type.name === "" ? `handoff type ${index + 1}` : type.name;
  return (
    <SettingsItemPanel
      testId="handoff-type-editor"
      title={
        <>
          {type.name === "" ? "New handoff type" : type.name}
          <span className="muted pair-label">
            {" "}
            {directory.teamName(type.from)} → {directory.teamName(type.to)}
          </span>
        </>
      }
      name={name}
      controls={controls}
      readOnly={context.readOnly}
      error={errors.at(at())}
    >
      <div className="form-row">
        <IdAndNameFields of={name} item={type} onChange={onChange} errors={errors} path={at()} />
        <SelectField
          label="From team"
          ariaLabel={`From team of ${name}`}
          value={type.from}
          options={teamOptions}
          emptyLabel="Pick a team"
          onChange={(from) => onChange({ ...type, from })}
          error={errors.within(at("from"))}
        />
        <SelectField
          label="To team"
          ariaLabel={`To team of ${name}`}
          value={type.to}
          options={teamOptions}
          emptyLabel="Pick a team"
          onChange={(to) => onChange({ ...type, to })}
          error={errors.within(at("to"))}
        />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Checklist</h3>
        <ListEditor
          items={type.checklist}
          update={(change) => onChange({ ...type, checklist: change(type.checklist) })}
          create={() => ({ id: "", label: "", required: true })}
          addLabel="Add checklist item"
          readOnly={context.readOnly}
          error={errors.at(at("checklist"))}
          empty="No checklist: the type only names the handoff."
          nested
        >
          {(item, itemControls) => (
            <ChecklistItemRow
              item={item}
              controls={itemControls}
              path={at("checklist", itemControls.index)}
              typeName={name}
              context={context}
            />
          )}
        </ListEditor>
      </div>
    </SettingsItemPanel>
  );
}

function HandoffTypesEditor() {
  const editor = useSettingsEditor(SOURCE);
  const directory = useDirectory();
  return (
    <SettingsEditorFrame
      title="Handoff types"
      description="Kinds of handoff between two teams, each with a checklist. A handoff between a pair that has types must name one and tick every required item; pairs without types accept any handoff."
      noun="the handoff types"
      editor={editor}
    >
      {(draft, setDraft, context) => (
        <ListEditor
          items={draft.types}
          update={(change) => setDraft((current) => ({ types: change(current.types) }))}
          create={(current) => ({
            id: uniqueId(
              "handoff",
              current.map((type) => type.id),
            ),
            name: "",
            from: directory.teams[0]?.id ?? "",
            to: directory.teams[1]?.id ?? "",
            checklist: [],
          })}
          addLabel="Add handoff type"
          readOnly={context.readOnly}
          error={context.errors.at("types")}
          empty="No handoff types: every handoff is accepted as it is."
        >
          {(type, controls) => (
            <HandoffTypeEditor type={type} controls={controls} context={context} />
          )}
        </ListEditor>
      )}
    </SettingsEditorFrame>
  );
}

export function HandoffTypesPage() {
  return (
    <SettingsPage title="Handoff types">
      <HandoffTypesEditor />
    </SettingsPage>
  );
}

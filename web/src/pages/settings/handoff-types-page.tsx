import { getSettings, saveSettings } from "../../api/settings.ts";
import type { HandoffType, HandoffTypesDocument } from "../../api/settings-types.ts";
import { useDirectory } from "../../components/directory-provider.tsx";
import {
  CheckboxField,
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
import { type SettingsSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { uniqueId } from "../../lib/calendar-form.ts";
import { pathOf } from "../../lib/settings-errors.ts";

/** The document is edited as it is: its fields are all text and flags. */
const SOURCE: SettingsSource<HandoffTypesDocument, HandoffTypesDocument> = {
  load: (signal) => getSettings("handoff-types", signal),
  save: (document, baseVersion) => saveSettings("handoff-types", document, baseVersion),
  toForm: (document) => document,
  toDocument: (form) => form,
  fieldPrefix: "body.document",
};

function HandoffTypeEditor({
  type,
  index,
  count,
  context,
  onChange,
  onRemove,
}: {
  type: HandoffType;
  index: number;
  count: number;
  context: EditorContext;
  onChange: (type: HandoffType) => void;
  onRemove: () => void;
}) {
  const directory = useDirectory();
  const { errors } = context;
  const at = (...parts: (string | number)[]) => pathOf("types", index, ...parts);
  const name = type.name === "" ? `handoff type ${index + 1}` : type.name;
  const teamOptions = directory.teams.map((team) => ({ value: team.id, label: team.name }));
  return (
    <section className="panel settings-item" data-testid="handoff-type-editor">
      <div className="panel-heading">
        <h2 className="panel-title">
          {type.name === "" ? "New handoff type" : type.name}
          <span className="muted pair-label">
            {" "}
            {directory.teamName(type.from)} → {directory.teamName(type.to)}
          </span>
        </h2>
        {context.readOnly ? null : (
          <ItemActions name={name} index={index} count={count} onRemove={onRemove} />
        )}
      </div>
      <FieldError message={errors.at(at())} />
      <div className="form-row">
        <TextField
          label="Id"
          ariaLabel={`Id of ${name}`}
          value={type.id}
          onChange={(id) => onChange({ ...type, id })}
          error={errors.within(at("id"))}
        />
        <TextField
          label="Name"
          ariaLabel={`Name of ${name}`}
          value={type.name}
          onChange={(value) => onChange({ ...type, name: value })}
          error={errors.within(at("name"))}
        />
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
        {type.checklist.length === 0 ? (
          <p className="muted">No checklist: the type only names the handoff.</p>
        ) : null}
        {type.checklist.map((item, itemIndex) => {
          const itemAt = at("checklist", itemIndex);
          const itemName = `item ${itemIndex + 1} of ${name}`;
          return (
            <div
              className="form-row checklist-row"
              // biome-ignore lint/suspicious/noArrayIndexKey: item ids are edited too.
              key={itemIndex}
              data-testid="checklist-item-editor"
            >
              <TextField
                label="Id"
                ariaLabel={`Id of ${itemName}`}
                value={item.id}
                placeholder="logs-attached"
                onChange={(id) =>
                  onChange({
                    ...type,
                    checklist: replaceAt(type.checklist, itemIndex, { ...item, id }),
                  })
                }
                error={errors.within(pathOf(itemAt, "id"))}
              />
              <TextField
                label="Label"
                ariaLabel={`Label of ${itemName}`}
                value={item.label}
                onChange={(label) =>
                  onChange({
                    ...type,
                    checklist: replaceAt(type.checklist, itemIndex, { ...item, label }),
                  })
                }
                error={errors.within(pathOf(itemAt, "label"))}
              />
              <CheckboxField
                label="Required"
                checked={item.required}
                onChange={(required) =>
                  onChange({
                    ...type,
                    checklist: replaceAt(type.checklist, itemIndex, { ...item, required }),
                  })
                }
              />
              {context.readOnly ? null : (
                <ItemActions
                  name={itemName}
                  index={itemIndex}
                  count={type.checklist.length}
                  onRemove={() =>
                    onChange({ ...type, checklist: removeAt(type.checklist, itemIndex) })
                  }
                />
              )}
              <FieldError message={errors.at(itemAt)} />
            </div>
          );
        })}
        <FieldError message={errors.at(at("checklist"))} />
        {context.readOnly ? null : (
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              onChange({
                ...type,
                checklist: [...type.checklist, { id: "", label: "", required: true }],
              })
            }
          >
            Add checklist item
          </button>
        )}
      </div>
    </section>
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
        <>
          {draft.types.length === 0 ? (
            <p className="muted">No handoff types: every handoff is accepted as it is.</p>
          ) : null}
          <FieldError message={context.errors.at("types")} />
          {draft.types.map((type, index) => (
            <HandoffTypeEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: ids are edited too; the place is the identity.
              key={index}
              type={type}
              index={index}
              count={draft.types.length}
              context={context}
              onChange={(next) =>
                setDraft((current) => ({ types: replaceAt(current.types, index, next) }))
              }
              onRemove={() => setDraft((current) => ({ types: removeAt(current.types, index) }))}
            />
          ))}
          {context.readOnly ? null : (
            <div>
              <button
                type="button"
                className="button"
                onClick={() =>
                  setDraft((current) => ({
                    types: [
                      ...current.types,
                      {
                        id: uniqueId(
                          "handoff",
                          current.types.map((type) => type.id),
                        ),
                        name: "",
                        from: directory.teams[0]?.id ?? "",
                        to: directory.teams[1]?.id ?? "",
                        checklist: [],
                      },
                    ],
                  }))
                }
              >
                Add handoff type
              </button>
            </div>
          )}
        </>
      )}
    </SettingsEditorFrame>
  );
}

export function HandoffTypesPage() {
  usePageTitle("Handoff types");
  return (
    <RequirePermission anyOf={["settings:read"]} title="Handoff types">
      <HandoffTypesEditor />
    </RequirePermission>
  );
}

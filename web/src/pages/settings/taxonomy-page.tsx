import type { TaxonomyDocument } from "../../api/settings-types.ts";
import {
  CheckboxField,
  IdAndNameFields,
  ItemActions,
  ListEditor,
  type ListItemControls,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsItemPanel,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import { documentSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { pathOf } from "../../lib/settings-errors.ts";

/** The document is edited as it is: its fields are all text and flags. */
const SOURCE = documentSource("taxonomy");

type Category = TaxonomyDocument["categories"][number];
type Subcategory = Category["subcategories"][number];
type RootCause = TaxonomyDocument["rootCauses"][number];

function SubcategoryRow({
  sub,
  controls,
  path,
  category,
  categoryName,
  context,
}: {
  sub: Subcategory;
  controls: ListItemControls<Subcategory>;
  path: string;
  category: Category;
  categoryName: string;
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, count, onChange, onRemove } = controls;
  const subName = `subcategory ${index + 1} of ${categoryName}`;
  return (
    <div className="form-row sub-row">
      <span className="muted mono sub-prefix">{category.id}/</span>
      <IdAndNameFields
        of={subName}
        item={sub}
        onChange={onChange}
        errors={errors}
        path={path}
        idPlaceholder="refund"
      />
      {context.readOnly ? null : (
        <ItemActions name={subName} index={index} count={count} onRemove={onRemove} />
      )}
      <FieldError message={errors.at(path)} />
    </div>
  );
}

function CategoryEditor({
  category,
  controls,
  context,
}: {
  category: Category;
  controls: ListItemControls<Category>;
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, onChange } = controls;
  const at = (...parts: (string | number)[]) => pathOf("categories", index, ...parts);
  const name = category.name === "" ? `category ${index + 1}` : category.name;
  return (
    <SettingsItemPanel
      testId="category-editor"
      heading={
        <div className="form-row">
          <IdAndNameFields
            of={name}
            item={category}
            onChange={onChange}
            errors={errors}
            path={at()}
            idPlaceholder="billing"
          />
        </div>
      }
      name={name}
      controls={controls}
      readOnly={context.readOnly}
      error={errors.at(at())}
    >
      <h3 className="form-section-title">Subcategories</h3>
      <ListEditor
        items={category.subcategories}
        update={(change) =>
          onChange({ ...category, subcategories: change(category.subcategories) })
        }
        create={() => ({ id: "", name: "" })}
        addLabel="Add subcategory"
        readOnly={context.readOnly}
        error={errors.at(at("subcategories"))}
        nested
      >
        {(sub, subControls) => (
          <SubcategoryRow
            sub={sub}
            controls={subControls}
            path={at("subcategories", subControls.index)}
            category={category}
            categoryName={name}
            context={context}
          />
        )}
      </ListEditor>
    </SettingsItemPanel>
  );
}

function RootCauseRow({
  rootCause,
  controls,
  context,
}: {
  rootCause: RootCause;
  controls: ListItemControls<RootCause>;
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, count, onChange, onRemove } = controls;
  const at = (...parts: (string | number)[]) => pathOf("rootCauses", index, ...parts);
  const name = `root cause ${index + 1}`;
  return (
    <tr data-testid="root-cause-row">
      <td>
        <input
          className="mono"
          value={rootCause.code}
          placeholder="billing-error"
          aria-label={`Code of ${name}`}
          aria-invalid={errors.within(at("code")) !== undefined}
          onChange={(event) => onChange({ ...rootCause, code: event.target.value })}
        />
        <FieldError message={errors.within(at("code")) ?? errors.at(at())} />
      </td>
      <td>
        <input
          value={rootCause.name}
          aria-label={`Name of ${name}`}
          aria-invalid={errors.within(at("name")) !== undefined}
          onChange={(event) => onChange({ ...rootCause, name: event.target.value })}
        />
        <FieldError message={errors.within(at("name"))} />
      </td>
      <td>
        <CheckboxField
          label="Retired"
          checked={rootCause.retired}
          onChange={(retired) => onChange({ ...rootCause, retired })}
        />
      </td>
      <td className="cell-action">
        {context.readOnly ? null : (
          <ItemActions name={name} index={index} count={count} onRemove={onRemove} />
        )}
      </td>
    </tr>
  );
}

function TaxonomyEditor() {
  const editor = useSettingsEditor(SOURCE);
  return (
    <SettingsEditorFrame
      title="Taxonomy"
      description="Case categories in two levels (top/sub) and the root-cause codes a resolution names. Empty lists are not enforced; once defined, cases opened through the API must use them."
      noun="the taxonomy"
      editor={editor}
    >
      {(draft, setDraft, context) => (
        <>
          <ListEditor
            title="Categories"
            items={draft.categories}
            update={(change) =>
              setDraft((current) => ({ ...current, categories: change(current.categories) }))
            }
            create={() => ({ id: "", name: "", subcategories: [] })}
            addLabel="Add category"
            readOnly={context.readOnly}
            error={context.errors.at("categories")}
            empty="No categories: any top/sub category is accepted."
            movable
          >
            {(category, controls) => (
              <CategoryEditor category={category} controls={controls} context={context} />
            )}
          </ListEditor>
          <ListEditor
            title="Root causes"
            items={draft.rootCauses}
            update={(change) =>
              setDraft((current) => ({ ...current, rootCauses: change(current.rootCauses) }))
            }
            create={() => ({ code: "", name: "", retired: false })}
            addLabel="Add root cause"
            readOnly={context.readOnly}
            error={context.errors.at("rootCauses")}
            empty="No root causes: resolutions need none."
            container={(rows) => (
              <div className="table-wrap">
                <table className="data-table editor-table">
                  <thead>
                    <tr>
                      <th>Code</th>
                      <th>Name</th>
                      <th>Retired</th>
                      <th aria-label="Actions" />
                    </tr>
                  </thead>
                  <tbody>{rows}</tbody>
                </table>
              </div>
            )}
            footer={
              <p className="field-hint">
                Retire a code rather than removing it: past resolutions keep it, new ones cannot use
                it.
              </p>
            }
          >
            {(rootCause, controls) => (
              <RootCauseRow rootCause={rootCause} controls={controls} context={context} />
            )}
          </ListEditor>
        </>
      )}
    </SettingsEditorFrame>
  );
}

export function TaxonomyPage() {
  return (
    <SettingsPage title="Taxonomy">
      <TaxonomyEditor />
    </SettingsPage>
  );
}

import { getSettings, saveSettings } from "../../api/settings.ts";
import type { TaxonomyDocument } from "../../api/settings-types.ts";
import {
  CheckboxField,
  ItemActions,
  removeAt,
  replaceAt,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { SettingsEditorFrame } from "../../components/settings-editor-frame.tsx";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { type SettingsSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { pathOf } from "../../lib/settings-errors.ts";
import { moveItem } from "../../lib/sla-policy-form.ts";

/** The document is edited as it is: its fields are all text and flags. */
const SOURCE: SettingsSource<TaxonomyDocument, TaxonomyDocument> = {
  load: (signal) => getSettings("taxonomy", signal),
  save: (document, baseVersion) => saveSettings("taxonomy", document, baseVersion),
  toForm: (document) => document,
  toDocument: (form) => form,
  fieldPrefix: "body.document",
};

type Category = TaxonomyDocument["categories"][number];
type RootCause = TaxonomyDocument["rootCauses"][number];

function TaxonomyEditor() {
  const editor = useSettingsEditor(SOURCE);
  return (
    <SettingsEditorFrame
      title="Taxonomy"
      description="Case categories in two levels (top/sub) and the root-cause codes a resolution names. Empty lists are not enforced; once defined, cases opened through the API must use them."
      noun="the taxonomy"
      editor={editor}
    >
      {(draft, setDraft, context) => {
        const { errors } = context;
        const setCategory = (index: number, category: Category) =>
          setDraft((current) => ({
            ...current,
            categories: replaceAt(current.categories, index, category),
          }));
        const setRootCause = (index: number, rootCause: RootCause) =>
          setDraft((current) => ({
            ...current,
            rootCauses: replaceAt(current.rootCauses, index, rootCause),
          }));
        return (
          <>
            <h2 className="section-title">Categories</h2>
            {draft.categories.length === 0 ? (
              <p className="muted">No categories: any top/sub category is accepted.</p>
            ) : null}
            <FieldError message={errors.at("categories")} />
            {draft.categories.map((category, index) => {
              const at = (...parts: (string | number)[]) => pathOf("categories", index, ...parts);
              const name = category.name === "" ? `category ${index + 1}` : category.name;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: ids are edited too; the place is the identity.
                <section className="panel settings-item" key={index} data-testid="category-editor">
                  <div className="panel-heading">
                    <div className="form-row">
                      <TextField
                        label="Id"
                        ariaLabel={`Id of ${name}`}
                        value={category.id}
                        placeholder="billing"
                        onChange={(id) => setCategory(index, { ...category, id })}
                        error={errors.within(at("id"))}
                      />
                      <TextField
                        label="Name"
                        ariaLabel={`Name of ${name}`}
                        value={category.name}
                        onChange={(value) => setCategory(index, { ...category, name: value })}
                        error={errors.within(at("name"))}
                      />
                    </div>
                    {context.readOnly ? null : (
                      <ItemActions
                        name={name}
                        index={index}
                        count={draft.categories.length}
                        onMove={(step) =>
                          setDraft((current) => ({
                            ...current,
                            categories: moveItem(current.categories, index, step),
                          }))
                        }
                        onRemove={() =>
                          setDraft((current) => ({
                            ...current,
                            categories: removeAt(current.categories, index),
                          }))
                        }
                      />
                    )}
                  </div>
                  <FieldError message={errors.at(at())} />
                  <h3 className="form-section-title">Subcategories</h3>
                  {category.subcategories.map((sub, subIndex) => {
                    const subAt = at("subcategories", subIndex);
                    const subName = `subcategory ${subIndex + 1} of ${name}`;
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                      <div className="form-row sub-row" key={subIndex}>
                        <span className="muted mono sub-prefix">{category.id}/</span>
                        <TextField
                          label="Id"
                          ariaLabel={`Id of ${subName}`}
                          value={sub.id}
                          placeholder="refund"
                          onChange={(id) =>
                            setCategory(index, {
                              ...category,
                              subcategories: replaceAt(category.subcategories, subIndex, {
                                ...sub,
                                id,
                              }),
                            })
                          }
                          error={errors.within(pathOf(subAt, "id"))}
                        />
                        <TextField
                          label="Name"
                          ariaLabel={`Name of ${subName}`}
                          value={sub.name}
                          onChange={(value) =>
                            setCategory(index, {
                              ...category,
                              subcategories: replaceAt(category.subcategories, subIndex, {
                                ...sub,
                                name: value,
                              }),
                            })
                          }
                          error={errors.within(pathOf(subAt, "name"))}
                        />
                        {context.readOnly ? null : (
                          <ItemActions
                            name={subName}
                            index={subIndex}
                            count={category.subcategories.length}
                            onRemove={() =>
                              setCategory(index, {
                                ...category,
                                subcategories: removeAt(category.subcategories, subIndex),
                              })
                            }
                          />
                        )}
                        <FieldError message={errors.at(subAt)} />
                      </div>
                    );
                  })}
                  <FieldError message={errors.at(at("subcategories"))} />
                  {context.readOnly ? null : (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() =>
                        setCategory(index, {
                          ...category,
                          subcategories: [...category.subcategories, { id: "", name: "" }],
                        })
                      }
                    >
                      Add subcategory
                    </button>
                  )}
                </section>
              );
            })}
            {context.readOnly ? null : (
              <div>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    setDraft((current) => ({
                      ...current,
                      categories: [...current.categories, { id: "", name: "", subcategories: [] }],
                    }))
                  }
                >
                  Add category
                </button>
              </div>
            )}
            <h2 className="section-title">Root causes</h2>
            {draft.rootCauses.length === 0 ? (
              <p className="muted">No root causes: resolutions need none.</p>
            ) : null}
            <FieldError message={errors.at("rootCauses")} />
            {draft.rootCauses.length === 0 ? null : (
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
                  <tbody>
                    {draft.rootCauses.map((rootCause, index) => {
                      const at = (...parts: (string | number)[]) =>
                        pathOf("rootCauses", index, ...parts);
                      const name = `root cause ${index + 1}`;
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: codes are edited too.
                        <tr key={index} data-testid="root-cause-row">
                          <td>
                            <input
                              className="mono"
                              value={rootCause.code}
                              placeholder="billing-error"
                              aria-label={`Code of ${name}`}
                              aria-invalid={errors.within(at("code")) !== undefined}
                              onChange={(event) =>
                                setRootCause(index, { ...rootCause, code: event.target.value })
                              }
                            />
                            <FieldError message={errors.within(at("code")) ?? errors.at(at())} />
                          </td>
                          <td>
                            <input
                              value={rootCause.name}
                              aria-label={`Name of ${name}`}
                              aria-invalid={errors.within(at("name")) !== undefined}
                              onChange={(event) =>
                                setRootCause(index, { ...rootCause, name: event.target.value })
                              }
                            />
                            <FieldError message={errors.within(at("name"))} />
                          </td>
                          <td>
                            <CheckboxField
                              label="Retired"
                              checked={rootCause.retired}
                              onChange={(retired) => setRootCause(index, { ...rootCause, retired })}
                            />
                          </td>
                          <td className="cell-action">
                            {context.readOnly ? null : (
                              <ItemActions
                                name={name}
                                index={index}
                                count={draft.rootCauses.length}
                                onRemove={() =>
                                  setDraft((current) => ({
                                    ...current,
                                    rootCauses: removeAt(current.rootCauses, index),
                                  }))
                                }
                              />
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <p className="field-hint">
              Retire a code rather than removing it: past resolutions keep it, new ones cannot use
              it.
            </p>
            {context.readOnly ? null : (
              <div>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    setDraft((current) => ({
                      ...current,
                      rootCauses: [...current.rootCauses, { code: "", name: "", retired: false }],
                    }))
                  }
                >
                  Add root cause
                </button>
              </div>
            )}
          </>
        );
      }}
    </SettingsEditorFrame>
  );
}

export function TaxonomyPage() {
  usePageTitle("Taxonomy");
  return (
    <RequirePermission anyOf={["settings:read"]} title="Taxonomy">
      <TaxonomyEditor />
    </RequirePermission>
  );
}

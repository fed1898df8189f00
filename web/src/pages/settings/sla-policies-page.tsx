import { getSettings, saveSettings } from "../../api/settings.ts";
import {
  SLA_TARGET_KINDS,
  type SlaPoliciesDocument,
  type TimeKind,
} from "../../api/settings-types.ts";
import { useDirectory } from "../../components/directory-provider.tsx";
import {
  CheckboxField,
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
import { TeamPicker } from "../../components/team-picker.tsx";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { type SettingsSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { SLA_CLOCK_LABELS } from "../../lib/labels.ts";
import { pathOf } from "../../lib/settings-errors.ts";
import {
  draftToSlaPolicies,
  type InternalSlaDraft,
  moveItem,
  newInternalDraft,
  newPolicyDraft,
  type SlaPoliciesDraft,
  type SlaPolicyDraft,
  slaPoliciesToDraft,
} from "../../lib/sla-policy-form.ts";
import {
  CHANNEL_CHOICES,
  PRIORITY_CHOICES,
  TIME_KIND_OPTIONS,
  useCalendarOptions,
} from "./settings-options.ts";

const SOURCE: SettingsSource<SlaPoliciesDocument, SlaPoliciesDraft> = {
  load: (signal) => getSettings("sla-policies", signal),
  save: (document, baseVersion) => saveSettings("sla-policies", document, baseVersion),
  toForm: slaPoliciesToDraft,
  toDocument: draftToSlaPolicies,
  fieldPrefix: "body.document",
};

const NO_CALENDAR = "No calendar (calendar time only)";

function PolicyEditor({
  draft,
  index,
  count,
  calendars,
  context,
  onChange,
  onMove,
  onRemove,
}: {
  draft: SlaPolicyDraft;
  index: number;
  count: number;
  calendars: SelectOption[];
  context: EditorContext;
  onChange: (draft: SlaPolicyDraft) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { errors } = context;
  const at = (...parts: (string | number)[]) => pathOf("policies", index, ...parts);
  const name = draft.name === "" ? `policy ${index + 1}` : draft.name;
  return (
    <section className="panel settings-item" data-testid="sla-policy-editor">
      <div className="panel-heading">
        <h2 className="panel-title">
          <span className="position-tag">{index + 1}</span>
          {draft.name === "" ? "New policy" : draft.name}
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
          emptyLabel={NO_CALENDAR}
          onChange={(calendarId) => onChange({ ...draft, calendarId })}
          error={errors.within(at("calendarId"))}
          hint="Needed for business-time targets."
        />
        <TextField
          label="At risk at (% of target)"
          ariaLabel={`At-risk share of ${name}`}
          value={draft.atRiskPercent}
          inputMode="decimal"
          size={6}
          onChange={(atRiskPercent) => onChange({ ...draft, atRiskPercent })}
          error={errors.within(at("atRiskShare"))}
        />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Applies to cases with (empty: any)</h3>
        <div className="form-row">
          <TextField
            label="Customer tiers"
            ariaLabel={`Tiers of ${name}`}
            value={draft.tiersText}
            placeholder="platinum, gold"
            onChange={(tiersText) => onChange({ ...draft, tiersText })}
            error={errors.within(at("conditions", "tiers"))}
          />
          <TextField
            label="Categories"
            ariaLabel={`Categories of ${name}`}
            value={draft.categoriesText}
            placeholder="billing, technical/login"
            onChange={(categoriesText) => onChange({ ...draft, categoriesText })}
            error={errors.within(at("conditions", "categories"))}
            hint="A top level matches all its subcategories."
          />
        </div>
        <div className="form-row">
          <CheckChips
            legend="Priorities"
            options={PRIORITY_CHOICES}
            value={draft.priorities}
            onChange={(priorities) => onChange({ ...draft, priorities })}
            error={errors.within(at("conditions", "priorities"))}
          />
          <CheckChips
            legend="Channels"
            options={CHANNEL_CHOICES}
            value={draft.channels}
            onChange={(channels) => onChange({ ...draft, channels })}
            error={errors.within(at("conditions", "channels"))}
          />
        </div>
        <FieldError message={errors.at(at("conditions"))} />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Targets</h3>
        <table className="target-table">
          <tbody>
            {SLA_TARGET_KINDS.map((kind) => {
              const target = draft.targets[kind];
              const setTarget = (next: typeof target) =>
                onChange({ ...draft, targets: { ...draft.targets, [kind]: next } });
              const error = errors.within(at("targets", kind));
              return (
                <tr key={kind}>
                  <th scope="row">
                    <CheckboxField
                      label={SLA_CLOCK_LABELS[kind]}
                      checked={target.enabled}
                      onChange={(enabled) => setTarget({ ...target, enabled })}
                    />
                  </th>
                  <td>
                    {target.enabled ? (
                      <span className="span-inputs">
                        <input
                          value={target.minutes}
                          inputMode="numeric"
                          size={7}
                          aria-label={`${SLA_CLOCK_LABELS[kind]} minutes of ${name}`}
                          aria-invalid={error !== undefined}
                          onChange={(event) =>
                            setTarget({ ...target, minutes: event.target.value })
                          }
                        />
                        <span className="muted">minutes of</span>
                        <select
                          value={target.time}
                          aria-label={`${SLA_CLOCK_LABELS[kind]} time of ${name}`}
                          onChange={(event) =>
                            setTarget({ ...target, time: event.target.value as TimeKind })
                          }
                        >
                          {TIME_KIND_OPTIONS.map((option) => (
                            <option key={option.value} value={option.value}>
                              {option.label.toLowerCase()}
                            </option>
                          ))}
                        </select>
                      </span>
                    ) : (
                      <span className="muted">No target</span>
                    )}
                    <FieldError message={error} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FieldError message={errors.at(at("targets"))} />
      </div>
    </section>
  );
}

function InternalEditor({
  draft,
  index,
  count,
  calendars,
  context,
  onChange,
  onRemove,
}: {
  draft: InternalSlaDraft;
  index: number;
  count: number;
  calendars: SelectOption[];
  context: EditorContext;
  onChange: (draft: InternalSlaDraft) => void;
  onRemove: () => void;
}) {
  const directory = useDirectory();
  const { errors } = context;
  const at = (...parts: (string | number)[]) => pathOf("internal", index, ...parts);
  const name = draft.name === "" ? `internal SLA ${index + 1}` : draft.name;
  const teamOptions = directory.teams.map((team) => ({ value: team.id, label: team.name }));
  return (
    <section className="panel settings-item" data-testid="internal-sla-editor">
      <div className="panel-heading">
        <h2 className="panel-title">{draft.name === "" ? "New internal SLA" : draft.name}</h2>
        {context.readOnly ? null : (
          <ItemActions name={name} index={index} count={count} onRemove={onRemove} />
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
          label="Receiving team"
          ariaLabel={`Receiving team of ${name}`}
          value={draft.team}
          options={teamOptions}
          onChange={(team) => onChange({ ...draft, team })}
          error={errors.within(at("team"))}
        />
      </div>
      <TeamPicker
        label="Handoffs from (none picked: any team)"
        teams={directory.teams}
        value={draft.fromTeams}
        onChange={(fromTeams) => onChange({ ...draft, fromTeams })}
      />
      <FieldError message={errors.within(at("fromTeams"))} />
      <div className="form-row">
        <TextField
          label="First action within (minutes)"
          ariaLabel={`Target minutes of ${name}`}
          value={draft.minutes}
          inputMode="numeric"
          size={7}
          onChange={(minutes) => onChange({ ...draft, minutes })}
          error={errors.within(at("target", "minutes")) ?? errors.at(at("target"))}
        />
        <SelectField
          label="Counted in"
          ariaLabel={`Target time of ${name}`}
          value={draft.time}
          options={TIME_KIND_OPTIONS}
          onChange={(time) => onChange({ ...draft, time: time as TimeKind })}
          error={errors.within(at("target", "time"))}
        />
        <SelectField
          label="Calendar"
          ariaLabel={`Calendar of ${name}`}
          value={draft.calendarId}
          options={calendars}
          emptyLabel={NO_CALENDAR}
          onChange={(calendarId) => onChange({ ...draft, calendarId })}
          error={errors.within(at("calendarId"))}
        />
        <TextField
          label="At risk at (% of target)"
          ariaLabel={`At-risk share of ${name}`}
          value={draft.atRiskPercent}
          inputMode="decimal"
          size={6}
          onChange={(atRiskPercent) => onChange({ ...draft, atRiskPercent })}
          error={errors.within(at("atRiskShare"))}
        />
      </div>
    </section>
  );
}

function SlaPoliciesEditor() {
  const editor = useSettingsEditor(SOURCE);
  const calendars = useCalendarOptions();
  const directory = useDirectory();
  const firstCalendar = calendars[0]?.value ?? "";
  return (
    <SettingsEditorFrame
      title="SLA policies"
      description="The first policy whose conditions a case meets sets its first-response, next-update and resolution targets. Internal SLAs time a receiving team's first action after a handoff. Saving recomputes the due times of open cases."
      noun="the SLA policies"
      editor={editor}
    >
      {(draft, setDraft, context) => (
        <>
          <h2 className="section-title">Customer SLAs, in matching order</h2>
          {draft.policies.length === 0 ? (
            <p className="muted">No policies: cases get no SLA clocks.</p>
          ) : null}
          <FieldError message={context.errors.at("policies")} />
          {draft.policies.map((policy, index) => (
            <PolicyEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: ids are edited too; the place is the identity.
              key={index}
              draft={policy}
              index={index}
              count={draft.policies.length}
              calendars={calendars}
              context={context}
              onChange={(next) =>
                setDraft((current) => ({
                  ...current,
                  policies: replaceAt(current.policies, index, next),
                }))
              }
              onMove={(step) =>
                setDraft((current) => ({
                  ...current,
                  policies: moveItem(current.policies, index, step),
                }))
              }
              onRemove={() =>
                setDraft((current) => ({ ...current, policies: removeAt(current.policies, index) }))
              }
            />
          ))}
          {context.readOnly ? null : (
            <div>
              <button
                type="button"
                className="button"
                onClick={() =>
                  setDraft((current) => ({
                    ...current,
                    policies: [
                      ...current.policies,
                      newPolicyDraft(
                        current.policies.map((policy) => policy.id),
                        firstCalendar,
                      ),
                    ],
                  }))
                }
              >
                Add policy
              </button>
            </div>
          )}
          <h2 className="section-title">Internal SLAs</h2>
          {draft.internal.length === 0 ? (
            <p className="muted">No internal SLAs: handoffs between teams are not timed.</p>
          ) : null}
          <FieldError message={context.errors.at("internal")} />
          {draft.internal.map((internal, index) => (
            <InternalEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              key={index}
              draft={internal}
              index={index}
              count={draft.internal.length}
              calendars={calendars}
              context={context}
              onChange={(next) =>
                setDraft((current) => ({
                  ...current,
                  internal: replaceAt(current.internal, index, next),
                }))
              }
              onRemove={() =>
                setDraft((current) => ({ ...current, internal: removeAt(current.internal, index) }))
              }
            />
          ))}
          {context.readOnly ? null : (
            <div>
              <button
                type="button"
                className="button"
                onClick={() =>
                  setDraft((current) => ({
                    ...current,
                    internal: [
                      ...current.internal,
                      newInternalDraft(
                        current.internal.map((item) => item.id),
                        directory.teams[0]?.id ?? "",
                        firstCalendar,
                      ),
                    ],
                  }))
                }
              >
                Add internal SLA
              </button>
            </div>
          )}
        </>
      )}
    </SettingsEditorFrame>
  );
}

export function SlaPoliciesPage() {
  usePageTitle("SLA policies");
  return (
    <RequirePermission anyOf={["settings:read"]} title="SLA policies">
      <SlaPoliciesEditor />
    </RequirePermission>
  );
}

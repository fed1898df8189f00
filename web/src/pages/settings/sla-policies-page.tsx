import { SLA_TARGET_KINDS, type TimeKind } from "../../api/settings-types.ts";
import { useDirectory, useTeamOptions } from "../../components/directory-provider.tsx";
import {
  CheckboxField,
  CheckChips,
  IdAndNameFields,
  ListEditor,
  type ListItemControls,
  SelectField,
  TextField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import type { SelectOption } from "../../components/filter-controls.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsItemPanel,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import { TeamPicker } from "../../components/team-picker.tsx";
import { documentSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { SLA_CLOCK_LABELS } from "../../lib/labels.ts";
import { pathOf } from "../../lib/settings-errors.ts";
import {
  draftToSlaPolicies,
  type InternalSlaDraft,
  newInternalDraft,
  newPolicyDraft,
  type SlaPoliciesDraft,
  type SlaPolicyDraft,
  slaPoliciesToDraft,
} from "../../lib/sla-policy-form.ts";
import { CalendarField } from "./calendar-field.tsx";
import {
  CHANNEL_CHOICES,
  PRIORITY_CHOICES,
  TIME_KIND_OPTIONS,
  useCalendarOptions,
} from "./settings-options.ts";

const SOURCE = documentSource<"sla-policies", SlaPoliciesDraft>("sla-policies", {
  toForm: slaPoliciesToDraft,
  toDocument: draftToSlaPolicies,
});

function PolicyEditor({
  draft,
  controls,
  calendars,
  context,
}: {
  draft: SlaPolicyDraft;
  controls: ListItemControls<SlaPolicyDraft>;
  calendars: SelectOption[];
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, onChange } = controls;
  const at = (...parts: (string | number)[]) => pathOf("policies", index, ...parts);
  const name = draft.name === "" ? `policy ${index + 1}` : draft.name;
  return (
    <SettingsItemPanel
      testId="sla-policy-editor"
      title={draft.name === "" ? "New policy" : draft.name}
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
    </SettingsItemPanel>
  );
}

function InternalEditor({
  draft,
  controls,
  calendars,
  context,
}: {
  draft: InternalSlaDraft;
  controls: ListItemControls<InternalSlaDraft>;
  calendars: SelectOption[];
  context: EditorContext;
}) {
  const directory = useDirectory();
  const teamOptions = useTeamOptions();
  const { errors } = context;
  const { index, onChange } = controls;
  const at = (...parts: (string | number)[]) => pathOf("internal", index, ...parts);
  const name = draft.name === "" ? `internal SLA ${index + 1}` : draft.name;
  return (
    <SettingsItemPanel
      testId="internal-sla-editor"
      title={draft.name === "" ? "New internal SLA" : draft.name}
      name={name}
      controls={controls}
      readOnly={context.readOnly}
      error={errors.at(at())}
    >
      <div className="form-row">
        <IdAndNameFields of={name} item={draft} onChange={onChange} errors={errors} path={at()} />
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
        <CalendarField
          of={name}
          item={draft}
          calendars={calendars}
          onChange={onChange}
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
    </SettingsItemPanel>
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
          <ListEditor
            title="Customer SLAs, in matching order"
            items={draft.policies}
            update={(change) =>
              setDraft((current) => ({ ...current, policies: change(current.policies) }))
            }
            create={(current) =>
              newPolicyDraft(
                current.map((policy) => policy.id),
                firstCalendar,
              )
            }
            addLabel="Add policy"
            readOnly={context.readOnly}
            error={context.errors.at("policies")}
            empty="No policies: cases get no SLA clocks."
            movable
          >
            {(policy, controls) => (
              <PolicyEditor
                draft={policy}
                controls={controls}
                calendars={calendars}
                context={context}
              />
            )}
          </ListEditor>
          <ListEditor
            title="Internal SLAs"
            items={draft.internal}
            update={(change) =>
              setDraft((current) => ({ ...current, internal: change(current.internal) }))
            }
            create={(current) =>
              newInternalDraft(
                current.map((item) => item.id),
                directory.teams[0]?.id ?? "",
                firstCalendar,
              )
            }
            addLabel="Add internal SLA"
            readOnly={context.readOnly}
            error={context.errors.at("internal")}
            empty="No internal SLAs: handoffs between teams are not timed."
          >
            {(internal, controls) => (
              <InternalEditor
                draft={internal}
                controls={controls}
                calendars={calendars}
                context={context}
              />
            )}
          </ListEditor>
        </>
      )}
    </SettingsEditorFrame>
  );
}

export function SlaPoliciesPage() {
  return (
    <SettingsPage title="SLA policies">
      <SlaPoliciesEditor />
    </SettingsPage>
  );
}

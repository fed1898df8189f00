import {
  IdAndNameFields,
  ListEditor,
  type ListItemControls,
  RemoveButton,
  removeAt,
  replaceAt,
  SelectField,
} from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsItemPanel,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import {
  SpanList,
  timeZoneSelectOptions,
  viewerTimeZone,
  WeekHoursTable,
} from "../../components/week-hours-editor.tsx";
import { documentSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import {
  type CalendarDraft,
  calendarsToDrafts,
  draftsToCalendars,
  newCalendarDraft,
} from "../../lib/calendar-form.ts";
import { pathOf } from "../../lib/settings-errors.ts";

const SOURCE = documentSource<"calendars", CalendarDraft[]>("calendars", {
  toForm: calendarsToDrafts,
  toDocument: draftsToCalendars,
});

function CalendarEditor({
  draft,
  controls,
  context,
}: {
  draft: CalendarDraft;
  controls: ListItemControls<CalendarDraft>;
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, onChange } = controls;
  const at = (...parts: (string | number)[]) => pathOf("calendars", index, ...parts);
  const name = draft.name === "" ? `calendar ${index + 1}` : draft.name;

  return (
    <SettingsItemPanel
      testId="calendar-editor"
      dataAttributes={{ "data-calendar-id": draft.id }}
      title={draft.name === "" ? "New calendar" : draft.name}
      name={name}
      controls={controls}
      readOnly={context.readOnly}
      error={errors.at(at())}
    >
      <div className="form-row">
        <IdAndNameFields
          of={name}
          item={draft}
          onChange={onChange}
          errors={errors}
          path={at()}
          idHint="Policies refer to the calendar by it."
        />
        <SelectField
          label="Time zone"
          ariaLabel={`Time zone of ${name}`}
          value={draft.timezone}
          options={timeZoneSelectOptions(draft.timezone)}
          onChange={(timezone) => onChange({ ...draft, timezone })}
          error={errors.within(at("timezone"))}
          hint="Hours are local wall-clock time there; DST is handled."
        />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Weekly hours</h3>
        <WeekHoursTable
          path={at("hours")}
          hours={draft.hours}
          errors={errors}
          onChange={(hours) => onChange({ ...draft, hours })}
        />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Holidays</h3>
        <div className="holiday-list">
          {draft.holidays.map((holiday, holidayIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: holidays may repeat while edited.
            <div className="holiday-item" key={holidayIndex}>
              <span className="span-inputs">
                <input
                  type="date"
                  value={holiday}
                  aria-label={`Holiday ${holidayIndex + 1} of ${name}`}
                  aria-invalid={errors.within(at("holidays", holidayIndex)) !== undefined}
                  onChange={(event) =>
                    onChange({
                      ...draft,
                      holidays: replaceAt(draft.holidays, holidayIndex, event.target.value),
                    })
                  }
                />
                <RemoveButton
                  ariaLabel={`Remove holiday ${holidayIndex + 1} of ${name}`}
                  text="×"
                  onClick={() =>
                    onChange({ ...draft, holidays: removeAt(draft.holidays, holidayIndex) })
                  }
                />
              </span>
              <FieldError message={errors.within(at("holidays", holidayIndex))} />
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange({ ...draft, holidays: [...draft.holidays, ""] })}
          >
            Add holiday
          </button>
        </div>
        <FieldError message={errors.at(at("holidays"))} />
      </div>
      <div className="form-section">
        <h3 className="form-section-title">One-off exceptions</h3>
        <p className="field-hint">
          Different hours on one date (a short day, an extra opening); no spans closes the day. An
          exception wins over the weekday and over a holiday.
        </p>
        {draft.exceptions.map((exception, exceptionIndex) => {
          const label = `Exception ${exceptionIndex + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: exceptions have no id of their own.
            <div className="exception-item" key={exceptionIndex}>
              <div className="span-inputs">
                <input
                  type="date"
                  value={exception.date}
                  aria-label={`${label} date of ${name}`}
                  aria-invalid={
                    errors.within(at("exceptions", exceptionIndex, "date")) !== undefined
                  }
                  onChange={(event) =>
                    onChange({
                      ...draft,
                      exceptions: replaceAt(draft.exceptions, exceptionIndex, {
                        ...exception,
                        date: event.target.value,
                      }),
                    })
                  }
                />
                <RemoveButton
                  ariaLabel={`Remove ${label} of ${name}`}
                  onClick={() =>
                    onChange({ ...draft, exceptions: removeAt(draft.exceptions, exceptionIndex) })
                  }
                />
              </div>
              <FieldError message={errors.within(at("exceptions", exceptionIndex, "date"))} />
              <SpanList
                label={label}
                path={at("exceptions", exceptionIndex, "hours")}
                spans={exception.hours}
                errors={errors}
                onChange={(hours) =>
                  onChange({
                    ...draft,
                    exceptions: replaceAt(draft.exceptions, exceptionIndex, {
                      ...exception,
                      hours,
                    }),
                  })
                }
              />
              <FieldError message={errors.at(at("exceptions", exceptionIndex))} />
            </div>
          );
        })}
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            onChange({ ...draft, exceptions: [...draft.exceptions, { date: "", hours: [] }] })
          }
        >
          Add exception
        </button>
      </div>
    </SettingsItemPanel>
  );
}

function CalendarsEditor() {
  const editor = useSettingsEditor(SOURCE);
  return (
    <SettingsEditorFrame
      title="Business calendars"
      description="Open hours per weekday in a time zone, with holidays and one-off exceptions. SLA and escalation policies count business time on them; saving recomputes the due times of open cases."
      noun="the calendars"
      editor={editor}
    >
      {(drafts, setDrafts, context) => (
        <ListEditor
          items={drafts}
          update={setDrafts}
          create={(current) =>
            newCalendarDraft(
              viewerTimeZone(),
              current.map((item) => item.id),
            )
          }
          addLabel="Add calendar"
          readOnly={context.readOnly}
          error={context.errors.at("calendars")}
          empty="No calendars yet: SLA targets can only count calendar time."
        >
          {(draft, controls) => (
            <CalendarEditor draft={draft} controls={controls} context={context} />
          )}
        </ListEditor>
      )}
    </SettingsEditorFrame>
  );
}

export function CalendarsPage() {
  return (
    <SettingsPage title="Business calendars" pageTitle="Calendars">
      <CalendarsEditor />
    </SettingsPage>
  );
}

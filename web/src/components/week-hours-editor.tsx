/**
 * Weekly hours as a table of weekdays, each with its open spans (HH:MM–HH:MM, several a day):
 * a business calendar's hours and an agent's shift are edited alike.
 */
import { WEEKDAYS } from "../api/settings-types.ts";
import type { SpanDraft, WeekDraft } from "../lib/calendar-form.ts";
import { nextSpan, timeZoneOptions } from "../lib/calendar-form.ts";
import { WEEKDAY_LABELS } from "../lib/labels.ts";
import { type FieldErrors, pathOf } from "../lib/settings-errors.ts";
import { RemoveButton, removeAt, replaceAt } from "./editor-controls.tsx";
import { FieldError } from "./field-error.tsx";
import type { SelectOption } from "./filter-controls.tsx";

/** The IANA zones this browser knows (every current one in modern browsers). */
const SUPPORTED_TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The spans of one day: several a day, each start–end, "24:00" closing at midnight. */
export function SpanList({
  label,
  path,
  spans,
  errors,
  onChange,
}: {
  /** "Monday", "Exception 2": names the inputs. */
  label: string;
  path: string;
  spans: readonly SpanDraft[];
  errors: FieldErrors;
  onChange: (spans: SpanDraft[]) => void;
}) {
  return (
    <div className="span-list" data-testid="span-list" data-day={label}>
      {spans.length === 0 ? <span className="muted span-closed">Closed</span> : null}
      {spans.map((span, index) => {
        const spanPath = pathOf(path, index);
        const error = errors.within(spanPath);
        const number = index + 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: spans have no id; their place is their identity while editing.
          <div className="span-item" key={index}>
            <span className="span-inputs">
              <input
                className="time-input"
                value={span.start}
                placeholder="09:00"
                size={5}
                aria-label={`${label} span ${number} start`}
                aria-invalid={error !== undefined}
                onChange={(event) =>
                  onChange(replaceAt(spans, index, { ...span, start: event.target.value }))
                }
              />
              <span aria-hidden="true">–</span>
              <input
                className="time-input"
                value={span.end}
                placeholder="17:00"
                size={5}
                aria-label={`${label} span ${number} end`}
                aria-invalid={error !== undefined}
                onChange={(event) =>
                  onChange(replaceAt(spans, index, { ...span, end: event.target.value }))
                }
              />
              <RemoveButton
                ariaLabel={`Remove ${label} span ${number}`}
                text="×"
                onClick={() => onChange(removeAt(spans, index))}
              />
            </span>
            <FieldError message={error} />
          </div>
        );
      })}
      <button
        type="button"
        className="button button-small"
        aria-label={`Add a span on ${label}`}
        onClick={() => onChange([...spans, nextSpan(spans)])}
      >
        Add span
      </button>
      <FieldError message={errors.at(path)} />
    </div>
  );
}

/** The time zones to offer in a select, `current` kept even where the browser does not know it. */
export function timeZoneSelectOptions(current: string): SelectOption[] {
  return timeZoneOptions(SUPPORTED_TIME_ZONES, current).map((zone) => ({
    value: zone,
    label: zone,
  }));
}

/** Every weekday with its spans; `path` is where the server's errors about the hours point. */
export function WeekHoursTable({
  path,
  hours,
  errors,
  onChange,
}: {
  path: string;
  hours: WeekDraft;
  errors: FieldErrors;
  onChange: (hours: WeekDraft) => void;
}) {
  return (
    <>
      <table className="week-table">
        <tbody>
          {WEEKDAYS.map((day) => (
            <tr key={day}>
              <th scope="row">{WEEKDAY_LABELS[day]}</th>
              <td>
                <SpanList
                  label={WEEKDAY_LABELS[day]}
                  path={pathOf(path, day)}
                  spans={hours[day]}
                  errors={errors}
                  onChange={(spans) => onChange({ ...hours, [day]: spans })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <span className="field-hint">
        Spans are HH:MM–HH:MM, earliest first; end a span at 24:00 for midnight. A night shift is
        two spans, one on each day.
      </span>
      <FieldError message={errors.at(path)} />
    </>
  );
}

import { SelectField } from "../../components/editor-controls.tsx";
import type { SelectOption } from "../../components/filter-controls.tsx";
import { NO_CALENDAR } from "./settings-options.ts";

/** The calendar an item's business time runs on; "" is calendar time only. */
export function CalendarField<Item extends { calendarId: string }>({
  of,
  item,
  calendars,
  onChange,
  error,
  hint,
}: {
  /** What the item is called, for the select's accessible name. */
  of: string;
  item: Item;
  calendars: readonly SelectOption[];
  onChange: (item: Item) => void;
  error: string | undefined;
  hint?: string;
}) {
  return (
    <SelectField
      label="Calendar"
      ariaLabel={`Calendar of ${of}`}
      value={item.calendarId}
      options={calendars}
      emptyLabel={NO_CALENDAR}
      onChange={(calendarId) => onChange({ ...item, calendarId })}
      error={error}
      hint={hint}
    />
  );
}

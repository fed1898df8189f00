/**
 * Choices the settings editors offer, built from the shared vocabularies (event.types.ts,
 * permissions.ts) and the labels of lib/labels.ts.
 */
import { useCallback } from "react";
import { ROLES } from "../../../../src/access/permissions.ts";
import { CHANNELS, PRIORITIES } from "../../../../src/modules/events/event.types.ts";
import { getSettings } from "../../api/settings.ts";
import { TIME_KINDS } from "../../api/settings-types.ts";
import { labelledOptions, type SelectOption } from "../../components/filter-controls.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import {
  CHANNEL_LABELS,
  PRIORITY_LABELS,
  ROLE_LABELS,
  TIME_KIND_LABELS,
} from "../../lib/labels.ts";

export const PRIORITY_CHOICES = labelledOptions(PRIORITIES, PRIORITY_LABELS);
export const CHANNEL_CHOICES = labelledOptions(CHANNELS, CHANNEL_LABELS);
export const TIME_KIND_OPTIONS: SelectOption[] = labelledOptions(TIME_KINDS, TIME_KIND_LABELS);
export const ROLE_OPTIONS: SelectOption[] = labelledOptions(ROLES, ROLE_LABELS);

/** The empty choice of a policy's calendar. */
export const NO_CALENDAR = "No calendar (calendar time only)";

/**
 * The calendars in force, as options for a policy's calendar; empty while they load or when they
 * cannot be read (a calendar already picked is still shown, marked unknown).
 */
export function useCalendarOptions(): SelectOption[] {
  const load = useCallback((signal: AbortSignal) => getSettings("calendars", signal), []);
  const calendars = useAsync(load);
  if (calendars.status !== "ready") return [];
  return calendars.data.document.calendars.map((calendar) => ({
    value: calendar.id,
    label: `${calendar.name} (${calendar.timezone})`,
  }));
}

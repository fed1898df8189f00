/**
 * The two settings documents of SLAs (issue 4, items 6 and 7): `calendars` and `sla-policies`.
 * Pure: validation with parseCalendar and validatePolicy, cross-references inside a document, and
 * the parsed form the clocks are computed with. Fields in problems are dotted paths inside the
 * document (`calendars.0.hours.mon.1`); the settings service prefixes `body.document.`.
 *
 * References between the two documents (a policy's calendar must exist; a calendar in use may not
 * be removed) need the other document in force and are checked by sla-settings.service.ts.
 */
import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";
import {
  type BusinessCalendar,
  type CalendarException,
  MAX_BUSINESS_MINUTES,
  parseCalendar,
  type TimeSpan,
  type Weekday,
} from "./calendar.js";
import type { InternalSla } from "./internal-sla.js";
import {
  orderPolicies,
  SLA_TIME_KINDS,
  type SlaPolicy,
  type SlaTimeKind,
  validatePolicy,
} from "./sla-policy.js";

export interface StoredCalendar {
  id: string;
  name: string;
  timezone: string;
  hours: Partial<Record<Weekday, TimeSpan[]>>;
  holidays: string[];
  exceptions?: CalendarException[];
}

export interface CalendarsDocument {
  calendars: StoredCalendar[];
}

export interface SlaPoliciesDocument {
  policies: SlaPolicy[];
  internal: InternalSla[];
}

/** Both documents parsed: what the clocks are computed with. */
export interface SlaSettings {
  calendars: ReadonlyMap<string, BusinessCalendar>;
  /** In the order they are tried (ascending position). */
  policies: readonly SlaPolicy[];
  internal: readonly InternalSla[];
}

type Problem = { ok: false; field: string; reason: string };
const problem = (field: string, reason: string): Problem => ({ ok: false, field, reason });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkIdAndName(
  item: Record<string, unknown>,
  field: string,
  seen: Set<string>,
): Problem | undefined {
  if (typeof item.id !== "string" || item.id.trim() === "")
    return problem(`${field}.id`, "is required");
  if (seen.has(item.id)) return problem(`${field}.id`, `"${item.id}" is used twice`);
  seen.add(item.id);
  if (typeof item.name !== "string" || item.name.trim() === "") {
    return problem(`${field}.name`, "is required");
  }
  return undefined;
}

export function validateCalendarsDocument(
  body: CalendarsDocument,
): SettingsCheck<CalendarsDocument> {
  if (!isRecord(body) || !Array.isArray(body.calendars)) {
    return problem("calendars", "must be a list of calendars");
  }
  const seen = new Set<string>();
  const calendars: StoredCalendar[] = [];
  for (const [index, item] of body.calendars.entries()) {
    const field = `calendars.${index}`;
    if (!isRecord(item)) return problem(field, "must be an object");
    const named = checkIdAndName(item, field, seen);
    if (named) return named;
    const parsed = parseCalendar(item);
    if (!parsed.ok) {
      return problem(
        parsed.field === "calendar" ? field : `${field}.${parsed.field}`,
        parsed.reason,
      );
    }
    const { calendar } = parsed;
    calendars.push({
      id: item.id as string,
      name: item.name as string,
      timezone: calendar.timezone,
      hours: calendar.hours,
      holidays: calendar.holidays,
      ...(calendar.exceptions === undefined ? {} : { exceptions: calendar.exceptions }),
    });
  }
  return { ok: true, body: { calendars } };
}

function validateInternalSla(input: unknown, field: string): InternalSla | Problem {
  if (!isRecord(input)) return problem(field, "must be an object");
  const { team, fromTeams, target, calendarId, atRiskShare } = input;
  if (typeof team !== "string" || team.trim() === "") {
    return problem(`${field}.team`, "is required: the team receiving the handoff");
  }
  const from: string[] = [];
  if (fromTeams !== undefined) {
    if (!Array.isArray(fromTeams))
      return problem(`${field}.fromTeams`, "must be a list of team ids");
    for (const [index, item] of fromTeams.entries()) {
      if (typeof item !== "string" || item.trim() === "") {
        return problem(`${field}.fromTeams.${index}`, "must be a team id");
      }
      from.push(item);
    }
  }
  if (!isRecord(target))
    return problem(`${field}.target`, 'is required: {"minutes": n, "time": "business"}');
  const { minutes, time } = target;
  if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes <= 0) {
    return problem(`${field}.target.minutes`, "must be a number of minutes greater than 0");
  }
  if (minutes > MAX_BUSINESS_MINUTES) {
    return problem(`${field}.target.minutes`, `must be at most ${MAX_BUSINESS_MINUTES}`);
  }
  if (typeof time !== "string" || !(SLA_TIME_KINDS as readonly string[]).includes(time)) {
    return problem(`${field}.target.time`, `must be one of ${SLA_TIME_KINDS.join(", ")}`);
  }
  if (calendarId !== undefined && (typeof calendarId !== "string" || calendarId.trim() === "")) {
    return problem(`${field}.calendarId`, "must be the id of a business calendar");
  }
  if (time === "business" && calendarId === undefined) {
    return problem(`${field}.calendarId`, "is required for a business-time target");
  }
  if (
    typeof atRiskShare !== "number" ||
    !Number.isFinite(atRiskShare) ||
    atRiskShare <= 0 ||
    atRiskShare >= 1
  ) {
    return problem(
      `${field}.atRiskShare`,
      "must be a number between 0 and 1, exclusive (e.g. 0.75)",
    );
  }
  return {
    id: input.id as string,
    name: input.name as string,
    team,
    fromTeams: from,
    target: { minutes, time: time as SlaTimeKind },
    ...(calendarId === undefined ? {} : { calendarId: calendarId as string }),
    atRiskShare,
  };
}

export function validateSlaPoliciesDocument(
  body: SlaPoliciesDocument,
): SettingsCheck<SlaPoliciesDocument> {
  if (!isRecord(body) || !Array.isArray(body.policies)) {
    return problem("policies", "must be a list of SLA policies");
  }
  const policies: SlaPolicy[] = [];
  const seen = new Set<string>();
  for (const [index, item] of body.policies.entries()) {
    const field = `policies.${index}`;
    const result = validatePolicy(item);
    if (!result.ok) {
      return problem(result.field === "policy" ? field : `${field}.${result.field}`, result.reason);
    }
    if (seen.has(result.policy.id))
      return problem(`${field}.id`, `"${result.policy.id}" is used twice`);
    seen.add(result.policy.id);
    policies.push(result.policy);
  }
  const internal: InternalSla[] = [];
  const internalRaw: unknown = body.internal ?? [];
  if (!Array.isArray(internalRaw)) return problem("internal", "must be a list of internal SLAs");
  const seenInternal = new Set<string>();
  for (const [index, item] of internalRaw.entries()) {
    const field = `internal.${index}`;
    if (!isRecord(item)) return problem(field, "must be an object");
    const named = checkIdAndName(item, field, seenInternal);
    if (named) return named;
    const result = validateInternalSla(item, field);
    if ("ok" in result) return result;
    internal.push(result);
  }
  return { ok: true, body: { policies, internal } };
}

/** Every place a document refers to a calendar, with its field. */
export function calendarReferences(
  document: SlaPoliciesDocument,
): { calendarId: string; field: string; owner: string }[] {
  const references: { calendarId: string; field: string; owner: string }[] = [];
  for (const [index, policy] of document.policies.entries()) {
    if (policy.calendarId !== undefined) {
      references.push({
        calendarId: policy.calendarId,
        field: `policies.${index}.calendarId`,
        owner: `SLA policy "${policy.id}"`,
      });
    }
  }
  for (const [index, sla] of document.internal.entries()) {
    if (sla.calendarId !== undefined) {
      references.push({
        calendarId: sla.calendarId,
        field: `internal.${index}.calendarId`,
        owner: `internal SLA "${sla.id}"`,
      });
    }
  }
  return references;
}

/** Parses both (already validated) documents into what the clocks are computed with. */
export function toSlaSettings(
  calendarsDocument: CalendarsDocument,
  policiesDocument: SlaPoliciesDocument,
): SlaSettings {
  const calendars = new Map<string, BusinessCalendar>();
  for (const stored of calendarsDocument.calendars) {
    const parsed = parseCalendar(stored);
    if (parsed.ok) calendars.set(stored.id, parsed.calendar);
  }
  const policies: SlaPolicy[] = [];
  for (const stored of policiesDocument.policies) {
    const result = validatePolicy(stored);
    if (result.ok) policies.push(result.policy);
  }
  return {
    calendars,
    policies: orderPolicies(policies),
    internal: policiesDocument.internal ?? [],
  };
}

export const CALENDARS_SETTINGS: SettingsDefinition<CalendarsDocument> = {
  kind: "calendars",
  defaults: () => ({ calendars: [] }),
  validate: validateCalendarsDocument,
};

export const SLA_POLICIES_SETTINGS: SettingsDefinition<SlaPoliciesDocument> = {
  kind: "sla-policies",
  defaults: () => ({ policies: [], internal: [] }),
  validate: validateSlaPoliciesDocument,
};

/**
 * Mapping between a page's filters and the URL query string. The URL is the source of truth, so
 * a filtered list can be bookmarked, shared and restored with the back button; the same names
 * are the API's query parameters, so the filters pass straight through to the server.
 */
import {
  CASE_STATUSES,
  CHANNELS,
  EVENT_TYPES,
  PRIORITIES,
} from "../../../src/modules/events/event.types.ts";

export type FilterField = { kind: "text" } | { kind: "choice"; options: readonly string[] };

export type FilterSchema = Readonly<Record<string, FilterField>>;

/** Every filter of a schema as a string; "" means "not filtered". */
export type FilterValues<S extends FilterSchema> = { [K in keyof S]: string };

const text: FilterField = { kind: "text" };

function choice(options: readonly string[]): FilterField {
  return { kind: "choice", options };
}

export const CASE_FILTERS = {
  status: choice(CASE_STATUSES),
  team: text,
  agent: text,
  channel: choice(CHANNELS),
  priority: choice(PRIORITIES),
  category: text,
  customer: text,
} as const satisfies FilterSchema;

/**
 * The queue: one team's queue (the default team when empty), one named queue of it, and whether
 * cases an agent has already are listed too.
 */
export const QUEUE_FILTERS = {
  team: text,
  queue: text,
  includeAssigned: choice(["true"]),
} as const satisfies FilterSchema;

export const CUSTOMER_FILTERS = {
  q: text,
  tier: text,
  segment: text,
  region: text,
} as const satisfies FilterSchema;

export const EVENT_FILTERS = {
  type: choice(EVENT_TYPES),
} as const satisfies FilterSchema;

export const AUDIT_FILTERS = {
  actor: text,
  action: text,
} as const satisfies FilterSchema;

function keysOf<S extends FilterSchema>(schema: S): (keyof S & string)[] {
  return Object.keys(schema) as (keyof S & string)[];
}

function normalise(field: FilterField, raw: string | null): string {
  const value = (raw ?? "").trim();
  if (field.kind === "choice" && !field.options.includes(value)) return "";
  return value;
}

/**
 * Reads a schema's filters from a query string. Unknown parameters are ignored, text is trimmed,
 * and a choice outside its options reads as unfiltered (`?status=bogus` shows every status).
 */
export function parseFilters<S extends FilterSchema>(
  schema: S,
  params: URLSearchParams,
): FilterValues<S> {
  const values = {} as FilterValues<S>;
  for (const key of keysOf(schema)) {
    values[key] = normalise(schema[key] as FilterField, params.get(key));
  }
  return values;
}

/** Writes filters as query parameters in schema order, leaving unfiltered ones out. */
export function filtersToSearchParams<S extends FilterSchema>(
  schema: S,
  values: FilterValues<S>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keysOf(schema)) {
    const value = normalise(schema[key] as FilterField, values[key]);
    if (value !== "") params.set(key, value);
  }
  return params;
}

/** The filters as a plain object for an API call, unfiltered ones left out. */
export function filtersToQuery<S extends FilterSchema>(
  schema: S,
  values: FilterValues<S>,
): Partial<FilterValues<S>> {
  return Object.fromEntries(filtersToSearchParams(schema, values)) as Partial<FilterValues<S>>;
}

/** How many filters are set, to decide whether to offer "Clear filters". */
export function countActiveFilters<S extends FilterSchema>(
  schema: S,
  values: FilterValues<S>,
): number {
  return filtersToSearchParams(schema, values).size;
}

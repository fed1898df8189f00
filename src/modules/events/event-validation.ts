import { Compile, type Validator } from "typebox/compile";
import { EVENT_SCHEMAS } from "./event.schemas.js";
import {
  EVENT_TYPES,
  type EventType,
  SURVEY_SCORE_RANGE,
  type SurveyKind,
  type ThroughlineEvent,
} from "./event.types.js";

export interface EventProblem {
  /** The event field at fault (`priority`, `checklist.summary`); absent when the line is not JSON. */
  field?: string;
  reason: string;
}

export type EventCheck =
  | { ok: true; event: ThroughlineEvent; atMs: number }
  | { ok: false; problem: EventProblem };

const VALIDATORS = new Map<string, Validator>(
  EVENT_TYPES.map((type) => [type, Compile(EVENT_SCHEMAS[type])] as const),
);

// ISO-8601 date-time with optional seconds and fraction and a mandatory offset or Z, so that a
// timestamp never depends on the importing machine's time zone.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch for an ISO-8601 instant with offset, or null when it is not one. */
export function parseInstant(value: string): number | null {
  const parts = ISO_INSTANT.exec(value);
  if (!parts) return null;
  // Date.parse rolls impossible dates over (2026-02-30 becomes March 2), so the fields are
  // range-checked first. This runs once per imported line, which is why it is not Luxon
  // (measured: Luxon's fromISO is ~16 µs a call, this ~1 µs).
  const [, year, month, day, hour, minute, second, offsetHour, offsetMinute] = parts.map(Number);
  if (month === undefined || month < 1 || month > 12) return null;
  const daysInMonth = new Date(Date.UTC(year ?? 0, month, 0)).getUTCDate();
  if (day === undefined || day < 1 || day > daysInMonth) return null;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return null;
  if ((offsetHour ?? 0) > 23 || (offsetMinute ?? 0) > 59) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

function pointerToField(pointer: string): string {
  return pointer.replace(/^\//, "").replaceAll("/", ".");
}

/**
 * Checks one candidate event against the vocabulary of PRODUCT.md: shape, enums, `at`, and the
 * rules a schema cannot say (survey score ranges). References to other records are checked by
 * the caller, which knows the store.
 */
/** Deepest nesting an event may carry in its extra fields; deeper is a client error, not a crash. */
export const MAX_EVENT_DEPTH = 32;

/** The path of the first value nested deeper than `limit`, or undefined. */
function findTooDeep(value: unknown, limit: number, path: string[] = []): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (path.length >= limit) return path.join(".");
  for (const [key, child] of Object.entries(value)) {
    const found = findTooDeep(child, limit, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function checkEvent(candidate: unknown): EventCheck {
  if (typeof candidate !== "object" || candidate === null || Array.isArray(candidate)) {
    return { ok: false, problem: { reason: "an event must be a JSON object" } };
  }
  const record = candidate as Record<string, unknown>;
  const tooDeep = findTooDeep(record, MAX_EVENT_DEPTH);
  if (tooDeep !== undefined) {
    return {
      ok: false,
      problem: {
        field: tooDeep.split(".")[0] ?? tooDeep,
        reason: `nests deeper than ${MAX_EVENT_DEPTH} levels`,
      },
    };
  }
  if (record.type === undefined) {
    return { ok: false, problem: { field: "type", reason: "is required" } };
  }
  if (!isEventType(record.type)) {
    return {
      ok: false,
      problem: { field: "type", reason: `unknown event type ${JSON.stringify(record.type)}` },
    };
  }
  const validator = VALIDATORS.get(record.type);
  if (validator && !validator.Check(record)) {
    const [first] = validator.Errors(record);
    if (first) {
      if (first.keyword === "required") {
        const missing = (first.params as { requiredProperties?: string[] }).requiredProperties;
        const parent = pointerToField(first.instancePath);
        const name = missing?.[0] ?? "?";
        return {
          ok: false,
          problem: { field: parent ? `${parent}.${name}` : name, reason: "is required" },
        };
      }
      const field = pointerToField(first.instancePath);
      return {
        ok: false,
        problem: { field: field || "type", reason: describeSchemaError(first.keyword, first) },
      };
    }
  }
  const atMs = parseInstant(String(record.at));
  if (atMs === null) {
    return {
      ok: false,
      problem: { field: "at", reason: "must be an ISO-8601 date-time with an offset or Z" },
    };
  }
  if (record.type === "survey.answered") {
    const [min, max] = SURVEY_SCORE_RANGE[record.kind as SurveyKind];
    const score = record.score as number;
    if (score < min || score > max) {
      return {
        ok: false,
        problem: { field: "score", reason: `${record.kind} scores run from ${min} to ${max}` },
      };
    }
  }
  if (record.type === "alert.raised" && parseInstant(String(record.bucketStart)) === null) {
    return {
      ok: false,
      problem: {
        field: "bucketStart",
        reason: "must be an ISO-8601 date-time with an offset or Z",
      },
    };
  }
  return { ok: true, event: record as ThroughlineEvent, atMs };
}

function describeSchemaError(keyword: string, error: { message: string; params: object }): string {
  switch (keyword) {
    case "enum":
      return `must be one of ${(error as { params: { allowedValues: unknown[] } }).params.allowedValues.join(", ")}`;
    case "pattern":
      return `has the wrong format (${error.message})`;
    default:
      return error.message;
  }
}

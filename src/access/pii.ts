import { type EventType, PERSONAL_EVENT_FIELDS } from "../modules/events/event.types.js";

/**
 * Personal data in API answers. Response schemas mark personal strings with `"x-pii": true` and
 * event payloads (whose personal fields depend on the event type, see PERSONAL_EVENT_FIELDS)
 * with `"x-pii-event-data": true`. For a caller without `pii:read`, http/pii-masking.ts walks
 * each answer along its route's response schema with `maskBySchema` and masks those values.
 *
 * The masks are partial on purpose: an analyst can still tell records apart, spot duplicates
 * (two customers `A•••@example.com` in one region) and see which records carry a value at all,
 * without reading the personal data itself. The mask has a fixed length, so it does not give away
 * the length of the value either.
 */

const BULLETS = "•••";

/** Phone numbers this short (extensions, service numbers) would be half-revealed by two digits. */
const MIN_DIGITS_TO_SHOW_TAIL = 5;

export type PersonalValueKind = "email" | "phone" | "text";

/**
 * Masks one personal value; empty strings stay empty and null stays null.
 *
 * @example
 * maskPersonalValue("email", "ada@example.com")  // "a•••@example.com"
 * maskPersonalValue("phone", "+44 20 7946 0958") // "•••58"
 * maskPersonalValue("text", "Ada Lovelace")      // "A•••"
 */
export function maskPersonalValue(kind: PersonalValueKind, value: string): string;
export function maskPersonalValue(kind: PersonalValueKind, value: string | null): string | null;
export function maskPersonalValue(kind: PersonalValueKind, value: string | null): string | null {
  if (value === null || value === "") return value;
  switch (kind) {
    case "email":
      return maskEmail(value);
    case "phone":
      return maskPhone(value);
    case "text":
      return firstCharacter(value) + BULLETS;
  }
}

/**
 * The mask a personal field gets, by its name. Anything but `email` and `phone` is masked as
 * text, the mask that shows the least.
 */
export function personalValueKind(field: string | undefined): PersonalValueKind {
  if (field === "email") return "email";
  if (field === "phone") return "phone";
  return "text";
}

/** Masks a personal string; `field` is the name of the property that holds it, if any. */
export type Mask = (value: string, field: string | undefined) => string;

export const maskPersonalField: Mask = (value, field) =>
  maskPersonalValue(personalValueKind(field), value);

/**
 * A copy of `value` with every personal value masked, as `schema` (the JSON Schema the value is
 * serialised with) marks them: strings under `"x-pii": true`, and the PERSONAL_EVENT_FIELDS of
 * event payloads under `"x-pii-event-data": true`. It follows `properties` (then
 * `patternProperties` and `additionalProperties`), array `items`, and the branch of an
 * `anyOf`/`oneOf` that fits the value. Anything the schema does not mark is returned as is; the
 * input is never changed.
 */
export function maskBySchema(schema: unknown, value: unknown, mask: Mask): unknown {
  return walk(schema, value, mask, false, undefined);
}

interface SchemaNode {
  "x-pii"?: unknown;
  "x-pii-event-data"?: unknown;
  type?: unknown;
  properties?: unknown;
  patternProperties?: unknown;
  additionalProperties?: unknown;
  items?: unknown;
  anyOf?: unknown;
  oneOf?: unknown;
  allOf?: unknown;
}

function walk(
  schema: unknown,
  value: unknown,
  mask: Mask,
  inPersonal: boolean,
  field: string | undefined,
): unknown {
  const node = asSchemaNode(schema);
  const personal = inPersonal || node?.["x-pii"] === true;
  if (node === undefined || value === null || value === undefined) {
    return personal && typeof value === "string" ? mask(value, field) : value;
  }
  if (node["x-pii-event-data"] === true) return maskEventData(value, mask);

  const alternatives = Array.isArray(node.anyOf) ? node.anyOf : node.oneOf;
  if (Array.isArray(alternatives)) {
    const branch = branchFor(alternatives, value);
    if (branch !== undefined) return walk(branch, value, mask, personal, field);
    return personal && typeof value === "string" ? mask(value, field) : value;
  }
  if (Array.isArray(node.allOf)) {
    return node.allOf.reduce<unknown>(
      (current, part) => walk(part, current, mask, personal, field),
      value,
    );
  }

  if (typeof value === "string") return personal ? mask(value, field) : value;
  if (Array.isArray(value)) {
    const items = node.items;
    return value.map((item) => walk(items, item, mask, personal, field));
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        walk(propertySchema(node, key), child, mask, personal, key),
      ]),
    );
  }
  return value;
}

/** Masks the personal fields of one event payload (the full event, `type` included). */
function maskEventData(value: unknown, mask: Mask): unknown {
  if (!isRecord(value) || typeof value.type !== "string") return value;
  const fields = personalEventFields(value.type);
  if (fields.length === 0) return value;
  const masked: Record<string, unknown> = { ...value };
  for (const field of fields) {
    const fieldValue = masked[field];
    if (typeof fieldValue === "string") masked[field] = mask(fieldValue, field);
  }
  return masked;
}

function personalEventFields(type: string): readonly string[] {
  // hasOwn: an event type is data from the log, and "constructor" must not reach the prototype.
  if (!Object.hasOwn(PERSONAL_EVENT_FIELDS, type)) return [];
  return PERSONAL_EVENT_FIELDS[type as EventType] ?? [];
}

/** The schema of `key` in an object schema, as a JSON Schema validator would pick it. */
function propertySchema(node: SchemaNode, key: string): unknown {
  if (isRecord(node.properties) && Object.hasOwn(node.properties, key)) {
    return node.properties[key];
  }
  if (isRecord(node.patternProperties)) {
    for (const [pattern, schema] of Object.entries(node.patternProperties)) {
      if (new RegExp(pattern, "u").test(key)) return schema;
    }
  }
  return node.additionalProperties;
}

/** The first alternative whose `type` fits the value, else the first without a `type`. */
function branchFor(alternatives: unknown[], value: unknown): unknown {
  const kind = jsonTypeOf(value);
  const typed = alternatives.find((alternative) => {
    const declared = asSchemaNode(alternative)?.type;
    const types = Array.isArray(declared) ? declared : [declared];
    return types.includes(kind) || (kind === "number" && types.includes("integer"));
  });
  return typed ?? alternatives.find((alternative) => asSchemaNode(alternative)?.type === undefined);
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf("@");
  if (at < 0) return firstCharacter(value) + BULLETS;
  return `${firstCharacter(value.slice(0, at))}${BULLETS}${value.slice(at)}`;
}

function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, "");
  return digits.length < MIN_DIGITS_TO_SHOW_TAIL ? BULLETS : BULLETS + digits.slice(-2);
}

/** The first character (a whole code point, so an emoji is not cut in half), or "". */
function firstCharacter(value: string): string {
  const codePoint = value.trimStart().codePointAt(0);
  return codePoint === undefined ? "" : String.fromCodePoint(codePoint);
}

function asSchemaNode(schema: unknown): SchemaNode | undefined {
  return isRecord(schema) ? (schema as SchemaNode) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

import type { FieldError } from "../../errors.js";
import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";

/**
 * Handoff types per team pair, administered as the `handoff-types` settings document: a handoff
 * between two teams that have types must name one and carry every required checklist item. Pairs
 * with no type accept any handoff. Pure; handoff.service.ts loads the document and applies it.
 */
export interface HandoffTypes {
  types: HandoffType[];
}

export interface HandoffType {
  id: string;
  name: string;
  /** The sending team. */
  from: string;
  /** The receiving team. */
  to: string;
  checklist: ChecklistItem[];
}

export interface ChecklistItem {
  id: string;
  label: string;
  required: boolean;
}

export function validateHandoffTypes(body: HandoffTypes): SettingsCheck<HandoffTypes> {
  const ids = new Set<string>();
  for (const [index, type] of body.types.entries()) {
    if (ids.has(type.id)) {
      return { ok: false, field: `types.${index}.id`, reason: "repeats the id of an earlier type" };
    }
    ids.add(type.id);
    if (type.from === type.to) {
      return {
        ok: false,
        field: `types.${index}.to`,
        reason: "is the sending team: a handoff moves a case to another team",
      };
    }
    const items = new Set<string>();
    for (const [itemIndex, item] of type.checklist.entries()) {
      if (items.has(item.id)) {
        return {
          ok: false,
          field: `types.${index}.checklist.${itemIndex}.id`,
          reason: `repeats an earlier item of ${type.id}`,
        };
      }
      items.add(item.id);
    }
  }
  return { ok: true, body };
}

export const HANDOFF_TYPE_SETTINGS: SettingsDefinition<HandoffTypes> = {
  kind: "handoff-types",
  defaults: () => ({ types: [] }),
  validate: validateHandoffTypes,
};

/** The teams a document names, with the field naming each (for the check that they exist). */
export function teamReferencesOf(body: HandoffTypes): { team: string; field: string }[] {
  return body.types.flatMap((type, index) => [
    { team: type.from, field: `types.${index}.from` },
    { team: type.to, field: `types.${index}.to` },
  ]);
}

export interface HandoffRequest {
  from: string;
  to: string;
  /** The handoff type's id, when the sender named one. */
  type: string | undefined;
  /** Item id → done; anything else than an object counts as no item done. */
  checklist: unknown;
}

/**
 * Every problem of a handoff against the types of its team pair, named by the event's fields
 * (`handoffType`, `checklist.<id>`); empty when the pair has no types or the handoff is complete.
 *
 * @example
 * // billing → technical has the type "billing-to-tech" with required "account-verified":
 * checkHandoff(types, { from: "billing", to: "technical", type: "billing-to-tech", checklist: {} })
 * // [{ field: "checklist.account-verified", reason: "Account verified is required" }]
 */
export function checkHandoff(document: HandoffTypes, request: HandoffRequest): FieldError[] {
  const types = document.types.filter(
    (type) => type.from === request.from && type.to === request.to,
  );
  if (types.length === 0) return [];
  const names = types.map((type) => type.id).join(", ");
  if (request.type === undefined) {
    return [
      {
        field: "handoffType",
        reason: `is required from ${request.from} to ${request.to}: one of ${names}`,
      },
    ];
  }
  const type = types.find((candidate) => candidate.id === request.type);
  if (!type) {
    return [
      {
        field: "handoffType",
        reason: `${request.type} is not a handoff type from ${request.from} to ${request.to}: one of ${names}`,
      },
    ];
  }
  const done =
    typeof request.checklist === "object" && request.checklist !== null
      ? (request.checklist as Record<string, unknown>)
      : {};
  return type.checklist
    .filter((item) => item.required && done[item.id] !== true)
    .map((item) => ({ field: `checklist.${item.id}`, reason: `${item.label} is required` }));
}

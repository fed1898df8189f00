/**
 * The handoff dialog's rules, as the server applies them (issue 4, item 4): a pair of teams with
 * handoff types must name one and tick each of its required checklist items; a pair without
 * types accepts any handoff.
 */

import type { HandoffInput } from "../api/cases.ts";
import type { HandoffType } from "../api/settings-types.ts";

/** The handoff types defined for handing a case from team `from` to team `to`. */
export function handoffTypesForPair(
  types: readonly HandoffType[],
  from: string,
  to: string,
): HandoffType[] {
  return types.filter((type) => type.from === from && type.to === to);
}

/** The required items of `type` not ticked in `checked`. */
export function missingRequiredItems(
  type: HandoffType,
  checked: Readonly<Record<string, boolean>>,
): string[] {
  return type.checklist
    .filter((item) => item.required && checked[item.id] !== true)
    .map((item) => item.id);
}

export interface HandoffDraft {
  to: string;
  /** "" when the pair has no types or none is picked yet. */
  type: string;
  reason: string;
  checked: Record<string, boolean>;
}

/**
 * The request body: the type and every item of its checklist (ticked or not) when a type is
 * picked, the reason when one was written.
 */
export function handoffBody(draft: HandoffDraft, type: HandoffType | undefined): HandoffInput {
  const body: HandoffInput = { to: draft.to };
  if (type !== undefined) {
    body.type = type.id;
    body.checklist = Object.fromEntries(
      type.checklist.map((item) => [item.id, draft.checked[item.id] === true]),
    );
  }
  const reason = draft.reason.trim();
  if (reason !== "") body.reason = reason;
  return body;
}

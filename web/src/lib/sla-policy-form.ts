/**
 * SLA policies as the policy editor holds them. The list order is the matching order: on save
 * each policy's `position` is its place in the list (1, 2, …), so the document's array order and
 * the positions agree and an error about `policies.2` names the third policy shown.
 */
import type { Channel, Priority } from "../../../src/modules/events/event.types.ts";
import {
  type InternalSla,
  SLA_TARGET_KINDS,
  type SlaPoliciesDocument,
  type SlaPolicy,
  type SlaTarget,
  type SlaTargetKind,
  type TimeKind,
} from "../api/settings-types.ts";
import { uniqueId } from "./calendar-form.ts";
import { formatCommaList, parseCommaList } from "./comma-list.ts";
import {
  numberFromText,
  percentTextFromShare,
  shareFromPercentText,
  textFromNumber,
} from "./number-text.ts";

export interface TargetDraft {
  enabled: boolean;
  minutes: string;
  time: TimeKind;
}

export interface SlaPolicyDraft {
  id: string;
  name: string;
  tiersText: string;
  priorities: Priority[];
  channels: Channel[];
  categoriesText: string;
  targets: Record<SlaTargetKind, TargetDraft>;
  /** "" for none. */
  calendarId: string;
  atRiskPercent: string;
}

export interface InternalSlaDraft {
  id: string;
  name: string;
  team: string;
  fromTeams: string[];
  minutes: string;
  time: TimeKind;
  calendarId: string;
  atRiskPercent: string;
}

export interface SlaPoliciesDraft {
  policies: SlaPolicyDraft[];
  internal: InternalSlaDraft[];
}

const DEFAULT_AT_RISK_PERCENT = "75";

function targetToDraft(target: SlaTarget | undefined): TargetDraft {
  if (target === undefined) return { enabled: false, minutes: "", time: "business" };
  return { enabled: true, minutes: textFromNumber(target.minutes), time: target.time };
}

function draftToTarget(draft: { minutes: string; time: TimeKind }): SlaTarget {
  return { minutes: numberFromText(draft.minutes), time: draft.time };
}

export function policyToDraft(policy: SlaPolicy): SlaPolicyDraft {
  const targets = {} as Record<SlaTargetKind, TargetDraft>;
  for (const kind of SLA_TARGET_KINDS) targets[kind] = targetToDraft(policy.targets[kind]);
  return {
    id: policy.id,
    name: policy.name,
    tiersText: formatCommaList(policy.conditions.tiers ?? []),
    priorities: [...(policy.conditions.priorities ?? [])],
    channels: [...(policy.conditions.channels ?? [])],
    categoriesText: formatCommaList(policy.conditions.categories ?? []),
    targets,
    calendarId: policy.calendarId ?? "",
    atRiskPercent: percentTextFromShare(policy.atRiskShare),
  };
}

export function draftToPolicy(draft: SlaPolicyDraft, index: number): SlaPolicy {
  const targets: SlaPolicy["targets"] = {};
  for (const kind of SLA_TARGET_KINDS) {
    const target = draft.targets[kind];
    if (target.enabled) targets[kind] = draftToTarget(target);
  }
  const policy: SlaPolicy = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    position: index + 1,
    conditions: {
      tiers: parseCommaList(draft.tiersText),
      priorities: [...draft.priorities],
      channels: [...draft.channels],
      categories: parseCommaList(draft.categoriesText),
    },
    targets,
    atRiskShare: shareFromPercentText(draft.atRiskPercent),
  };
  if (draft.calendarId !== "") policy.calendarId = draft.calendarId;
  return policy;
}

export function internalToDraft(sla: InternalSla): InternalSlaDraft {
  return {
    id: sla.id,
    name: sla.name,
    team: sla.team,
    fromTeams: [...sla.fromTeams],
    minutes: textFromNumber(sla.target.minutes),
    time: sla.target.time,
    calendarId: sla.calendarId ?? "",
    atRiskPercent: percentTextFromShare(sla.atRiskShare),
  };
}

export function draftToInternal(draft: InternalSlaDraft): InternalSla {
  const sla: InternalSla = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    team: draft.team,
    fromTeams: [...draft.fromTeams],
    target: draftToTarget(draft),
    atRiskShare: shareFromPercentText(draft.atRiskPercent),
  };
  if (draft.calendarId !== "") sla.calendarId = draft.calendarId;
  return sla;
}

/** Policies in matching order (by position; the document's order breaks ties). */
export function slaPoliciesToDraft(document: SlaPoliciesDocument): SlaPoliciesDraft {
  const ordered = document.policies
    .map((policy, index) => ({ policy, index }))
    .sort((left, right) => left.policy.position - right.policy.position || left.index - right.index)
    .map(({ policy }) => policyToDraft(policy));
  return { policies: ordered, internal: (document.internal ?? []).map(internalToDraft) };
}

export function draftToSlaPolicies(draft: SlaPoliciesDraft): SlaPoliciesDocument {
  return {
    policies: draft.policies.map(draftToPolicy),
    internal: draft.internal.map(draftToInternal),
  };
}

export function newPolicyDraft(existingIds: readonly string[], calendarId: string): SlaPolicyDraft {
  return {
    id: uniqueId("policy", existingIds),
    name: "",
    tiersText: "",
    priorities: [],
    channels: [],
    categoriesText: "",
    targets: {
      firstResponse: { enabled: true, minutes: "60", time: "business" },
      nextUpdate: { enabled: false, minutes: "", time: "business" },
      resolution: { enabled: true, minutes: "480", time: "business" },
    },
    calendarId,
    atRiskPercent: DEFAULT_AT_RISK_PERCENT,
  };
}

export function newInternalDraft(
  existingIds: readonly string[],
  team: string,
  calendarId: string,
): InternalSlaDraft {
  return {
    id: uniqueId("internal", existingIds),
    name: "",
    team,
    fromTeams: [],
    minutes: "60",
    time: "business",
    calendarId,
    atRiskPercent: DEFAULT_AT_RISK_PERCENT,
  };
}

/** Moves the item at `from` one place up (-1) or down (+1); out-of-range moves change nothing. */
export function moveItem<T>(items: readonly T[], from: number, step: -1 | 1): T[] {
  const to = from + step;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const moved = [...items];
  const [item] = moved.splice(from, 1);
  if (item !== undefined) moved.splice(to, 0, item);
  return moved;
}

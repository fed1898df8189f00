/**
 * Escalation policies as the editor holds them. A step's recipient is a kind plus one value (the
 * role, user or team its kind needs); the list order is the matching order, as for SLA policies.
 */
import type { Role } from "../../../src/access/permissions.ts";
import type { Priority } from "../../../src/modules/events/event.types.ts";
import type {
  EscalationAction,
  EscalationPoliciesDocument,
  EscalationPolicy,
  EscalationRecipient,
  EscalationStep,
  EscalationTrigger,
  RecipientKind,
  TimeKind,
} from "../api/settings-types.ts";
import { uniqueId } from "./calendar-form.ts";
import { formatCommaList, parseCommaList } from "./comma-list.ts";
import { numberFromText, textFromNumber } from "./number-text.ts";

export interface StepDraft {
  trigger: EscalationTrigger;
  afterMinutes: string;
  time: TimeKind;
  action: EscalationAction;
  /** Only sent for escalate steps. */
  level: string;
  toKind: RecipientKind;
  /** The role, user id or team id, for the kinds that need one. */
  toValue: string;
}

export interface EscalationPolicyDraft {
  id: string;
  name: string;
  tiersText: string;
  priorities: Priority[];
  calendarId: string;
  steps: StepDraft[];
}

export function recipientValueOf(recipient: EscalationRecipient): string {
  switch (recipient.kind) {
    case "role":
      return recipient.role;
    case "user":
      return recipient.user;
    case "team":
      return recipient.team;
    case "team_lead":
    case "manager":
      return "";
  }
}

export function draftToRecipient(kind: RecipientKind, value: string): EscalationRecipient {
  switch (kind) {
    case "role":
      return { kind, role: value as Role };
    case "user":
      return { kind, user: value.trim() };
    case "team":
      return { kind, team: value };
    case "team_lead":
    case "manager":
      return { kind };
  }
}

/** Whether a recipient kind needs a value, and which. */
export function recipientValueKind(kind: RecipientKind): "role" | "user" | "team" | null {
  return kind === "role" || kind === "user" || kind === "team" ? kind : null;
}

export function stepToDraft(step: EscalationStep): StepDraft {
  return {
    trigger: step.trigger,
    afterMinutes: textFromNumber(step.afterMinutes),
    time: step.time,
    action: step.action,
    level: textFromNumber(step.level),
    toKind: step.to.kind,
    toValue: recipientValueOf(step.to),
  };
}

export function draftToStep(draft: StepDraft): EscalationStep {
  const step: EscalationStep = {
    trigger: draft.trigger,
    afterMinutes: numberFromText(draft.afterMinutes),
    time: draft.time,
    action: draft.action,
    to: draftToRecipient(draft.toKind, draft.toValue),
  };
  if (draft.action === "escalate") step.level = numberFromText(draft.level);
  return step;
}

export function escalationPoliciesToDraft(
  document: EscalationPoliciesDocument,
): EscalationPolicyDraft[] {
  return document.policies
    .map((policy, index) => ({ policy, index }))
    .sort((left, right) => left.policy.position - right.policy.position || left.index - right.index)
    .map(({ policy }) => ({
      id: policy.id,
      name: policy.name,
      tiersText: formatCommaList(policy.conditions?.tiers ?? []),
      priorities: [...(policy.conditions?.priorities ?? [])],
      calendarId: policy.calendarId ?? "",
      steps: policy.steps.map(stepToDraft),
    }));
}

export function draftToEscalationPolicies(
  drafts: readonly EscalationPolicyDraft[],
): EscalationPoliciesDocument {
  return {
    policies: drafts.map((draft, index) => {
      const policy: EscalationPolicy = {
        id: draft.id.trim(),
        name: draft.name.trim(),
        position: index + 1,
        conditions: { tiers: parseCommaList(draft.tiersText), priorities: [...draft.priorities] },
        steps: draft.steps.map(draftToStep),
      };
      if (draft.calendarId !== "") policy.calendarId = draft.calendarId;
      return policy;
    }),
  };
}

export function newStepDraft(previous: StepDraft | undefined): StepDraft {
  if (previous === undefined) {
    return {
      trigger: "at_risk",
      afterMinutes: "0",
      time: "business",
      action: "notify",
      level: "",
      toKind: "team_lead",
      toValue: "",
    };
  }
  return {
    trigger: "breached",
    afterMinutes: previous.trigger === "breached" ? previous.afterMinutes : "0",
    time: previous.time,
    action: "escalate",
    level: "1",
    toKind: "manager",
    toValue: "",
  };
}

export function newEscalationPolicyDraft(
  existingIds: readonly string[],
  calendarId: string,
): EscalationPolicyDraft {
  return {
    id: uniqueId("escalation", existingIds),
    name: "",
    tiersText: "",
    priorities: [],
    calendarId,
    steps: [newStepDraft(undefined)],
  };
}

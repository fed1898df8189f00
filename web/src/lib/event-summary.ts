/**
 * The key fields of an event, as short label/value pairs for timelines and the event log.
 * Team and agent ids are turned into names through the resolver the caller passes in.
 */
import type { ThroughlineEvent } from "../../../src/modules/events/event.types.ts";
import { formatDuration } from "./format-duration.ts";
import {
  CHANNEL_LABELS,
  labelOf,
  PRESENCE_LABELS,
  PRIORITY_LABELS,
  STATUS_LABELS,
  SURVEY_KIND_LABELS,
} from "./labels.ts";

export interface SummaryField {
  label: string;
  value: string;
}

export interface NameResolver {
  teamName(id: string): string;
  agentName(id: string): string;
}

/** Fields every event has and that the timeline already shows elsewhere. */
const ENVELOPE_FIELDS = new Set(["type", "at", "id", "case", "customer"]);

/** Renders any JSON value compactly: arrays comma-separated, objects as `key: value` pairs. */
export function formatUnknownValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(formatUnknownValue).join(", ");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([key, item]) => `${key}: ${formatUnknownValue(item)}`)
      .join(", ");
  }
  return String(value);
}

/**
 * A handoff checklist. The common shape, items mapped to done or not, reads as a tally with what
 * is missing: `{summary: true, photos: false}` → "1/2 done, missing photos".
 */
export function formatChecklist(checklist: unknown): string {
  if (typeof checklist === "object" && checklist !== null && !Array.isArray(checklist)) {
    const items = Object.entries(checklist);
    if (items.length > 0 && items.every(([, done]) => typeof done === "boolean")) {
      const missing = items.filter(([, done]) => done === false).map(([item]) => item);
      const tally = `${items.length - missing.length}/${items.length} done`;
      return missing.length === 0 ? tally : `${tally}, missing ${missing.join(", ")}`;
    }
  }
  return formatUnknownValue(checklist);
}

/** `agent:agt-003` → the agent's name, `customer` → "Customer". */
export function describeActor(by: string, names: NameResolver): string {
  if (by === "customer") return "Customer";
  if (by.startsWith("agent:")) return names.agentName(by.slice("agent:".length));
  return by;
}

function field(label: string, value: string | number | boolean | null | undefined): SummaryField[] {
  if (value === null || value === undefined || value === "") return [];
  return [{ label, value: String(value) }];
}

/** Extra fields of an event type this app does not know yet, shown generically. */
function summarizeUnknownEvent(event: Record<string, unknown>): SummaryField[] {
  return Object.entries(event)
    .filter(([key]) => !ENVELOPE_FIELDS.has(key))
    .map(([key, value]) => ({ label: key, value: formatUnknownValue(value) }));
}

export function summarizeEvent(event: ThroughlineEvent, names: NameResolver): SummaryField[] {
  switch (event.type) {
    case "team.upserted":
      return [
        ...field("Team", event.name ?? event.team),
        ...field("Hourly cost", event.hourlyCost),
      ];
    case "agent.upserted":
      return [
        ...field("Agent", event.name ?? event.agent),
        ...field("Team", names.teamName(event.team)),
        ...field("Skills", event.skills?.join(", ")),
      ];
    case "customer.upserted":
      return [
        ...field("Name", event.name),
        ...field("Tier", event.tier),
        ...field("Segment", event.segment),
        ...field("Region", event.region),
      ];
    case "case.opened":
      return [
        ...field("Subject", event.subject),
        ...field("Channel", labelOf(CHANNEL_LABELS, event.channel)),
        ...field("Category", event.category),
        ...field("Priority", labelOf(PRIORITY_LABELS, event.priority)),
      ];
    case "case.assigned":
      return [
        ...field("Agent", names.agentName(event.agent)),
        ...field("Team", event.team === undefined ? undefined : names.teamName(event.team)),
      ];
    case "case.replied":
      return [
        ...field("By", describeActor(event.by, names)),
        ...field("Visibility", event.public ? "Public" : "Internal note"),
      ];
    case "case.handoff":
      return [
        ...field("From", names.teamName(event.from)),
        ...field("To", names.teamName(event.to)),
        ...field("Reason", event.reason),
        ...field(
          "Checklist",
          event.checklist === undefined ? undefined : formatChecklist(event.checklist),
        ),
      ];
    case "case.status":
      return field("Status", labelOf(STATUS_LABELS, event.status));
    case "case.escalated":
      return [
        ...field("Level", event.level),
        ...field("To", event.to),
        ...field("Policy", event.policy),
        ...field("Trigger", event.trigger === "breached" ? "Breach" : event.trigger && "At risk"),
      ];
    case "case.linked":
      return [...field("Link", event.kind.replaceAll("_", " ")), ...field("Case", event.target)];
    case "case.merged":
      return field("Merged case", event.merged);
    case "case.merged_into":
      return field("Into", event.into);
    case "sla.at_risk":
    case "sla.breached":
      return [
        ...field("Clock", event.clock),
        ...field("Policy", event.policy),
        ...field("Due", event.dueAt),
        ...field("Team", event.team === undefined ? undefined : names.teamName(event.team)),
      ];
    case "case.worked":
      return [
        ...field("Agent", names.agentName(event.agent)),
        ...field("Handling time", formatDuration(event.seconds * 1_000)),
      ];
    case "case.resolved":
      return field("Root cause", event.rootCause);
    case "case.reopened":
      return [];
    case "case.closed":
      return field("Reason", event.reason);
    case "case.routed":
      return [
        ...field("Team", names.teamName(event.team)),
        ...field("Queue", event.queue),
        ...field("Priority", labelOf(PRIORITY_LABELS, event.priority)),
        ...field("Rule", event.rule ?? "none (fallback or own team)"),
        ...field("Tags", event.tags?.join(", ")),
        ...field(
          "Skills",
          event.skills?.map((skill) => `${skill.skill} ≥ ${skill.level}`).join(", "),
        ),
        ...field("Rules version", event.version),
      ];
    case "case.recategorised":
      return [...field("Category", event.category), ...field("Was", event.previous)];
    case "agent.presence":
      return [
        ...field("Agent", names.agentName(event.agent)),
        ...field("Presence", labelOf(PRESENCE_LABELS, event.presence)),
      ];
    case "sla.breach_predicted":
      return [
        ...field("Clock", event.clock),
        ...field("Due", event.dueAt),
        ...field("Predicted reply", event.predictedAt ?? "nobody can take it"),
        ...field("Why", event.reason),
      ];
    case "survey.answered":
      return [
        ...field("Survey", labelOf(SURVEY_KIND_LABELS, event.kind)),
        ...field("Score", event.score),
        ...field("Comment", event.comment),
      ];
    default:
      // Types added to the log after this build still show their fields.
      return summarizeUnknownEvent(event as Record<string, unknown>);
  }
}

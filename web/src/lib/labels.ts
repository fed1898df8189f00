/**
 * Human-readable labels for the shared enums; the values themselves live in event.types.ts and
 * src/access/permissions.ts.
 */
import type { Role } from "../../../src/access/permissions.ts";
import type {
  AgentPresence,
  CaseStatus,
  Channel,
  EventType,
  Priority,
  SurveyKind,
} from "../../../src/modules/events/event.types.ts";
import type { ScoreTerm } from "../../../src/modules/queues/queue-settings.ts";
import type { ConditionOp, RoutingField } from "../../../src/modules/routing/routing-rules.ts";
import type { TimeKind, Weekday } from "../api/settings-types.ts";
import type { SlaClockKind } from "../api/types.ts";
import type { SlaBadgeState } from "./sla.ts";

export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: "New",
  open: "Open",
  pending_customer: "Pending customer",
  pending_internal: "Pending internal",
  resolved: "Resolved",
  closed: "Closed",
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  urgent: "Urgent",
  high: "High",
  normal: "Normal",
  low: "Low",
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: "Email",
  chat: "Chat",
  phone: "Phone",
  web: "Web",
  social: "Social",
  api: "API",
};

export const SURVEY_KIND_LABELS: Record<SurveyKind, string> = {
  csat: "CSAT",
  nps: "NPS",
  ces: "CES",
};

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  "team.upserted": "Team updated",
  "agent.upserted": "Agent updated",
  "customer.upserted": "Customer updated",
  "case.opened": "Case opened",
  "case.assigned": "Assigned",
  "case.replied": "Reply",
  "case.handoff": "Handoff",
  "case.status": "Status changed",
  "case.escalated": "Escalated",
  "case.worked": "Worked",
  "case.resolved": "Resolved",
  "case.reopened": "Reopened",
  "case.closed": "Closed",
  "survey.answered": "Survey answered",
  "case.linked": "Linked",
  "case.merged": "Merged a case",
  "case.merged_into": "Merged into",
  "sla.at_risk": "SLA at risk",
  "sla.breached": "SLA breached",
  "agent.presence": "Presence changed",
  "case.routed": "Routed",
  "case.recategorised": "Recategorised",
  "sla.breach_predicted": "Breach predicted",
  "alert.raised": "Alert raised",
  "alert.resolved": "Alert resolved",
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  ops_manager: "Ops manager",
  team_lead: "Team lead",
  agent: "Agent",
  analyst: "Analyst",
  auditor: "Auditor",
};

export const SLA_CLOCK_LABELS: Record<SlaClockKind, string> = {
  firstResponse: "First response",
  nextUpdate: "Next update",
  resolution: "Resolution",
  internal: "Internal handoff",
};

export const SLA_BADGE_LABELS: Record<SlaBadgeState, string> = {
  on_track: "On track",
  at_risk: "At risk",
  breached: "Breached",
  paused: "Paused",
  met: "Met",
};

export const TIME_KIND_LABELS: Record<TimeKind, string> = {
  business: "Business time",
  calendar: "Calendar time",
};

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export const PRESENCE_LABELS: Record<AgentPresence, string> = {
  available: "Available",
  busy: "Busy",
  away: "Away",
};

/** The terms of the priority score (docs/queues.md), in the words of the case page. */
export const SCORE_TERM_LABELS: Record<ScoreTerm, string> = {
  value: "Customer value",
  urgency: "Urgency",
  slaRisk: "SLA risk",
  age: "Age",
  feasibility: "Feasibility",
};

export const ROUTING_FIELD_LABELS: Record<RoutingField, string> = {
  "case.channel": "Channel",
  "case.category": "Category",
  "case.topCategory": "Top-level category",
  "case.priority": "Priority",
  "case.team": "Team",
  "case.subject": "Subject",
  "case.body": "Body",
  "case.text": "Subject or body",
  "case.tags": "Tags",
  "customer.tier": "Customer tier",
  "customer.segment": "Customer segment",
  "customer.region": "Customer region",
  "customer.language": "Customer language",
  "customer.openCases": "Customer's open cases",
  "customer.casesLast30Days": "Customer's cases (30 days)",
  "customer.recentRecontacts": "Customer's recontacts (30 days)",
};

export const CONDITION_OP_LABELS: Record<ConditionOp, string> = {
  equals: "is",
  not_equals: "is not",
  in: "is one of",
  not_in: "is none of",
  contains: "contains",
  contains_any: "has any of the words",
  matches: "matches the pattern",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  exists: "has a value",
};

/** Looks a label up in one of the tables above, falling back to the raw value for newer enums. */
export function labelOf(labels: Readonly<Record<string, string>>, value: string): string {
  return labels[value] ?? value;
}

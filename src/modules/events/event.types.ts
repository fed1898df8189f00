/**
 * The event vocabulary of PRODUCT.md ("The event log"). These names and fields are a public
 * contract: NDJSON files, the API and the simulator all speak it. Extend, never rename.
 *
 * `at` is ISO-8601 with an offset or `Z`; `id` is optional and makes an event idempotent.
 * Unknown extra fields are kept verbatim in the log.
 */

export const CHANNELS = ["email", "chat", "phone", "web", "social", "api"] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * A case's lifecycle states, in the order a case usually passes through them (the transitions
 * are src/modules/cases/case-lifecycle.ts). `new` and `closed` came after the others: the list
 * is extended, never reordered or renamed.
 */
export const CASE_STATUSES = [
  "open",
  "pending_customer",
  "pending_internal",
  "resolved",
  "new",
  "closed",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses a `case.status` event may set; `resolved` is reached only through `case.resolved`. */
export const SETTABLE_CASE_STATUSES = ["open", "pending_customer", "pending_internal"] as const;
export type SettableCaseStatus = (typeof SETTABLE_CASE_STATUSES)[number];

export const SURVEY_KINDS = ["csat", "nps", "ces"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** Inclusive score range per survey kind (csat 1–5, nps 0–10, ces 1–7). */
export const SURVEY_SCORE_RANGE: Record<SurveyKind, readonly [number, number]> = {
  csat: [1, 5],
  nps: [0, 10],
  ces: [1, 7],
};

interface EventBase {
  id?: string;
  at: string;
  /** Unknown fields are kept. */
  [extra: string]: unknown;
}

export interface TeamUpserted extends EventBase {
  type: "team.upserted";
  team: string;
  name?: string;
  hourlyCost?: number;
}

export interface AgentUpserted extends EventBase {
  type: "agent.upserted";
  agent: string;
  team: string;
  name?: string;
  skills?: string[];
  /**
   * Extension: skill → level, 1 (basic) to 5 (expert). A skill in `skills` without a level here
   * is held at level 3; a skill here is held whether or not `skills` lists it.
   */
  skillLevels?: Record<string, number>;
  /** Extension: how many cases of each channel the agent works at once. */
  capacity?: Partial<Record<Channel, number>>;
  /**
   * Extension: the agent's working hours, as a business calendar (time zone, hours per weekday);
   * null clears them (the agent is then on shift whenever available), absent keeps them.
   */
  shift?: AgentShift | null;
}

/** Working hours in the calendar format of `throughline calendar due` (src/modules/sla/calendar.ts). */
export interface AgentShift {
  timezone: string;
  hours: Partial<Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", [string, string][]>>;
}

/** Whether an agent takes new cases now. */
export const AGENT_PRESENCES = ["available", "busy", "away"] as const;
export type AgentPresence = (typeof AGENT_PRESENCES)[number];

/** Extension: the agent set their presence (or a supervisor did for them). */
export interface AgentPresenceChanged extends EventBase {
  type: "agent.presence";
  agent: string;
  presence: AgentPresence;
}

export interface CustomerUpserted extends EventBase {
  type: "customer.upserted";
  customer: string;
  tier: string;
  segment: string;
  region: string;
  name?: string;
  email?: string;
  phone?: string;
  /** Extension: the language the customer is served in (BCP 47, e.g. `en`, `de`). */
  language?: string;
}

export interface CaseOpened extends EventBase {
  type: "case.opened";
  case: string;
  customer: string;
  channel: Channel;
  /** `top/sub`, e.g. `billing/refund`. */
  category: string;
  priority: Priority;
  team: string;
  /** Extension: a one-line summary shown in queues. */
  subject?: string;
  /** Extension: the customer's message; routing rules may look for keywords in it. */
  body?: string;
  /** Extension: labels set at intake (routing rules add more). */
  tags?: string[];
}

export interface CaseAssigned extends EventBase {
  type: "case.assigned";
  case: string;
  agent: string;
  team?: string;
  /** Extension: how the agent was chosen: pushed by routing, pulled by the agent, or by hand. */
  mode?: AssignmentMode;
}

export const ASSIGNMENT_MODES = ["push", "pull", "manual"] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A skill an agent needs, at least at `level` (1–5), to take a case. */
export interface SkillRequirement {
  skill: string;
  level: number;
}

/**
 * Extension: routing decided where a case goes (src/modules/routing). Recorded right after
 * `case.opened` when routing rules are enabled, and again when a case is re-routed (after a
 * re-categorisation, or on request). `rule` is the rule that set the team, null when the fallback
 * or the intake team was kept; `fired` lists every rule that fired.
 */
export interface CaseRouted extends EventBase {
  type: "case.routed";
  case: string;
  team: string;
  queue?: string | null;
  priority: Priority;
  tags?: string[];
  skills?: SkillRequirement[];
  rule: string | null;
  fired?: string[];
  /** The version of the `routing-rules` settings document that decided. */
  version?: number;
}

/** Extension: the case's category was corrected (a misclassification signal for routing). */
export interface CaseRecategorised extends EventBase {
  type: "case.recategorised";
  case: string;
  /** The new `top/sub` category. */
  category: string;
  /** The category it had before. */
  previous?: string;
}

export interface CaseReplied extends EventBase {
  type: "case.replied";
  case: string;
  /** `agent:ID` or `customer`. */
  by: string;
  public: boolean;
}

export interface CaseHandoff extends EventBase {
  type: "case.handoff";
  case: string;
  from: string;
  to: string;
  reason?: string;
  /** Item id → done, for the handoff type's checklist (settings `handoff-types`). */
  checklist?: unknown;
  /** Extension: the handoff type (settings `handoff-types`) the sender followed. */
  handoffType?: string;
}

export interface CaseStatusChanged extends EventBase {
  type: "case.status";
  case: string;
  status: SettableCaseStatus;
}

export interface CaseEscalated extends EventBase {
  type: "case.escalated";
  case: string;
  level: number;
  to?: string;
  /** Extension, set by escalation policies: which policy and step fired, and on what. */
  policy?: string;
  step?: number;
  trigger?: "at_risk" | "breached";
}

export interface CaseWorked extends EventBase {
  type: "case.worked";
  case: string;
  agent: string;
  seconds: number;
}

export interface CaseResolved extends EventBase {
  type: "case.resolved";
  case: string;
  rootCause?: string;
}

export interface CaseReopened extends EventBase {
  type: "case.reopened";
  case: string;
}

/** The end of a case's life: after it nothing changes the case (surveys may still arrive). */
export interface CaseClosed extends EventBase {
  type: "case.closed";
  case: string;
  reason?: string;
}

/** How one case relates to another (`target`); `recontact_of` is also derived automatically. */
export const CASE_LINK_KINDS = ["recontact_of", "child_of", "duplicate_of"] as const;
export type CaseLinkKind = (typeof CASE_LINK_KINDS)[number];

/** `case` is a recontact of, a child of or a duplicate of `target`. */
export interface CaseLinked extends EventBase {
  type: "case.linked";
  case: string;
  kind: CaseLinkKind;
  target: string;
}

/** `case` absorbed case `merged`: its history is shown on `case` from now on. */
export interface CaseMerged extends EventBase {
  type: "case.merged";
  case: string;
  merged: string;
}

/** `case` was merged into `into` and is closed by it (the counterpart of `case.merged`). */
export interface CaseMergedInto extends EventBase {
  type: "case.merged_into";
  case: string;
  into: string;
}

/** The SLA clocks a case can run: the policy's three plus the internal clock between teams. */
export const SLA_CLOCK_KINDS = ["firstResponse", "nextUpdate", "resolution", "internal"] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];

interface SlaClockEvent extends EventBase {
  case: string;
  clock: SlaClockKind;
  /** The SLA policy (or internal SLA) whose target this is. */
  policy: string;
  /** The due time of the clock when the event fired (ISO-8601). */
  dueAt: string;
  /** For `internal` clocks: the receiving team that owes the first action. */
  team?: string;
}

/** A clock has used its policy's at-risk share of the target; `at` is that instant. */
export interface SlaAtRisk extends SlaClockEvent {
  type: "sla.at_risk";
}

/** A clock ran past its due time; `at` is the due time. */
export interface SlaBreached extends SlaClockEvent {
  type: "sla.breached";
}

/**
 * Extension: the queue model predicts the clock will be missed (src/modules/prediction): from the
 * case's queue position, the agents on shift with the skills it needs and their recent handling
 * times, the predicted first response `predictedAt` is after `dueAt`. Fired once per clock start,
 * usually well before `sla.at_risk`.
 */
export interface SlaBreachPredicted extends SlaClockEvent {
  type: "sla.breach_predicted";
  /** ISO-8601; null when no agent of the team can take the case at all. */
  predictedAt: string | null;
  /** The model's reasoning in one sentence. */
  reason?: string;
}

export interface SurveyAnswered extends EventBase {
  type: "survey.answered";
  case: string;
  kind: SurveyKind;
  score: number;
  comment?: string;
}

/** Extension: the direction a metric left its expected range in (src/modules/alerts). */
export const ALERT_DIRECTIONS = ["up", "down"] as const;
export type AlertDirection = (typeof ALERT_DIRECTIONS)[number];

export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * Extension: an alert rule (settings `alert-rules`) saw a metric of one slice leave its seasonal
 * baseline or cross a static threshold for the rule's number of consecutive buckets. Not about a
 * case. `id` and `alert` are `alert:<rule>:<slice>:<first bucket start>`, so the alerts job
 * records each alert once however often it runs; `at` is when the last of those buckets became
 * evaluable. docs/alerts.md has the fields.
 */
export interface AlertRaised extends EventBase {
  type: "alert.raised";
  alert: string;
  rule: string;
  /** A KPI name (src/modules/metrics/kpi.ts). */
  metric: string;
  /** `all`, or a slice dimension such as `team` or `categoryTop`. */
  dim: string;
  /** The slice value; `all` with dim `all`. */
  key: string;
  bucket: "hour" | "day";
  /** Start of the first bucket out of range (ISO-8601). */
  bucketStart: string;
  direction: AlertDirection;
  severity: AlertSeverity;
  /** The metric in the bucket that confirmed the alert. */
  value: number;
  /** The baseline's expected value (null for static thresholds). */
  expected: number | null;
  lower: number | null;
  upper: number | null;
  /** The cases behind the value: `/api/v1/metrics/cases?…` for the slice and the buckets. */
  link: string;
}

/** Extension: an open alert ended: its metric was back in range, or its rule went away. */
export interface AlertResolved extends EventBase {
  type: "alert.resolved";
  alert: string;
  rule: string;
  metric: string;
  dim: string;
  key: string;
  reason: "recovered" | "rule_removed";
  /** The metric in the last bucket of the recovery (absent when the rule went away). */
  value?: number | null;
  expected?: number | null;
  lower?: number | null;
  upper?: number | null;
}

export type ThroughlineEvent =
  | TeamUpserted
  | AgentUpserted
  | CustomerUpserted
  | CaseOpened
  | CaseAssigned
  | CaseReplied
  | CaseHandoff
  | CaseStatusChanged
  | CaseEscalated
  | CaseWorked
  | CaseResolved
  | CaseReopened
  | CaseClosed
  | SurveyAnswered
  | CaseLinked
  | CaseMerged
  | CaseMergedInto
  | SlaAtRisk
  | SlaBreached
  | AgentPresenceChanged
  | CaseRouted
  | CaseRecategorised
  | SlaBreachPredicted
  | AlertRaised
  | AlertResolved;

export type EventType = ThroughlineEvent["type"];

export const EVENT_TYPES = [
  "team.upserted",
  "agent.upserted",
  "customer.upserted",
  "case.opened",
  "case.assigned",
  "case.replied",
  "case.handoff",
  "case.status",
  "case.escalated",
  "case.worked",
  "case.resolved",
  "case.reopened",
  "case.closed",
  "survey.answered",
  "case.linked",
  "case.merged",
  "case.merged_into",
  "sla.at_risk",
  "sla.breached",
  "agent.presence",
  "case.routed",
  "case.recategorised",
  "sla.breach_predicted",
  "alert.raised",
  "alert.resolved",
] as const satisfies readonly EventType[];

/**
 * The fields of each event type's payload that hold personal data: API answers mask them for
 * callers without `pii:read` (src/access/pii.ts). A case's `subject` is a summary written by
 * staff, not personal data, and stays readable.
 */
export const PERSONAL_EVENT_FIELDS: Partial<Record<EventType, string[]>> = {
  "customer.upserted": ["name", "email", "phone"],
  "survey.answered": ["comment"],
};

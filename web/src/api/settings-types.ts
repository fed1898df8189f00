/**
 * The workspace's settings documents (issue 4) as GET/PUT /api/v1/<kind> carry them: the
 * server's own types (type-only imports, erased from the bundle). Each document is saved whole
 * as a new version; `baseVersion` guards against overwriting someone else's save.
 */
import type { Static } from "typebox";
import type { CaseRulesDocument } from "../../../src/modules/cases/case-rules.schemas.ts";
import type {
  EscalationAction,
  EscalationPolicies,
  EscalationPolicy,
  EscalationStep,
  EscalationTarget,
  EscalationTrigger,
  RecipientKind,
} from "../../../src/modules/escalations/escalation-policy.ts";
import type { HandoffTypesDocument } from "../../../src/modules/handoffs/handoff.schemas.ts";
import type { IntakeRulesResponse } from "../../../src/modules/intake/intake.schemas.ts";
import type { QueueSettingsDocument } from "../../../src/modules/queues/queue-settings.schemas.ts";
import type { Weekday } from "../../../src/modules/sla/calendar.ts";
import type { InternalSla } from "../../../src/modules/sla/internal-sla.ts";
import type {
  SlaPolicy,
  SlaTargetKind,
  SlaTimeKind,
  Target,
} from "../../../src/modules/sla/sla-policy.ts";
import type {
  CalendarsDocument,
  SlaPoliciesDocument,
} from "../../../src/modules/sla/sla-settings.ts";
import type { TaxonomyDocument } from "../../../src/modules/taxonomy/taxonomy.schemas.ts";
import type {
  DeliveryResponse,
  WebhooksSchema,
} from "../../../src/modules/webhooks/webhook.schemas.ts";

/** GET /api/v1/<kind> and the answer to a PUT. */
export interface SettingsResponse<T> {
  /** 0 when the document was never saved (the defaults). */
  version: number;
  createdAt: string | null;
  createdBy: string | null;
  document: T;
}

export type { CalendarsDocument, InternalSla, SlaPoliciesDocument, SlaPolicy, Weekday };
export type Calendar = CalendarsDocument["calendars"][number];
export type TimeSpan = [start: string, end: string];
export type SlaTarget = Target;
export type { SlaTargetKind };
export type TimeKind = SlaTimeKind;

/** The weekdays in the order the editor lists them (the server's calendar.ts WEEKDAYS). */
export const WEEKDAYS = [
  "mon",
  "tue",
  "wed",
  "thu",
  "fri",
  "sat",
  "sun",
] as const satisfies readonly Weekday[];
export const SLA_TARGET_KINDS = [
  "firstResponse",
  "nextUpdate",
  "resolution",
] as const satisfies readonly SlaTargetKind[];
export const TIME_KINDS = ["business", "calendar"] as const satisfies readonly TimeKind[];

export type EscalationPoliciesDocument = EscalationPolicies;
export type EscalationRecipient = EscalationTarget;
export type {
  EscalationAction,
  EscalationPolicy,
  EscalationStep,
  EscalationTrigger,
  RecipientKind,
};
export const ESCALATION_TRIGGERS = [
  "at_risk",
  "breached",
] as const satisfies readonly EscalationTrigger[];
export const ESCALATION_ACTIONS = [
  "notify",
  "escalate",
] as const satisfies readonly EscalationAction[];
export const RECIPIENT_KINDS = [
  "team_lead",
  "manager",
  "role",
  "user",
  "team",
] as const satisfies readonly RecipientKind[];

export type { CaseRulesDocument, HandoffTypesDocument, TaxonomyDocument };
export type HandoffType = HandoffTypesDocument["types"][number];
export type ChecklistItem = HandoffType["checklist"][number];

/** Endpoints as the editor sends them (`active` optional on the wire, default true). */
export type WebhooksDocument = Static<typeof WebhooksSchema>;
export type WebhookEndpoint = WebhooksDocument["endpoints"][number];
export type WebhookDelivery = DeliveryResponse;

/** The intake rules (GET/PUT /api/v1/intake-rules), older than the settings documents. */
export type { IntakeRulesResponse };
export type IntakeRule = IntakeRulesResponse["rules"][number];

/** The priority score's weights and values, capacities, push or pull (docs/queues.md). */
export type { QueueSettingsDocument };

/**
 * Fetch helpers for the workspace settings documents (issue 4) and the intake rules. Every
 * document kind has the same three routes: GET (in force), GET /versions, PUT (save a version).
 */
import { requestJson } from "./client.ts";
import type {
  CalendarsDocument,
  CaseRulesDocument,
  EscalationPoliciesDocument,
  HandoffTypesDocument,
  IntakeRule,
  IntakeRulesResponse,
  QueueSettingsDocument,
  SettingsResponse,
  SlaPoliciesDocument,
  TaxonomyDocument,
  WebhookDelivery,
  WebhooksDocument,
} from "./settings-types.ts";
import type { Page } from "./types.ts";

/** Each settings document kind and the type of its document. */
export interface SettingsDocuments {
  calendars: CalendarsDocument;
  "sla-policies": SlaPoliciesDocument;
  "escalation-policies": EscalationPoliciesDocument;
  taxonomy: TaxonomyDocument;
  "handoff-types": HandoffTypesDocument;
  "case-rules": CaseRulesDocument;
  webhooks: WebhooksDocument;
  "queue-settings": QueueSettingsDocument;
}
export type SettingsKind = keyof SettingsDocuments;

export function getSettings<K extends SettingsKind>(
  kind: K,
  signal?: AbortSignal,
): Promise<SettingsResponse<SettingsDocuments[K]>> {
  return requestJson(`/api/v1/${kind}`, { signal });
}

/**
 * Saves `document` as the next version. With `baseVersion`, a document that moved on since
 * answers 409 `settings.version_conflict` instead of overwriting that save.
 */
export function saveSettings<K extends SettingsKind>(
  kind: K,
  document: SettingsDocuments[K],
  baseVersion: number,
): Promise<SettingsResponse<SettingsDocuments[K]>> {
  return requestJson(`/api/v1/${kind}`, { method: "PUT", body: { baseVersion, document } });
}

export function getIntakeRules(signal?: AbortSignal): Promise<IntakeRulesResponse> {
  return requestJson("/api/v1/intake-rules", { signal });
}

export function saveIntakeRules(rules: IntakeRule[]): Promise<IntakeRulesResponse> {
  return requestJson("/api/v1/intake-rules", { method: "PUT", body: { rules } });
}

/** The latest outgoing webhook deliveries, newest first (settings:write). */
export function listWebhookDeliveries(
  query: { limit?: number },
  signal?: AbortSignal,
): Promise<Page<WebhookDelivery>> {
  return requestJson("/api/v1/webhooks/deliveries", { query: { ...query }, signal });
}

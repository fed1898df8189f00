import type { EventType } from "../events/event.types.js";
import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";

/**
 * Outgoing webhooks: endpoints that receive the events of the types they subscribe to, signed
 * with their secret. Secrets are write-only: reads show SECRET_MASK, and a save that sends the
 * mask back keeps the secret stored for that endpoint id.
 */
export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
  events: EventType[];
  /** Inactive endpoints get nothing queued, and their queued deliveries fail. Default true. */
  active: boolean;
}

export interface WebhooksDocument {
  endpoints: WebhookEndpoint[];
}

export const SECRET_MASK = "••••";
export const MIN_SECRET_LENGTH = 16;

export function validateWebhooks(document: WebhooksDocument): SettingsCheck<WebhooksDocument> {
  const fail = (field: string, reason: string) => ({ ok: false as const, field, reason });
  const seen = new Set<string>();
  for (const [index, endpoint] of document.endpoints.entries()) {
    const at = `endpoints.${index}`;
    if (seen.has(endpoint.id))
      return fail(`${at}.id`, `"${endpoint.id}" is used by another endpoint`);
    seen.add(endpoint.id);
    let url: URL;
    try {
      url = new URL(endpoint.url);
    } catch {
      return fail(`${at}.url`, "is not a URL");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return fail(`${at}.url`, `must be http or https, not ${url.protocol.replace(/:$/, "")}`);
    }
    if (endpoint.secret === SECRET_MASK) {
      return fail(`${at}.secret`, "is write-only: send the secret itself for a new endpoint");
    }
    if (endpoint.secret.length < MIN_SECRET_LENGTH) {
      return fail(`${at}.secret`, `must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    if (endpoint.events.length === 0) return fail(`${at}.events`, "must list at least one type");
    const types = new Set<string>();
    for (const [typeIndex, type] of endpoint.events.entries()) {
      if (types.has(type)) return fail(`${at}.events.${typeIndex}`, `"${type}" is listed twice`);
      types.add(type);
    }
  }
  return {
    ok: true,
    body: {
      endpoints: document.endpoints.map((endpoint) => ({
        ...endpoint,
        active: endpoint.active ?? true,
      })),
    },
  };
}

export const WEBHOOK_SETTINGS: SettingsDefinition<WebhooksDocument> = {
  kind: "webhooks",
  defaults: () => ({ endpoints: [] }),
  validate: validateWebhooks,
  auditView: (document) => maskWebhookSecrets(document),
};

/** The document as reads show it: every secret masked. */
export function maskWebhookSecrets(document: WebhooksDocument): WebhooksDocument {
  return {
    endpoints: document.endpoints.map((endpoint) => ({ ...endpoint, secret: SECRET_MASK })),
  };
}

/**
 * Puts back the stored secret of each endpoint that was sent with the mask; an endpoint with no
 * stored secret under its id is left masked (validation then names it).
 */
export function restoreMaskedSecrets(
  document: WebhooksDocument,
  stored: WebhooksDocument,
): WebhooksDocument {
  const secrets = new Map(stored.endpoints.map((endpoint) => [endpoint.id, endpoint.secret]));
  return {
    endpoints: document.endpoints.map((endpoint) =>
      endpoint.secret === SECRET_MASK && secrets.has(endpoint.id)
        ? { ...endpoint, secret: secrets.get(endpoint.id) as string }
        : endpoint,
    ),
  };
}

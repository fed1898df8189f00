import { createHmac } from "node:crypto";

/**
 * How a delivery is signed: `sha256=` and the hex HMAC-SHA256, keyed with the endpoint's secret,
 * of `<timestamp>.<body>`, where the timestamp (Unix seconds) is also sent as
 * `X-Throughline-Timestamp`. A receiver recomputes it over the raw body, compares in constant
 * time, and may refuse old timestamps to stop replays (Stripe's and Slack's scheme).
 *
 * @example
 * signWebhookBody("0123456789abcdef", 1764072000, '{"type":"case.escalated"}')
 * // "sha256=…64 hex digits…"
 */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Attempts a delivery gets before it is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;

/**
 * When to try again after `attempts` failed attempts: 1 minute after the first, then doubling
 * (2, 4, … 64 minutes); null once MAX_DELIVERY_ATTEMPTS have failed.
 */
export function nextAttemptDelayMs(attempts: number): number | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  return FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1);
}

import nodemailer from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { signWebhookBody } from "../webhooks/webhook-signature.js";
import type { DigestContent } from "./digest.js";
import type { RenderedDigest } from "./digest-render.js";
import type { DigestWebhook } from "./digest-settings.js";

/** Where mail goes out: the config's `smtpUrl` (host, port, credentials, options) and `smtpFrom`. */
export interface SmtpSettings {
  url: string;
  from: string;
}

/** The SMTP settings of a configuration; null when no SMTP server is configured. */
export function smtpSettingsOf(config: {
  smtpUrl: string | null;
  smtpFrom: string;
}): SmtpSettings | null {
  return config.smtpUrl === null ? null : { url: config.smtpUrl, from: config.smtpFrom };
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

export type Fetch = typeof fetch;

/** Connecting, greeting and each exchange with the SMTP server or webhook must answer within this. */
export const DIGEST_DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Mails the digest, as one message with HTML and plain-text bodies, to every address at once.
 * An SMTP server that refuses or does not answer is a failed outcome (retried by the caller),
 * never a throw.
 */
export async function sendDigestEmail(
  smtp: SmtpSettings | null,
  to: readonly string[],
  message: RenderedDigest,
  options: { timeoutMs?: number } = {},
): Promise<DeliveryOutcome> {
  if (smtp === null) {
    return { ok: false, error: "no SMTP server is configured (THROUGHLINE_SMTP_URL)" };
  }
  const timeoutMs = options.timeoutMs ?? DIGEST_DELIVERY_TIMEOUT_MS;
  // Built from the URL by the transport itself, so the URL's query options (tls.*, …) apply;
  // the timeouts keep a silent server from holding the job.
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: smtp.url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    }),
  );
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to: [...to],
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    if (info.rejected.length > 0) {
      return { ok: false, error: `the SMTP server refused ${info.rejected.join(", ")}` };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `email: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    transport.close();
  }
}

/**
 * POSTs the digest as JSON, signed as webhook deliveries are (X-Throughline-Signature over
 * `<timestamp>.<body>` with the digest webhook's secret; see webhook-signature.ts), with
 * `X-Throughline-Event: digest` and the delivery id. A 2xx answer delivers it; anything else,
 * a timeout or a network error is a failed outcome. Redirects are not followed.
 */
export async function postDigestWebhook(
  webhook: DigestWebhook,
  content: DigestContent,
  options: { deliveryId: string; now: number; fetch?: Fetch; timeoutMs?: number },
): Promise<DeliveryOutcome> {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DIGEST_DELIVERY_TIMEOUT_MS;
  const body = JSON.stringify({ type: "digest", ...content });
  const timestamp = Math.floor(options.now / 1000);
  try {
    const response = await send(webhook.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Throughline-Webhooks/1",
        "x-throughline-event": "digest",
        "x-throughline-delivery": options.deliveryId,
        "x-throughline-timestamp": String(timestamp),
        "x-throughline-signature": signWebhookBody(webhook.secret, timestamp, body),
      },
      body,
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, error: `webhook: HTTP ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const reason = timedOut
      ? `no answer within ${timeoutMs} ms`
      : error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return { ok: false, error: `webhook: ${reason}` };
  }
}

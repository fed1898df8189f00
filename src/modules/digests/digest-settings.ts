import { IANAZone } from "luxon";
import { KPI_NAMES, type KpiName } from "../metrics/kpi.js";
import type { SettingsCheck, SettingsDefinition } from "../settings/settings.js";
import { MIN_SECRET_LENGTH, SECRET_MASK } from "../webhooks/webhook-settings.js";

/**
 * Scheduled digests: a scorecard mailed and/or posted to a webhook every day or every week at a
 * local hour, for one team or for all of them. docs/digests.md describes the document and when
 * each digest is sent.
 */

export const DIGEST_CADENCES = ["daily", "weekly"] as const;
export type DigestCadence = (typeof DIGEST_CADENCES)[number];

/** ISO weekday order: mon is 1, sun is 7 (Luxon's `weekday`). */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a digest is sent and which local days it covers. */
export interface DigestTiming {
  cadence: DigestCadence;
  /** Local hour of the run, 0–23. */
  hour: number;
  /** The local weekday of a weekly run; null for daily digests. */
  weekday: Weekday | null;
  /** IANA time zone the hour, the weekday and the reported days are read in. */
  timezone: string;
}

/** A webhook receiving the digest as JSON, signed like the webhooks' deliveries. */
export interface DigestWebhook {
  url: string;
  /** Write-only, like a webhook endpoint's: reads show SECRET_MASK. */
  secret: string;
}

export interface DigestSchedule extends DigestTiming {
  /** Unique; names the digest in the API (`POST /digests/:name/send`), subjects and runs. */
  name: string;
  /** The team whose scorecard is sent; null for every team (an "all" row and one row per team). */
  team: string | null;
  /** The KPIs in the digest, in this order. */
  metrics: KpiName[];
  emails: string[];
  webhook: DigestWebhook | null;
  /** Inactive digests are kept but not sent on schedule. Default true. */
  active: boolean;
}

export interface DigestsDocument {
  schedules: DigestSchedule[];
}

export const DIGEST_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const EMAIL_PATTERN = /^[^@\s<>,;"]+@[^@\s<>,;"]+$/;
export const MAX_DIGEST_EMAILS = 50;

/** Checks what the schema cannot: unique names, the weekday rule, zones, addresses, URLs, secrets. */
export function validateDigests(document: DigestsDocument): SettingsCheck<DigestsDocument> {
  const fail = (field: string, reason: string) => ({ ok: false as const, field, reason });
  const names = new Set<string>();
  for (const [index, schedule] of document.schedules.entries()) {
    const at = `schedules.${index}`;
    if (!DIGEST_NAME_PATTERN.test(schedule.name)) {
      return fail(
        `${at}.name`,
        "must be lower-case letters, digits and dashes, starting with a letter or digit",
      );
    }
    if (names.has(schedule.name)) {
      return fail(`${at}.name`, `"${schedule.name}" is used by another digest`);
    }
    names.add(schedule.name);
    if (!Number.isInteger(schedule.hour) || schedule.hour < 0 || schedule.hour > 23) {
      return fail(`${at}.hour`, "must be a whole hour from 0 to 23");
    }
    const weekday = schedule.weekday ?? null;
    if (schedule.cadence === "weekly" && weekday === null) {
      return fail(`${at}.weekday`, "is required for a weekly digest");
    }
    if (schedule.cadence === "daily" && weekday !== null) {
      return fail(`${at}.weekday`, "is only for weekly digests: leave it out or null");
    }
    if (!IANAZone.isValidZone(schedule.timezone)) {
      return fail(`${at}.timezone`, `"${schedule.timezone}" is not a known IANA time zone`);
    }
    if (schedule.metrics.length === 0) return fail(`${at}.metrics`, "must list at least one KPI");
    const metrics = new Set<string>();
    for (const [metricIndex, metric] of schedule.metrics.entries()) {
      if (!(KPI_NAMES as readonly string[]).includes(metric)) {
        return fail(`${at}.metrics.${metricIndex}`, `"${metric}" is not a KPI`);
      }
      if (metrics.has(metric)) return fail(`${at}.metrics.${metricIndex}`, "is listed twice");
      metrics.add(metric);
    }
    const emails = new Set<string>();
    for (const [emailIndex, email] of schedule.emails.entries()) {
      if (!EMAIL_PATTERN.test(email)) {
        return fail(`${at}.emails.${emailIndex}`, `"${email}" is not an email address`);
      }
      if (emails.has(email.toLowerCase())) {
        return fail(`${at}.emails.${emailIndex}`, "is listed twice");
      }
      emails.add(email.toLowerCase());
    }
    const webhook = schedule.webhook ?? null;
    if (webhook !== null) {
      const problem = webhookProblem(webhook);
      if (problem) return fail(`${at}.webhook.${problem.field}`, problem.reason);
    }
    if (schedule.emails.length === 0 && webhook === null) {
      return fail(`${at}.emails`, "a digest needs a recipient: an email address or a webhook");
    }
  }
  return {
    ok: true,
    body: {
      schedules: document.schedules.map((schedule) => ({
        ...schedule,
        weekday: schedule.weekday ?? null,
        team: schedule.team ?? null,
        webhook: schedule.webhook ?? null,
        active: schedule.active ?? true,
      })),
    },
  };
}

function webhookProblem(webhook: DigestWebhook): { field: string; reason: string } | null {
  let url: URL;
  try {
    url = new URL(webhook.url);
  } catch {
    return { field: "url", reason: "is not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { field: "url", reason: `must be http or https, not ${url.protocol.replace(/:$/, "")}` };
  }
  if (webhook.secret === SECRET_MASK) {
    return { field: "secret", reason: "is write-only: send the secret itself for a new webhook" };
  }
  if (webhook.secret.length < MIN_SECRET_LENGTH) {
    return { field: "secret", reason: `must be at least ${MIN_SECRET_LENGTH} characters` };
  }
  return null;
}

export const DIGEST_SETTINGS: SettingsDefinition<DigestsDocument> = {
  kind: "digests",
  defaults: () => ({ schedules: [] }),
  validate: validateDigests,
  auditView: (document) => maskDigestSecrets(document),
};

/** The document as reads show it: every webhook secret masked. */
export function maskDigestSecrets(document: DigestsDocument): DigestsDocument {
  return {
    schedules: document.schedules.map((schedule) =>
      schedule.webhook === null
        ? schedule
        : { ...schedule, webhook: { ...schedule.webhook, secret: SECRET_MASK } },
    ),
  };
}

/**
 * Puts back the stored secret of each digest webhook sent with the mask, matched by the digest's
 * name; one with nothing stored under its name stays masked (validation then names it).
 */
export function restoreDigestSecrets(
  document: DigestsDocument,
  stored: DigestsDocument,
): DigestsDocument {
  const secrets = new Map(
    stored.schedules.flatMap((schedule) =>
      schedule.webhook === null ? [] : [[schedule.name, schedule.webhook.secret] as const],
    ),
  );
  return {
    schedules: document.schedules.map((schedule) => {
      const webhook = schedule.webhook ?? null;
      const secret = secrets.get(schedule.name);
      return webhook !== null && webhook.secret === SECRET_MASK && secret !== undefined
        ? { ...schedule, webhook: { ...webhook, secret } }
        : schedule;
    }),
  };
}

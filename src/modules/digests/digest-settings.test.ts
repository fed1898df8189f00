import { describe, expect, it } from "vitest";
import {
  type DigestSchedule,
  maskDigestSecrets,
  restoreDigestSecrets,
  validateDigests,
} from "./digest-settings.js";

const SECRET = "sixteen-chars-secret";

function schedule(overrides: Partial<DigestSchedule> = {}): DigestSchedule {
  return {
    name: "ops-daily",
    cadence: "daily",
    hour: 8,
    weekday: null,
    timezone: "Europe/Berlin",
    team: null,
    metrics: ["casesOpened", "csat"],
    emails: ["ops@example.com"],
    webhook: null,
    active: true,
    ...overrides,
  };
}

describe("validateDigests", () => {
  it.each([
    ["a name with capitals", { name: "Ops" }, "schedules.0.name"],
    ["a weekly digest without weekday", { cadence: "weekly" as const }, "schedules.0.weekday"],
    ["a daily digest with a weekday", { weekday: "mon" as const }, "schedules.0.weekday"],
    ["an unknown zone", { timezone: "Mars/Olympus" }, "schedules.0.timezone"],
    ["an hour of 24", { hour: 24 }, "schedules.0.hour"],
    ["no KPI", { metrics: [] }, "schedules.0.metrics"],
    ["a KPI twice", { metrics: ["csat" as const, "csat" as const] }, "schedules.0.metrics.1"],
    ["a bad address", { emails: ["ops.example.com"] }, "schedules.0.emails.0"],
    ["an address twice", { emails: ["a@x.io", "A@x.io"] }, "schedules.0.emails.1"],
    ["no recipient", { emails: [] }, "schedules.0.emails"],
    [
      "an ftp webhook",
      { webhook: { url: "ftp://x/y", secret: SECRET } },
      "schedules.0.webhook.url",
    ],
    [
      "a short secret",
      { webhook: { url: "https://x/y", secret: "short" } },
      "schedules.0.webhook.secret",
    ],
  ])("refuses %s, naming the field", (_name, change, field) => {
    const checked = validateDigests({ schedules: [schedule(change)] });
    expect(checked).toMatchObject({ ok: false, field });
  });

  it("refuses two digests with one name", () => {
    const checked = validateDigests({ schedules: [schedule(), schedule()] });
    expect(checked).toMatchObject({ ok: false, field: "schedules.1.name" });
  });

  it("fills in defaults for what may be left out", () => {
    const partial = { ...schedule(), weekday: undefined, team: undefined, webhook: undefined };
    const checked = validateDigests({
      schedules: [partial as unknown as DigestSchedule],
    });
    expect(checked).toEqual({
      ok: true,
      body: { schedules: [schedule({ weekday: null, team: null, webhook: null, active: true })] },
    });
  });
});

describe("webhook secrets", () => {
  it("are masked for reading and restored by digest name when the mask comes back", () => {
    const stored = { schedules: [schedule({ webhook: { url: "https://x/y", secret: SECRET } })] };
    const masked = maskDigestSecrets(stored);
    expect(masked.schedules[0]?.webhook?.secret).toBe("••••");
    expect(restoreDigestSecrets(masked, stored)).toEqual(stored);
    const renamed = { schedules: [{ ...(masked.schedules[0] as DigestSchedule), name: "other" }] };
    expect(restoreDigestSecrets(renamed, stored).schedules[0]?.webhook?.secret).toBe("••••");
    expect(validateDigests(restoreDigestSecrets(renamed, stored))).toMatchObject({
      ok: false,
      field: "schedules.0.webhook.secret",
    });
  });
});

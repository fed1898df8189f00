import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { startWebhookReceiver } from "../../../test/support/receivers.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { deliverDueWebhooks, enqueueWebhookDeliveries, SETTLE_MS } from "./webhook.service.js";
import { nextAttemptDelayMs } from "./webhook-signature.js";

const URL = "/api/v1/webhooks";
const SECRET = "s3cret-of-sixteen+chars";

function endpoint(overrides: Record<string, unknown> = {}) {
  return {
    id: "ops-bus",
    url: "https://hooks.example.com/throughline",
    secret: SECRET,
    events: ["case.opened", "case.escalated"],
    active: true,
    ...overrides,
  };
}

describe.each(STORE_KINDS)("webhooks on %s", (kind) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const put = (document: unknown, baseVersion?: number) =>
    t.inject({
      method: "PUT",
      url: URL,
      payload: { document, ...(baseVersion === undefined ? {} : { baseVersion }) } as object,
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    receiver = await startWebhookReceiver(SECRET);
    expect(
      (await t.inject({ method: "POST", url: "/api/v1/teams", payload: buildTeam() })).statusCode,
    ).toBe(201);
    const customer = await t.inject({
      method: "POST",
      url: "/api/v1/customers",
      payload: buildCustomer(),
    });
    expect(customer.statusCode).toBe(201);
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it.each([
    ["a non-http URL", { url: "ftp://example.com/x" }, "body.document.endpoints.0.url"],
    ["a relative URL", { url: "/hooks" }, "body.document.endpoints.0.url"],
    ["a short secret", { secret: "too-short" }, "body.document.endpoints.0.secret"],
    ["the mask for a new endpoint", { secret: "••••" }, "body.document.endpoints.0.secret"],
    ["an unknown event type", { events: ["case.exploded"] }, "body.document.endpoints.0.events.0"],
    ["no event types", { events: [] }, "body.document.endpoints.0.events"],
    [
      "a type listed twice",
      { events: ["case.opened", "case.opened"] },
      "body.document.endpoints.0.events.1",
    ],
  ])("refuses %s with 400 naming the field, writing nothing", async (_name, change, field) => {
    const response = await put({ endpoints: [endpoint(change)] });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: "request.invalid", field });
    expect((await t.inject(`${URL}/versions`)).json().items).toEqual([]);
  });

  it("refuses two endpoints with one id", async () => {
    const response = await put({
      endpoints: [endpoint(), endpoint({ url: "http://localhost/x" })],
    });
    expect(response.json().error).toMatchObject({ field: "body.document.endpoints.1.id" });
  });

  it("keeps secrets write-only: masked on read, kept when the mask is sent back", async () => {
    const saved = await put({ endpoints: [endpoint({ url: receiver.url })] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().document.endpoints[0].secret).toBe("••••");
    const read = (await t.inject(URL)).json();
    expect(read).toMatchObject({
      version: 1,
      document: { endpoints: [{ id: "ops-bus", secret: "••••" }] },
    });
    expect(JSON.stringify((await t.inject(`${URL}/versions`)).json())).not.toContain(SECRET);

    // The web app sends back what it read: the secret stays (deliveries below are signed with it).
    const resent = await put(read.document, read.version);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().version).toBe(2);
    const stale = await put(read.document, read.version);
    expect(stale.statusCode).toBe(409);

    // Auditors read the settings history too: the secret is masked there as well.
    const audit = await t.inject("/api/v1/audit?limit=200");
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.body).toContain("ops-bus");
    expect(audit.body).not.toContain(SECRET);
  });

  it("delivers subscribed events signed, retrying after a 500 until it succeeds", async () => {
    const created = await t.inject({
      method: "POST",
      url: "/api/v1/cases",
      payload: buildCase({ id: "case-hook" }),
    });
    expect(created.statusCode).toBe(201);
    const db = t.store.db;

    // Too fresh to read past (see SETTLE_MS); then queued once, however often the job runs.
    expect((await enqueueWebhookDeliveries(db, { now: Date.now() })).queued).toBe(0);
    const now = Date.now() + SETTLE_MS + 1_000;
    expect((await enqueueWebhookDeliveries(db, { now })).queued).toBe(1);
    expect((await enqueueWebhookDeliveries(db, { now })).queued).toBe(0);

    receiver.statuses.push(500);
    expect(await deliverDueWebhooks(db, { now })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const pending = (await t.inject(`${URL}/deliveries`)).json().items;
    expect(pending).toMatchObject([
      {
        endpointId: "ops-bus",
        eventType: "case.opened",
        status: "pending",
        attempts: 1,
        lastStatus: 500,
        lastError: "HTTP 500",
        deliveredAt: null,
      },
    ]);
    const retryAt = now + (nextAttemptDelayMs(1) ?? 0);
    expect(pending[0].nextAttemptAt).toBe(new Date(retryAt).toISOString());

    // Not before its time; then delivered.
    expect(await deliverDueWebhooks(db, { now: retryAt - 1 })).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    expect(await deliverDueWebhooks(db, { now: retryAt })).toEqual({
      delivered: 1,
      retrying: 0,
      failed: 0,
    });
    expect(receiver.received).toHaveLength(2);
    for (const request of receiver.received) {
      expect(request.signatureValid).toBe(true);
      expect(request.headers).toMatchObject({
        "content-type": "application/json",
        "x-throughline-event": "case.opened",
        "x-throughline-delivery": pending[0].id,
      });
      expect(JSON.parse(request.body)).toMatchObject({ type: "case.opened", case: "case-hook" });
    }
    expect(receiver.received[1]?.headers["x-throughline-timestamp"]).toBe(
      String(Math.floor(retryAt / 1000)),
    );
    expect((await t.inject(`${URL}/deliveries?status=delivered`)).json().items).toMatchObject([
      {
        status: "delivered",
        attempts: 2,
        lastStatus: 200,
        lastError: null,
        deliveredAt: new Date(retryAt).toISOString(),
      },
    ]);
    expect((await t.inject(`${URL}/deliveries?status=pending`)).json().items).toEqual([]);
  });

  it("gives a delivery up after the last attempt, and shows deliveries only to settings writers", async () => {
    await t.inject({
      method: "POST",
      url: "/api/v1/cases",
      payload: buildCase({ id: "case-down" }),
    });
    let now = Date.now() + SETTLE_MS + 1_000;
    expect((await enqueueWebhookDeliveries(t.store.db, { now })).queued).toBe(1);
    receiver.statuses.push(...Array.from({ length: 8 }, () => 503));
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const report = await deliverDueWebhooks(t.store.db, { now });
      expect(report).toEqual(
        attempt < 8
          ? { delivered: 0, retrying: 1, failed: 0 }
          : { delivered: 0, retrying: 0, failed: 1 },
      );
      now += nextAttemptDelayMs(attempt) ?? 0;
    }
    const failed = (await t.inject(`${URL}/deliveries?status=failed`)).json().items;
    expect(failed).toMatchObject([{ attempts: 8, lastStatus: 503, status: "failed" }]);

    const agent = await t.as([{ role: "agent", teams: [], regions: [] }]);
    expect((await agent(`${URL}/deliveries`)).statusCode).toBe(403);
    expect((await agent(URL)).json().document.endpoints[0].secret).toBe("••••");
  });
});

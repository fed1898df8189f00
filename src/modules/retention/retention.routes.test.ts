import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import type { Actor } from "../../access/actor.js";
import { installErrorHandler } from "../../http/error-handler.js";
import { typeboxValidatorCompiler } from "../../http/validation.js";
import { listAudit } from "../audit/audit.service.js";
import { recordEvents } from "../events/event-recorder.js";
import { checkEvent } from "../events/event-validation.js";
import { retentionRoutes } from "./retention.routes.js";

const ADMIN: Actor = {
  kind: "user",
  userId: "u-admin",
  email: "admin@test.local",
  name: "Admin",
  grants: [{ role: "admin", teams: [], regions: [] }],
  via: "token",
};
const AUDITOR: Actor = {
  ...ADMIN,
  userId: "u-auditor",
  grants: [{ role: "auditor", teams: [], regions: [] }],
};

/**
 * The routes in a small app of their own, with the real validator and error handler. The
 * authentication layer is stood in for by a hook that puts the actor named by a test header on
 * the request, as that layer does.
 */
async function buildRetentionApp(store: TestStore): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate("store", store);
  app.setValidatorCompiler(typeboxValidatorCompiler);
  installErrorHandler(app);
  app.addHook("onRequest", async (request) => {
    (request as { actor?: Actor }).actor =
      request.headers["x-test-actor"] === "auditor" ? AUDITOR : ADMIN;
  });
  await app.register(retentionRoutes, { prefix: "/api/v1" });
  await app.ready();
  return app;
}

describe.each(STORE_KINDS)("retention API on %s", (kind) => {
  let store: TestStore;
  let app: FastifyInstance;
  const send = (method: "GET" | "PUT" | "POST" | "DELETE", url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    store = await createTestStore(kind);
    const seed = [
      { type: "team.upserted", at: "2026-01-01T00:00:00Z", team: "billing" },
      {
        type: "customer.upserted",
        at: "2026-01-01T00:00:00Z",
        customer: "cus-1",
        tier: "gold",
        segment: "smb",
        region: "emea",
      },
    ].map((candidate) => {
      const checked = checkEvent(candidate);
      if (!checked.ok) throw new Error(JSON.stringify(checked.problem));
      return { event: checked.event, atMs: checked.atMs };
    });
    await recordEvents(store.db, seed, { createMissing: false });
    app = await buildRetentionApp(store);
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it("sets, lists and deletes policies, each write audited with the acting user", async () => {
    expect((await send("GET", "/retention/policies")).json()).toEqual({ items: [] });
    const put = await send("PUT", "/retention/policies/cases", { action: "purge", days: 365 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      kind: "cases",
      action: "purge",
      days: 365,
      updatedBy: "user:u-admin",
    });
    await send("PUT", "/retention/policies/audit", { action: "purge", days: 730 });
    const listed = await send("GET", "/retention/policies");
    expect(listed.json().items.map((p: { kind: string }) => p.kind)).toEqual(["audit", "cases"]);

    const deleted = await send("DELETE", "/retention/policies/audit");
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
    expect((await send("DELETE", "/retention/policies/audit")).statusCode).toBe(204);
    expect((await send("GET", "/retention/policies")).json().items).toHaveLength(1);

    const audit = await listAudit(store.db, { targetKind: "retention_policy", limit: 10 });
    expect(audit.items.map((entry) => [entry.action, entry.targetId, entry.actor])).toEqual([
      ["retention.policy_delete", "audit", "user:u-admin"],
      ["retention.policy_set", "audit", "user:u-admin"],
      ["retention.policy_set", "cases", "user:u-admin"],
    ]);
  });

  it.each([
    ["/retention/policies/contracts", { action: "purge", days: 30 }, "params.kind"],
    ["/retention/policies/cases", { action: "shred", days: 30 }, "body.action"],
    ["/retention/policies/audit", { action: "anonymise", days: 30 }, "body.action"],
    ["/retention/policies/cases", { action: "purge", days: 0 }, "body.days"],
    ["/retention/policies/cases", { action: "purge", days: -3 }, "body.days"],
    ["/retention/policies/cases", { action: "purge", days: 1.5 }, "body.days"],
    ["/retention/policies/cases", { action: "purge", days: "30" }, "body.days"],
    ["/retention/policies/cases", { action: "purge" }, "body.days"],
  ])("answers PUT %s %j with 400 naming %s", async (url, body, field) => {
    const response = await send("PUT", url, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "request.invalid", field });
  });

  it("places, lists and releases holds; an unknown target is a 404 naming body.targetId", async () => {
    const unknown = await send("POST", "/legal-holds", {
      targetKind: "customer",
      targetId: "cus-nobody",
      reason: "litigation",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({
      code: "customer.not_found",
      field: "body.targetId",
    });
    const unknownCase = await send("POST", "/legal-holds", {
      targetKind: "case",
      targetId: "case-nope",
      reason: "litigation",
    });
    expect(unknownCase.json().error).toMatchObject({
      code: "case.not_found",
      field: "body.targetId",
    });
    const badKind = await send("POST", "/legal-holds", {
      targetKind: "team",
      targetId: "billing",
      reason: "x",
    });
    expect(badKind.json().error).toMatchObject({ field: "body.targetKind" });

    const placed = await send("POST", "/legal-holds", {
      targetKind: "customer",
      targetId: "cus-1",
      reason: "litigation",
    });
    expect(placed.statusCode).toBe(201);
    const hold = placed.json();
    expect(hold).toMatchObject({
      targetKind: "customer",
      targetId: "cus-1",
      active: true,
      createdBy: "user:u-admin",
      releasedAt: null,
    });
    expect((await send("GET", "/legal-holds?active=true")).json().items).toHaveLength(1);

    const released = await send("POST", `/legal-holds/${hold.id}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({
      id: hold.id,
      active: false,
      releasedBy: "user:u-admin",
    });
    expect((await send("GET", "/legal-holds?active=true")).json().items).toEqual([]);
    expect((await send("GET", "/legal-holds?active=false")).json().items).toHaveLength(1);
    expect((await send("GET", "/legal-holds")).json().items).toHaveLength(1);
    expect((await send("GET", "/legal-holds?active=maybe")).json().error).toMatchObject({
      field: "querystring.active",
    });
    const missing = await send("POST", "/legal-holds/hold_missing/release");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ field: "params.id" });
  });

  it("runs retention on demand and reports in ISO times", async () => {
    const missing = await send("POST", "/retention/run", {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ field: "body.dryRun" });

    const dry = await send("POST", "/retention/run", { dryRun: true });
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ dryRun: true, held: { customers: 0, cases: 0 } });
    expect(report.now).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(report.policies[0]).toMatchObject({ kind: "cases", action: "purge", days: 365 });
    expect(report.changes.casesPurged).toBe(0);
  });

  it("lets the service refuse a write to an actor without retention:write", async () => {
    const response = await app.inject({
      method: "PUT",
      url: "/api/v1/retention/policies/cases",
      headers: { "x-test-actor": "auditor" },
      payload: { action: "purge", days: 10 },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("access.forbidden");
    const read = await app.inject({
      url: "/api/v1/retention/policies",
      headers: { "x-test-actor": "auditor" },
    });
    expect(read.statusCode).toBe(200);
  });
});

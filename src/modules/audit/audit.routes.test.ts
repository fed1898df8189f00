import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { installErrorHandler } from "../../http/error-handler.js";
import { typeboxValidatorCompiler } from "../../http/validation.js";
import { auditRoutes } from "./audit.routes.js";
import { appendAudit } from "./audit.service.js";

const T0 = Date.UTC(2026, 0, 5, 9);

/**
 * The plugin alone, under /api/v1 as app.ts mounts it: these tests are about what the routes
 * answer; who may call them is the authentication layer's, driven by each route's config.access.
 */
async function buildAuditApp(store: TestStore) {
  const routes: { method: string; url: string; access: unknown }[] = [];
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  app.decorate("store", store);
  app.setValidatorCompiler(typeboxValidatorCompiler);
  installErrorHandler(app);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({ method, url: route.url, access: route.config?.access });
    }
  });
  await app.register(auditRoutes, { prefix: "/api/v1" });
  await app.ready();
  return { app: app as unknown as FastifyInstance, routes };
}

describe.each(STORE_KINDS)("audit routes on %s", (kind) => {
  let store: TestStore;
  let app: FastifyInstance;
  let routes: { method: string; url: string; access: unknown }[];
  beforeAll(async () => {
    store = await createTestStore(kind);
    ({ app, routes } = await buildAuditApp(store));
    for (let index = 1; index <= 3; index += 1) {
      await appendAudit(store.db, {
        actor: SYSTEM_ACTORS.cli,
        action: index === 3 ? "token.revoke" : "case.create",
        targetKind: index === 3 ? "token" : "case",
        targetId: `target-${index}`,
        after: { index, name: "Ada" },
        at: T0 + index * 1_000,
      });
    }
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it("declares audit:read on every route and offers no way to write", () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.access, `${route.method} ${route.url}`).toBe("audit:read");
      expect(["GET", "HEAD"]).toContain(route.method);
    }
    expect(routes.map((route) => route.url)).toEqual(
      expect.arrayContaining(["/api/v1/audit", "/api/v1/audit/verify"]),
    );
  });

  it("lists entries newest first, with ISO times and both hashes", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/audit?limit=2" });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((item: { seq: number }) => item.seq)).toEqual([3, 2]);
    expect(body.items[0]).toMatchObject({
      seq: 3,
      at: new Date(T0 + 3_000).toISOString(),
      actor: "system:cli",
      action: "token.revoke",
      targetKind: "token",
      targetId: "target-3",
      before: null,
      after: { index: 3, name: "Ada" },
    });
    expect(body.items[0].prevHash).toBe(body.items[1].hash);
    expect(body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);

    const next = await app.inject({
      method: "GET",
      url: `/api/v1/audit?limit=2&cursor=${body.nextCursor}`,
    });
    expect(next.json()).toMatchObject({ items: [{ seq: 1 }], nextCursor: null });
  });

  it("filters by actor, action and target", async () => {
    const seqs = async (query: string) =>
      (await app.inject({ method: "GET", url: `/api/v1/audit?${query}` }))
        .json()
        .items.map((item: { seq: number }) => item.seq);
    expect(await seqs("action=case.create")).toEqual([2, 1]);
    expect(await seqs("targetKind=case&targetId=target-2")).toEqual([2]);
    expect(await seqs("actor=system%3Acli&action=token.revoke")).toEqual([3]);
    expect(await seqs(`actor=${encodeURIComponent("x' OR '1'='1")}`)).toEqual([]);
  });

  it("rejects bad parameters with the usual errors", async () => {
    const badCursor = await app.inject({ method: "GET", url: "/api/v1/audit?cursor=zzz" });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.code).toBe("request.invalid_cursor");
    const badLimit = await app.inject({ method: "GET", url: "/api/v1/audit?limit=0" });
    expect(badLimit.json().error).toMatchObject({
      code: "request.invalid",
      field: "querystring.limit",
    });
    const unknown = await app.inject({ method: "GET", url: "/api/v1/audit?seq=1" });
    expect(unknown.json().error).toMatchObject({
      code: "request.invalid",
      field: "querystring.seq",
    });
  });

  it("has no route that changes an entry", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      const response = await app.inject({ method, url: "/api/v1/audit", payload: {} });
      expect(response.statusCode, method).toBe(404);
    }
    const response = await app.inject({ method: "DELETE", url: "/api/v1/audit/1" });
    expect(response.statusCode).toBe(404);
  });

  it("verifies the chain, and reports the entry edited in the database", async () => {
    const valid = await app.inject({ method: "GET", url: "/api/v1/audit/verify" });
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toMatchObject({ valid: true, entries: 3 });
    expect(valid.json().lastHash).toMatch(/^[0-9a-f]{64}$/);

    if (kind === "postgres") {
      await sql`DROP TRIGGER audit_log_no_update ON audit_log`.execute(store.db);
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    }
    await sql`UPDATE audit_log SET actor = 'user:someone-else' WHERE seq = 2`.execute(store.db);
    const broken = await app.inject({ method: "GET", url: "/api/v1/audit/verify" });
    expect(broken.json()).toEqual({
      valid: false,
      entries: 1,
      brokenAt: { seq: 2, reason: "hash mismatch" },
    });
  });
});

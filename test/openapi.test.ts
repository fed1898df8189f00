import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";

describe("OpenAPI document and health", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite");
  });
  afterAll(() => t.close());

  it("documents every public route with its schemas", async () => {
    const response = await t.inject("/api/openapi.json");
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe("3.1.0");
    const paths = Object.keys(document.paths);
    for (const path of [
      "/api/health",
      "/api/v1/teams",
      "/api/v1/agents",
      "/api/v1/customers",
      "/api/v1/customers/{id}",
      "/api/v1/customers/{id}/journey",
      "/api/v1/cases",
      "/api/v1/cases/{id}",
      "/api/v1/cases/{id}/events",
      "/api/v1/events",
      "/api/v1/metrics/export",
      "/api/v1/digests",
      "/api/v1/digests/{name}/send",
      "/api/v1/scorecards",
      "/api/v1/scorecards/{id}/result",
      "/api/v1/alert-rules",
      "/api/v1/alerts",
      "/api/v1/alerts/baseline",
      "/api/v1/alerts/{id}/acknowledge",
    ]) {
      expect(paths).toContain(path);
    }
    const createCase = document.paths["/api/v1/cases"].post;
    // `team` is optional: routing rules choose it when they are enabled.
    expect(createCase.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["customer", "channel", "category", "priority"]),
    );
    expect(createCase.responses["400"]).toBeDefined();
  });

  it("serves the docs UI", async () => {
    const response = await t.inject("/api/docs/");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/html/);
  });

  it("reports the store's state", async () => {
    const response = await t.inject("/api/health");
    expect(response.json()).toEqual({
      status: "ok",
      store: { dialect: "sqlite", ok: true, events: 0, cases: 0 },
    });
  });

  it("answers 503 with the store's state when the store is gone", async () => {
    const broken = await createTestApp("sqlite");
    await broken.store.close();
    const response = await broken.app.inject("/api/health");
    expect(response.statusCode).toBe(503);
    expect(response.json().store).toMatchObject({ ok: false, dialect: "sqlite" });
    await broken.app.close();
  });
});

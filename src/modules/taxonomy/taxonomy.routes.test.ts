import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { countEvents } from "../events/event.repository.js";
import { importEvents } from "../events/event-import.js";

const TAXONOMY = {
  categories: [
    {
      id: "billing",
      name: "Billing",
      subcategories: [
        { id: "refund", name: "Refund" },
        { id: "invoice", name: "Invoice" },
      ],
    },
    { id: "technical", name: "Technical", subcategories: [{ id: "login", name: "Login" }] },
  ],
  rootCauses: [
    { code: "billing-error", name: "Billing error", retired: false },
    { code: "legacy-bug", name: "Legacy bug", retired: true },
  ],
};

describe.each(STORE_KINDS)("taxonomy on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });

  async function expectRefused(method: "PUT" | "POST", url: string, payload: object) {
    const before = await countEvents(t.store.db);
    const refused = await send(method, url, payload);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(await countEvents(t.store.db)).toBe(before);
    return refused.json().error;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    expect((await send("POST", "/api/v1/teams", buildTeam())).statusCode).toBe(201);
    expect((await send("POST", "/api/v1/customers", buildCustomer())).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("enforces nothing while the taxonomy is empty (version 0)", async () => {
    expect((await send("GET", "/api/v1/taxonomy")).json()).toEqual({
      version: 0,
      createdAt: null,
      createdBy: null,
      document: { categories: [], rootCauses: [] },
    });
    const opened = await send(
      "POST",
      "/api/v1/cases",
      buildCase({ id: "free", category: "misc/other" }),
    );
    expect(opened.statusCode).toBe(201);
    expect((await send("POST", "/api/v1/cases/free/resolve", {})).statusCode).toBe(200);
  });

  it("validates the document, naming the field", async () => {
    const repeated = structuredClone(TAXONOMY);
    repeated.categories.push({
      id: "billing",
      name: "Again",
      subcategories: [{ id: "x", name: "X" }],
    });
    expect(await expectRefused("PUT", "/api/v1/taxonomy", { document: repeated })).toMatchObject({
      field: "body.document.categories.2.id",
    });
    const repeatedCause = structuredClone(TAXONOMY);
    repeatedCause.rootCauses.push({ code: "legacy-bug", name: "Again", retired: false });
    expect(
      await expectRefused("PUT", "/api/v1/taxonomy", { document: repeatedCause }),
    ).toMatchObject({ field: "body.document.rootCauses.2.code" });
    const bare = structuredClone(TAXONOMY);
    (bare.categories[1] as { subcategories: unknown[] }).subcategories = [];
    expect(await expectRefused("PUT", "/api/v1/taxonomy", { document: bare })).toMatchObject({
      field: "body.document.categories.1.subcategories",
    });
    const badId = structuredClone(TAXONOMY);
    (badId.categories[0] as { id: string }).id = "Bad Id";
    expect(await expectRefused("PUT", "/api/v1/taxonomy", { document: badId })).toMatchObject({
      field: "body.document.categories.0.id",
    });
    expect((await send("GET", "/api/v1/taxonomy/versions")).json()).toEqual({ items: [] });
  });

  it("holds new cases and resolutions made through the API to the saved taxonomy", async () => {
    const saved = await send("PUT", "/api/v1/taxonomy", { document: TAXONOMY });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, document: TAXONOMY });

    expect(
      await expectRefused(
        "POST",
        "/api/v1/cases",
        buildCase({ id: "bad", category: "billing/fraud" }),
      ),
    ).toEqual({
      code: "request.invalid",
      message: "billing/fraud is not in the taxonomy: billing has refund, invoice",
      field: "body.category",
    });
    expect(
      await expectRefused(
        "POST",
        "/api/v1/cases",
        buildCase({ id: "bad", category: "misc/other" }),
      ),
    ).toMatchObject({ field: "body.category" });
    const opened = await send(
      "POST",
      "/api/v1/cases",
      buildCase({ id: "good", category: "billing/invoice" }),
    );
    expect(opened.statusCode, opened.body).toBe(201);

    expect(await expectRefused("POST", "/api/v1/cases/good/resolve", {})).toMatchObject({
      field: "body.rootCause",
      message: "rootCause is required: one of billing-error",
    });
    expect(
      await expectRefused("POST", "/api/v1/cases/good/resolve", { rootCause: "legacy-bug" }),
    ).toMatchObject({ field: "body.rootCause", message: expect.stringContaining("retired") });
    expect(
      await expectRefused("POST", "/api/v1/cases/good/resolve", { rootCause: "gremlins" }),
    ).toMatchObject({ field: "body.rootCause" });
    expect(
      await expectRefused("POST", "/api/v1/events", {
        type: "case.resolved",
        at: new Date().toISOString(),
        case: "good",
        rootCause: "gremlins",
      }),
    ).toMatchObject({ field: "body.rootCause" });
    const resolved = await send("POST", "/api/v1/cases/good/resolve", {
      rootCause: "billing-error",
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: "resolved", rootCause: "billing-error" });
  });

  it("lets NDJSON imports through unchecked: they are history", async () => {
    const report = await importEvents(
      t.store.db,
      [
        JSON.stringify({
          type: "case.opened",
          at: "2025-06-01T09:00:00Z",
          case: "history",
          customer: "cus-1",
          channel: "email",
          category: "legacy/whatever",
          priority: "normal",
          team: "billing",
        }),
        JSON.stringify({
          type: "case.resolved",
          at: "2025-06-01T10:00:00Z",
          case: "history",
          rootCause: "legacy-bug",
        }),
      ],
      { skipInvalid: false, strict: false, actor: SYSTEM_ACTORS.cli },
    );
    expect(report).toMatchObject({ imported: 2, written: true });
    expect((await send("GET", "/api/v1/cases/history")).json()).toMatchObject({
      category: "legacy/whatever",
      rootCause: "legacy-bug",
    });
  });
});

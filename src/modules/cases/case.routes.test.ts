import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { countEvents } from "../events/event.repository.js";

describe.each(STORE_KINDS)("cases API on %s", (kind) => {
  let t: TestApp;
  const post = (url: string, payload: unknown) =>
    t.inject({ method: "POST", url, payload: payload as object });

  beforeAll(async () => {
    t = await createTestApp(kind, { bodyLimitBytes: 4096 });
    expect((await post("/api/v1/teams", buildTeam())).statusCode).toBe(201);
    expect((await post("/api/v1/customers", buildCustomer())).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("opens a case and records its event in the customer's journey", async () => {
    const created = await post("/api/v1/cases", buildCase({ id: "case-a" }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: "case-a",
      customerId: "cus-1",
      status: "new",
      teamId: "billing",
      firstResponseAt: null,
    });
    const fetched = await t.inject("/api/v1/cases/case-a");
    // The open spell in its team counts minutes up to each read; everything else is the same.
    const { teamTimes: fetchedSpells, ...fetchedCase } = fetched.json();
    const { teamTimes: createdSpells, ...createdCase } = created.json();
    expect(fetchedCase).toEqual(createdCase);
    expect(fetchedSpells).toMatchObject([{ team: "billing", endedAt: null }]);
    expect(createdSpells).toMatchObject([{ team: "billing", endedAt: null }]);

    const journey = await t.inject("/api/v1/customers/cus-1/journey");
    expect(journey.statusCode).toBe(200);
    const types = journey.json().items.map((e: { type: string }) => e.type);
    expect(types).toEqual(["customer.upserted", "case.opened"]);
    expect(journey.json().items[1]).toMatchObject({
      caseId: "case-a",
      data: { subject: "Refund not received" },
    });
  });

  it("lists newest first with filters and a cursor that neither skips nor repeats", async () => {
    for (let i = 0; i < 5; i += 1) {
      const priority = i % 2 === 0 ? "low" : "urgent";
      expect(
        (await post("/api/v1/cases", buildCase({ id: `page-${i}`, priority }))).statusCode,
      ).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await t.inject(`/api/v1/cases?limit=2${query}`);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items.map((c: { id: string }) => c.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);

    const urgent = await t.inject("/api/v1/cases?priority=urgent&category=billing");
    expect(
      urgent
        .json()
        .items.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual(["page-1", "page-3"]);
    const none = await t.inject("/api/v1/cases?category=orders/late");
    expect(none.json()).toEqual({ items: [], nextCursor: null });
  });

  describe("bad input gets a 4xx naming the field, and writes nothing", () => {
    let eventsBefore: number;
    beforeAll(async () => {
      eventsBefore = await countEvents(t.store.db);
    });
    afterAll(async () => {
      expect(await countEvents(t.store.db)).toBe(eventsBefore);
    });

    it("malformed JSON", async () => {
      const response = await t.inject({
        method: "POST",
        url: "/api/v1/cases",
        headers: { "content-type": "application/json" },
        payload: '{"customer": ',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: "request.malformed_json",
        field: "body",
      });
    });

    it("wrong types and values outside an enum", async () => {
      const wrongType = await post("/api/v1/cases", buildCase({ priority: 3 }));
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().error).toMatchObject({
        code: "request.invalid",
        field: "body.priority",
      });
      const badChannel = await post("/api/v1/cases", buildCase({ channel: "fax" }));
      expect(badChannel.json().error.field).toBe("body.channel");
      const badCategory = await post("/api/v1/cases", buildCase({ category: "billing" }));
      expect(badCategory.json().error.field).toBe("body.category");
    });

    it("missing required fields and unknown fields", async () => {
      const { team: _team, ...withoutTeam } = buildCase();
      const missing = await post("/api/v1/cases", withoutTeam);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error).toMatchObject({
        field: "body.team",
        message: "body.team is required: no routing rules are enabled to choose the team",
      });
      const unknown = await post("/api/v1/cases", buildCase({ colour: "red" }));
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.field).toBe("body.colour");
    });

    it("unknown ids, in the path and in the body", async () => {
      const missingCase = await t.inject("/api/v1/cases/no-such-case");
      expect(missingCase.statusCode).toBe(404);
      expect(missingCase.json().error.code).toBe("case.not_found");
      const unknownCustomer = await post("/api/v1/cases", buildCase({ customer: "ghost" }));
      expect(unknownCustomer.statusCode).toBe(404);
      expect(unknownCustomer.json().error).toMatchObject({
        code: "customer.not_found",
        field: "body.customer",
      });
      const unknownTeam = await post("/api/v1/cases", buildCase({ team: "ghosts" }));
      expect(unknownTeam.json().error).toMatchObject({
        code: "team.not_found",
        field: "body.team",
      });
    });

    it("a duplicate id", async () => {
      const duplicate = await post("/api/v1/cases", buildCase({ id: "case-a" }));
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error).toMatchObject({
        code: "case.already_exists",
        field: "body.case",
      });
      const duplicateTeam = await post("/api/v1/teams", buildTeam());
      expect(duplicateTeam.statusCode).toBe(409);
      expect(duplicateTeam.json().error.field).toBe("body.id");
    });

    it("an oversized body and a foreign content type", async () => {
      const huge = await post("/api/v1/cases", buildCase({ subject: "x".repeat(10_000) }));
      expect(huge.statusCode).toBe(413);
      expect(huge.json().error.code).toBe("request.body_too_large");
      const text = await t.inject({
        method: "POST",
        url: "/api/v1/cases",
        headers: { "content-type": "text/plain" },
        payload: "hello",
      });
      expect(text.statusCode).toBe(415);
      expect(text.json().error.code).toBe("request.unsupported_media_type");
    });

    it("bad query parameters and cursors", async () => {
      const limit = await t.inject("/api/v1/cases?limit=abc");
      expect(limit.statusCode).toBe(400);
      expect(limit.json().error.field).toBe("querystring.limit");
      const tooMany = await t.inject("/api/v1/cases?limit=100000");
      expect(tooMany.json().error.field).toBe("querystring.limit");
      const cursor = await t.inject("/api/v1/cases?cursor=not-a-cursor");
      expect(cursor.json().error).toMatchObject({
        code: "request.invalid_cursor",
        field: "querystring.cursor",
      });
      const status = await t.inject("/api/v1/cases?status=sleeping");
      expect(status.json().error.field).toBe("querystring.status");
      const injection = await t.inject("/api/v1/cases?team=x'%20OR%201=1--");
      expect(injection.statusCode).toBe(400);
      const range = await t.inject(
        "/api/v1/cases?openedFrom=2026-02-01T00:00:00Z&openedTo=2026-01-01T00:00:00Z",
      );
      expect(range.json().error.field).toBe("querystring.openedFrom");
    });
  });
});

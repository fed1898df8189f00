import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../test/support/app.js";
import { STORE_KINDS } from "../../test/support/stores.js";

type Inject = (options: InjectOptions | string) => Promise<LightMyRequestResponse>;

interface EventBody {
  type: string;
  customerId: string | null;
  data: Record<string, unknown>;
}

const ADA = { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0958" };
const ADA_MASKED = { name: "A•••", email: "a•••@example.com", phone: "•••58" };
const COMMENT = "Great help from Grace";

/** What an analyst should get for an event an admin sees: only the personal fields differ. */
function maskedForAnalyst(event: EventBody): EventBody {
  if (event.type === "customer.upserted" && event.customerId === "cus-1") {
    return { ...event, data: { ...event.data, ...ADA_MASKED } };
  }
  if (event.type === "survey.answered") {
    return { ...event, data: { ...event.data, comment: "G•••" } };
  }
  return event;
}

describe.each(STORE_KINDS)("PII masking in API answers on %s", (kind) => {
  let t: TestApp;
  let agent: Inject;
  let analyst: Inject;
  const get = async (as: Inject, url: string) => {
    const response = await as(url);
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const post = async (url: string, payload: object) => {
      const response = await t.inject({ method: "POST", url, payload });
      expect(response.statusCode, response.body).toBe(201);
    };
    await post("/api/v1/teams", buildTeam());
    await post("/api/v1/customers", buildCustomer({ id: "cus-1", ...ADA }));
    // A customer without personal data: nulls must stay nulls.
    await post("/api/v1/customers", {
      id: "cus-2",
      tier: "bronze",
      segment: "enterprise",
      region: "apac",
    });
    await post("/api/v1/cases", buildCase({ id: "case-1", customer: "cus-1" }));
    await post("/api/v1/events", {
      type: "survey.answered",
      at: new Date().toISOString(),
      case: "case-1",
      kind: "csat",
      score: 4,
      comment: COMMENT,
    });
    agent = await t.as([{ role: "agent", teams: ["billing"], regions: [] }]);
    analyst = await t.as([{ role: "analyst", teams: [], regions: [] }]);
  });
  afterAll(() => t.close());

  it("shows personal data unmasked to an admin and to an agent, who hold pii:read", async () => {
    for (const as of [t.inject, agent]) {
      expect(await get(as, "/api/v1/customers/cus-1")).toMatchObject(ADA);
      const journey = await get(as, "/api/v1/customers/cus-1/journey");
      expect(journey.customer).toMatchObject(ADA);
      const events: EventBody[] = journey.items;
      expect(events.find((event) => event.type === "customer.upserted")?.data).toMatchObject(ADA);
      expect(events.find((event) => event.type === "survey.answered")?.data.comment).toBe(COMMENT);
      const caseEvents: EventBody[] = (await get(as, "/api/v1/cases/case-1/events")).items;
      expect(caseEvents.find((event) => event.type === "survey.answered")?.data.comment).toBe(
        COMMENT,
      );
    }
    const list = await get(t.inject, "/api/v1/customers");
    expect(list.items[0]).toMatchObject({ id: "cus-1", ...ADA });
  });

  it("masks customers for an analyst and changes nothing else", async () => {
    const seen = await get(t.inject, "/api/v1/customers");
    const masked = await get(analyst, "/api/v1/customers");
    expect(seen.items).toHaveLength(2);
    expect(masked).toEqual({
      ...seen,
      items: [{ ...seen.items[0], ...ADA_MASKED }, seen.items[1]],
    });
    expect(masked.items[1]).toMatchObject({ id: "cus-2", name: null, email: null, phone: null });

    const one = await get(analyst, "/api/v1/customers/cus-1");
    expect(one).toEqual({ ...(await get(t.inject, "/api/v1/customers/cus-1")), ...ADA_MASKED });
    expect(one).toMatchObject({ id: "cus-1", tier: "gold", segment: "smb", region: "emea" });
  });

  it("masks the journey's customer and the personal fields of its events", async () => {
    const seen = await get(t.inject, "/api/v1/customers/cus-1/journey");
    const masked = await get(analyst, "/api/v1/customers/cus-1/journey");
    const types = seen.items.map((event: EventBody) => event.type);
    expect(types).toEqual(["customer.upserted", "case.opened", "survey.answered"]);
    expect(masked).toEqual({
      ...seen,
      customer: { ...seen.customer, ...ADA_MASKED },
      items: seen.items.map(maskedForAnalyst),
    });
    // A case subject is written by staff and stays readable.
    expect(masked.items[1].data).toMatchObject({ case: "case-1", subject: "Refund not received" });
  });

  it("masks event payloads in the event log and a case's events", async () => {
    const seen = await get(t.inject, "/api/v1/events");
    const masked = await get(analyst, "/api/v1/events");
    expect(seen.items.map((event: EventBody) => event.type)).toEqual([
      "survey.answered",
      "case.opened",
      "customer.upserted",
      "customer.upserted",
      "team.upserted",
    ]);
    expect(masked).toEqual({ ...seen, items: seen.items.map(maskedForAnalyst) });
    expect(masked.items[0].data).toMatchObject({ kind: "csat", score: 4, comment: "G•••" });
    expect(masked.items[4].data).toMatchObject({ team: "billing", name: "Billing" });

    const caseSeen = await get(t.inject, "/api/v1/cases/case-1/events");
    const caseMasked = await get(analyst, "/api/v1/cases/case-1/events");
    expect(caseMasked).toEqual({ ...caseSeen, items: caseSeen.items.map(maskedForAnalyst) });
    expect(caseMasked.items.map((event: EventBody) => event.data.comment)).toEqual([
      undefined,
      "G•••",
    ]);
  });

  it("leaves cases, which hold no personal fields, as they are", async () => {
    // A running spell in a team counts its minutes up to the moment of the read.
    const withoutClock = (detail: {
      teamTimes: { endedAt: string | null; minutes: number }[];
    }) => ({
      ...detail,
      teamTimes: detail.teamTimes.map((spell) =>
        spell.endedAt === null ? { ...spell, minutes: "running" } : spell,
      ),
    });
    expect(withoutClock(await get(analyst, "/api/v1/cases/case-1"))).toEqual(
      withoutClock(await get(t.inject, "/api/v1/cases/case-1")),
    );
  });

  it("marks the personal fields in the OpenAPI document", async () => {
    const document = await get(t.inject, "/api/openapi.json");
    const customer =
      document.paths["/api/v1/customers/{id}"].get.responses["200"].content["application/json"]
        .schema;
    expect(customer.properties.email["x-pii"]).toBe(true);
    expect(customer.properties.tier["x-pii"]).toBeUndefined();
    const events =
      document.paths["/api/v1/events"].get.responses["200"].content["application/json"].schema;
    expect(events.properties.items.items.properties.data["x-pii-event-data"]).toBe(true);
  });
});

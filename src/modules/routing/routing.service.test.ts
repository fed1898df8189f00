import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { buildRule, buildRuleSet, condition } from "../../../test/support/routing.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { AppError } from "../../errors.js";
import { decideRouting, loadRoutingSubject } from "./routing.service.js";
import { loadRoutingRules } from "./routing-rules.service.js";
import { RECENT_HISTORY_MS } from "./routing-subject.js";

const DAY_MS = 86_400_000;

describe.each(STORE_KINDS)("routing service on %s", (kind) => {
  let t: TestApp;
  const send = async (method: "PUT" | "POST", url: string, payload: object = {}) => {
    const response = await t.inject({ method, url, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response;
  };
  const input = {
    customerId: "cus-1",
    channel: "email",
    category: "billing/refund",
    priority: "normal",
    team: "billing",
    subject: "Refund again",
  } as const;

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const id of ["billing", "retention"]) {
      await send("POST", "/api/v1/teams", buildTeam({ id, name: id }));
    }
    await send("POST", "/api/v1/customers", buildCustomer({ language: "de", tier: "gold" }));
    // first: resolved; second: its recontact (same customer and top category, after the
    // resolution); third: open, another category.
    await send("POST", "/api/v1/cases", buildCase({ id: "first" }));
    await send("POST", "/api/v1/cases/first/resolve");
    await send("POST", "/api/v1/cases", buildCase({ id: "second" }));
    await send("POST", "/api/v1/cases", buildCase({ id: "third", category: "orders/late" }));
  });
  afterAll(() => t.close());

  it("builds the subject with the customer's attributes and history", async () => {
    const subject = await loadRoutingSubject(t.store.db, input, Date.now());
    expect(subject).toEqual({
      case: {
        channel: "email",
        category: "billing/refund",
        priority: "normal",
        team: "billing",
        subject: "Refund again",
        body: null,
        tags: [],
      },
      customer: {
        tier: "gold",
        segment: "smb",
        region: "emea",
        language: "de",
        openCases: 2,
        casesLast30Days: 3,
        recentRecontacts: 1,
      },
    });
  });

  it("leaves the case being re-routed out of its customer's history", async () => {
    const subject = await loadRoutingSubject(
      t.store.db,
      { ...input, caseId: "second" },
      Date.now(),
    );
    expect(subject.customer).toMatchObject({
      openCases: 1,
      casesLast30Days: 2,
      recentRecontacts: 0,
    });
  });

  it("counts only the last 30 days as recent; open cases at any age", async () => {
    const later = Date.now() + RECENT_HISTORY_MS + DAY_MS;
    const subject = await loadRoutingSubject(t.store.db, input, later);
    expect(subject.customer).toMatchObject({
      openCases: 2,
      casesLast30Days: 0,
      recentRecontacts: 0,
    });
  });

  it("gives a customer that does not exist the unknown attributes and no history", async () => {
    const subject = await loadRoutingSubject(
      t.store.db,
      { ...input, customerId: "nobody" },
      Date.now(),
    );
    expect(subject.customer).toEqual({
      tier: "unknown",
      segment: "unknown",
      region: "unknown",
      language: null,
      openCases: 0,
      casesLast30Days: 0,
      recentRecontacts: 0,
    });
  });

  it("decides nothing while routing is disabled, then routes with the version in force", async () => {
    expect(await decideRouting(t.store.db, input, Date.now())).toBeNull();
    const rules = buildRuleSet([
      buildRule({
        id: "repeaters",
        conditions: [condition("customer.recentRecontacts", "gte", 1)],
        actions: { setTeam: "retention", addTags: ["repeat"] },
      }),
    ]);
    await send("PUT", "/api/v1/routing/rules", { document: rules });
    const decided = await decideRouting(t.store.db, input, Date.now());
    expect(decided).toEqual({
      version: 1,
      decision: {
        team: "retention",
        queue: null,
        priority: "normal",
        tags: ["repeat"],
        skills: [],
        rule: "repeaters",
        fired: ["repeaters"],
        trace: [],
      },
    });
    // No rule routes a case without recontacts: it keeps its team.
    const quiet = await decideRouting(t.store.db, { ...input, customerId: "nobody" }, Date.now());
    expect(quiet?.decision).toMatchObject({ team: "billing", rule: null });
    // Without a team and without a fallback, such a case is refused naming body.team.
    await expect(
      decideRouting(t.store.db, { ...input, customerId: "nobody", team: null }, Date.now()),
    ).rejects.toMatchObject({ code: "request.invalid", field: "body.team" });
    await expect(
      decideRouting(t.store.db, { ...input, customerId: "nobody", team: null }, Date.now()),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("compiles the rules in force once per version", async () => {
    const first = await loadRoutingRules(t.store.db);
    const again = await loadRoutingRules(t.store.db);
    expect(again.compiled).toBe(first.compiled);
    const next = buildRuleSet([buildRule({ actions: { setTeam: "billing" } })]);
    await send("PUT", "/api/v1/routing/rules", { document: next });
    const changed = await loadRoutingRules(t.store.db);
    expect(changed.version).toBe(first.version + 1);
    expect(changed.compiled).not.toBe(first.compiled);
    expect(changed.document).toEqual(next);
  });
});

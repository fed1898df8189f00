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
import type { RoutingRuleSet } from "./routing-rules.js";

const RULES: RoutingRuleSet = buildRuleSet(
  [
    buildRule({
      id: "vip-fast-lane",
      name: "VIP fast lane",
      conditions: [condition("customer.tier", "in", ["platinum"])],
      actions: { raisePriority: 1, addTags: ["vip"] },
    }),
    buildRule({
      id: "refunds",
      name: "Refunds to billing",
      conditions: [condition("case.text", "contains_any", ["refund", "money back"])],
      actions: { setTeam: "billing", setQueue: "refunds" },
    }),
    buildRule({
      id: "repeat-callers",
      name: "Repeat callers",
      conditions: [condition("customer.openCases", "gte", 2)],
      actions: { requireSkills: [{ skill: "retention", level: 3 }] },
    }),
  ],
  { fallbackTeam: "triage" },
);

describe.each(STORE_KINDS)("routing rules routes on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const versions = async () =>
    (await send("GET", "/api/v1/routing/rules/versions")).json().items.length as number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const id of ["billing", "triage", "returns"]) {
      expect((await send("POST", "/api/v1/teams", buildTeam({ id, name: id }))).statusCode).toBe(
        201,
      );
    }
    const customer = buildCustomer({ id: "cus-vip", tier: "platinum", language: "de" });
    expect((await send("POST", "/api/v1/customers", customer)).statusCode).toBe(201);
    for (const id of ["open-1", "open-2"]) {
      const opened = await send(
        "POST",
        "/api/v1/cases",
        buildCase({ id, customer: "cus-vip", category: "orders/late", team: "returns" }),
      );
      expect(opened.statusCode, opened.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  it("serves the defaults before any save: disabled, no rules", async () => {
    expect((await send("GET", "/api/v1/routing/rules")).json()).toEqual({
      version: 0,
      createdAt: null,
      createdBy: null,
      document: { enabled: false, fallbackTeam: null, rules: [] },
    });
  });

  it("refuses a team that does not exist, naming the path, and saves nothing", async () => {
    const unknownTeam = structuredClone(RULES);
    (unknownTeam.rules[1] as { actions: { setTeam: string } }).actions.setTeam = "nowhere";
    const refused = await send("PUT", "/api/v1/routing/rules", { document: unknownTeam });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error).toEqual({
      code: "request.invalid",
      message: 'team "nowhere" does not exist',
      field: "body.document.rules.1.actions.setTeam",
    });
    const unknownFallback = await send("PUT", "/api/v1/routing/rules", {
      document: { ...RULES, fallbackTeam: "ghosts" },
    });
    expect(unknownFallback.json().error.field).toBe("body.document.fallbackTeam");
    expect(await versions()).toBe(0);
  });

  it("refuses an enabled set that routes nothing (422), and an invalid one (400)", async () => {
    const nothing = buildRuleSet([buildRule({ actions: { addTags: ["seen"] } })]);
    const refused = await send("PUT", "/api/v1/routing/rules", { document: nothing });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: "routing.routes_nothing",
      field: "body.document.enabled",
    });
    const invalid = buildRuleSet([
      buildRule({ conditions: [condition("case.body", "matches", "refund(")] }),
    ]);
    const badPattern = await send("PUT", "/api/v1/routing/rules", { document: invalid });
    expect(badPattern.statusCode).toBe(400);
    expect(badPattern.json().error).toMatchObject({
      code: "request.invalid",
      field: "body.document.rules.0.conditions.0.value",
      message: expect.stringContaining('rule "rule": is not a valid regular expression'),
    });
    const badField = await send("PUT", "/api/v1/routing/rules", {
      document: {
        ...invalid,
        rules: [{ ...invalid.rules[0], conditions: [{ field: "x", op: "exists" }] }],
      },
    });
    expect(badField.json().error).toMatchObject({
      code: "request.invalid",
      field: "body.document.rules.0.conditions.0.field",
    });
    expect(await versions()).toBe(0);
    // Disabled, the same set is saved: it is a draft in progress.
    const saved = await send("PUT", "/api/v1/routing/rules", {
      document: { ...nothing, enabled: false },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
  });

  it("saves a valid set as a new version", async () => {
    const saved = await send("PUT", "/api/v1/routing/rules", { document: RULES, baseVersion: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, document: RULES });
    expect((await send("GET", "/api/v1/routing/rules")).json().document).toEqual(RULES);
  });

  it("checks a draft: its first problem, unknown teams and warnings", async () => {
    const valid = await send("POST", "/api/v1/routing/rules/check", { document: RULES });
    expect(valid.statusCode, valid.body).toBe(200);
    expect(valid.json()).toEqual({ valid: true, warnings: [] });

    const nothing = buildRuleSet([
      buildRule({ id: "catch-all", stop: true, actions: { addTags: ["all"] } }),
      buildRule({ id: "never", enabled: false, actions: { setTeam: "billing" } }),
    ]);
    expect(
      (await send("POST", "/api/v1/routing/rules/check", { document: nothing })).json(),
    ).toEqual({
      valid: true,
      warnings: [
        { field: "enabled", reason: expect.stringMatching(/^routes nothing anywhere/) },
        {
          field: "rules.1",
          reason:
            'rule "never": is never tried: rule "catch-all" (rules.0) has no conditions, so it always fires and stops',
        },
      ],
    });

    const cycle = buildRuleSet([
      buildRule({
        id: "to-returns",
        conditions: [condition("case.team", "equals", "billing")],
        actions: { setTeam: "returns" },
      }),
      buildRule({
        id: "to-billing",
        conditions: [condition("case.team", "equals", "returns")],
        actions: { setTeam: "billing" },
      }),
    ]);
    expect((await send("POST", "/api/v1/routing/rules/check", { document: cycle })).json()).toEqual(
      {
        valid: false,
        error: {
          field: "rules.1.actions.setTeam",
          reason: expect.stringContaining("returns → billing → returns"),
        },
        warnings: [],
      },
    );

    const unknownTeam = { ...RULES, fallbackTeam: "ghosts" };
    expect(
      (await send("POST", "/api/v1/routing/rules/check", { document: unknownTeam })).json(),
    ).toEqual({
      valid: false,
      error: { field: "fallbackTeam", reason: 'team "ghosts" does not exist' },
      warnings: [],
    });

    const malformed = await send("POST", "/api/v1/routing/rules/check", {
      document: { rules: [] },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.field).toBe("body.document.enabled");
  });

  it("tests a case against the rules in force, counting an existing customer's history", async () => {
    const tested = await send("POST", "/api/v1/routing/rules/test", {
      case: {
        channel: "email",
        category: "billing/refund",
        priority: "normal",
        team: "returns",
        subject: "Where is my money back?",
      },
      customer: "cus-vip",
    });
    expect(tested.statusCode, tested.body).toBe(200);
    const { version, decision } = tested.json();
    expect(version).toBe(2);
    expect(decision).toMatchObject({
      team: "billing",
      queue: "refunds",
      priority: "high",
      tags: ["vip"],
      skills: [{ skill: "retention", level: 3 }],
      rule: "refunds",
      fired: ["vip-fast-lane", "refunds", "repeat-callers"],
    });
    expect(decision.trace).toEqual([
      {
        rule: "vip-fast-lane",
        name: "VIP fast lane",
        outcome: "fired",
        conditions: [
          {
            field: "customer.tier",
            op: "in",
            value: ["platinum"],
            actual: "platinum",
            holds: true,
          },
        ],
        applied: ["raisePriority", "addTags"],
      },
      {
        rule: "refunds",
        name: "Refunds to billing",
        outcome: "fired",
        conditions: [
          {
            field: "case.text",
            op: "contains_any",
            value: ["refund", "money back"],
            actual: "Where is my money back?",
            holds: true,
            matched: "money back",
          },
        ],
        applied: ["setTeam", "setQueue"],
      },
      {
        rule: "repeat-callers",
        name: "Repeat callers",
        outcome: "fired",
        conditions: [{ field: "customer.openCases", op: "gte", value: 2, actual: 2, holds: true }],
        applied: ["requireSkills"],
      },
    ]);
  });

  it("tests a draft with given customer attributes; falls back when no rule routes", async () => {
    const draft = structuredClone(RULES);
    (draft.rules[1] as { enabled: boolean }).enabled = false;
    const tested = await send("POST", "/api/v1/routing/rules/test", {
      document: draft,
      case: { channel: "chat", category: "billing/refund", priority: "low", body: "refund" },
      customer: { tier: "silver", segment: "smb", region: "amer" },
    });
    expect(tested.statusCode, tested.body).toBe(200);
    expect(tested.json()).toMatchObject({
      version: null,
      decision: { team: "triage", queue: null, priority: "low", rule: null, fired: [] },
    });
    expect(tested.json().decision.trace.map((rule: { outcome: string }) => rule.outcome)).toEqual([
      "not_matched",
      "disabled",
      "not_matched",
    ]);
  });

  it("answers 400 for an invalid draft or a case no team can be decided for, 404 for an unknown customer", async () => {
    const invalid = buildRuleSet([
      buildRule({ conditions: [condition("case.channel", "equals", "fax")] }),
    ]);
    const refused = await send("POST", "/api/v1/routing/rules/test", {
      document: invalid,
      case: { channel: "email", category: "billing/refund", priority: "normal", team: "billing" },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: "request.invalid",
      field: "body.document.rules.0.conditions.0.value",
    });
    const noTeam = await send("POST", "/api/v1/routing/rules/test", {
      document: { ...RULES, fallbackTeam: null },
      case: { channel: "email", category: "orders/late", priority: "normal" },
    });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.json().error.field).toBe("body.case.team");
    // The same case that a rule does route needs no team of its own.
    const routed = await send("POST", "/api/v1/routing/rules/test", {
      document: { ...RULES, fallbackTeam: null },
      case: { channel: "email", category: "orders/late", priority: "normal", body: "refund" },
    });
    expect(routed.json().decision.team).toBe("billing");
    const unknown = await send("POST", "/api/v1/routing/rules/test", {
      case: { channel: "email", category: "orders/late", priority: "normal", team: "billing" },
      customer: "nobody",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("customer.not_found");
  });

  it("lets settings readers check and test, and only writers save", async () => {
    const analyst = await t.as([{ role: "analyst", teams: [], regions: [] }]);
    const check = await analyst({
      method: "POST",
      url: "/api/v1/routing/rules/check",
      payload: { document: RULES },
    });
    expect(check.statusCode).toBe(200);
    const save = await analyst({
      method: "PUT",
      url: "/api/v1/routing/rules",
      payload: { document: RULES },
    });
    expect(save.statusCode).toBe(403);
    // A customer outside the caller's scope is tested as if it did not exist.
    const agent = await t.as([{ role: "agent", teams: ["billing"], regions: [] }]);
    const outside = await agent({
      method: "POST",
      url: "/api/v1/routing/rules/test",
      payload: {
        case: { channel: "email", category: "orders/late", priority: "normal", team: "billing" },
        customer: "cus-vip",
      },
    });
    expect(outside.statusCode).toBe(404);
  });
});

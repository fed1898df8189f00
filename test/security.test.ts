import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Permission, roleAllows } from "../src/access/permissions.js";
import { encodeCursor } from "../src/db/pagination.js";
import {
  authenticate,
  createApiToken,
  login as openSession,
} from "../src/modules/auth/auth.service.js";
import { SESSION_COOKIE } from "../src/modules/auth/credential.js";
import { countCases } from "../src/modules/cases/case.repository.js";
import { countEvents } from "../src/modules/events/event.repository.js";
import { countUsers } from "../src/modules/users/user.repository.js";
import { createTestApp, TEST_PASSWORD, type TestApp } from "./support/app.js";
import { STORE_KINDS } from "./support/stores.js";
import {
  auditEntryCount,
  bearerInject,
  type Inject,
  ROLE_GRANTS,
  type SignedInUser,
  seedWorkspace,
  signIn,
  WORKSPACE,
} from "./support/workspace.js";

/**
 * The "bad input and attack" checks of the governance issue: credentials that must not work,
 * privilege escalation, SQL-injection-shaped filters, oversized payloads and rate limits. Every
 * refused request is also shown to write nothing: users, events, cases and audit entries are
 * counted before and after.
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const TWO_MEGABYTES = 2 * 1024 * 1024;
const INJECTIONS = ["' OR 1=1 --", '"; DROP TABLE cases; --', "%' UNION SELECT * FROM users --"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: response.statusCode, code: response.json().error?.code }, response.body).toEqual(
    { status, code },
  );
}

/** The ids of a list answer's items. */
const idsOf = (response: LightMyRequestResponse): string[] =>
  response.json().items.map((item: { id?: string; seq?: number }) => String(item.id ?? item.seq));

describe.each(STORE_KINDS)("security on %s", (kind) => {
  let t: TestApp;
  let agent: SignedInUser;
  let lead: SignedInUser;
  let analyst: SignedInUser;
  let auditor: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedWorkspace(t);
    agent = await signIn(t, "agent@security.test", [ROLE_GRANTS.agent]);
    lead = await signIn(t, "lead@security.test", [ROLE_GRANTS.team_lead]);
    analyst = await signIn(t, "analyst@security.test", [ROLE_GRANTS.analyst]);
    auditor = await signIn(t, "auditor@security.test", [ROLE_GRANTS.auditor]);
  });
  afterAll(() => t.close());

  /** What a refused request must leave as it was. */
  async function countWrites() {
    const db = t.store.db;
    return {
      users: await countUsers(db),
      events: await countEvents(db),
      cases: await countCases(db),
      auditEntries: await auditEntryCount(t),
    };
  }

  const me = (inject: Inject) => inject("/api/v1/auth/me");
  const attemptLogin = (email: string, password: string) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });

  describe("passwords", () => {
    it("answers a wrong password, an unknown email and a disabled account identically", async () => {
      const disabled = await signIn(t, "disabled@security.test", [ROLE_GRANTS.agent]);
      const patch = await t.inject({
        method: "PATCH",
        url: `/api/v1/users/${disabled.id}`,
        payload: { disabled: true },
      });
      expect(patch.statusCode).toBe(200);
      const before = await countWrites();

      const answers = [
        await attemptLogin(agent.email, "not-the-password-1"),
        await attemptLogin("nobody@security.test", TEST_PASSWORD),
        await attemptLogin(disabled.email, TEST_PASSWORD),
        await attemptLogin(agent.email.toUpperCase(), "not-the-password-2"),
      ];
      for (const answer of answers) {
        expect(answer.statusCode).toBe(401);
        expect(answer.json()).toEqual({
          error: { code: "auth.invalid_credentials", message: "email or password is wrong" },
        });
        expect(answer.headers["set-cookie"]).toBeUndefined();
      }
      expect(await countWrites()).toEqual(before);
    });

    it("spends a password hash on an unknown email as on a wrong password", async () => {
      // Both paths run one scrypt (about 200 ms on a 2-core machine); a path that skipped it
      // answers in 2 or 3. Half the median leaves room for a loaded machine and still tells the
      // two apart.
      const timeLogin = async (email: string) => {
        const started = performance.now();
        const answer = await attemptLogin(email, "not-the-password-3");
        expect(answer.statusCode).toBe(401);
        return performance.now() - started;
      };
      await timeLogin("nobody@security.test");
      await timeLogin(agent.email);
      const wrongPassword: number[] = [];
      const unknownEmail: number[] = [];
      for (let round = 0; round < 5; round += 1) {
        wrongPassword.push(await timeLogin(agent.email));
        unknownEmail.push(await timeLogin(`nobody-${round}@security.test`));
      }
      expect(median(unknownEmail)).toBeGreaterThanOrEqual(0.5 * median(wrongPassword));
    });
  });

  describe("credentials", () => {
    it("refuses an expired API token and an expired session", async () => {
      const actor = await authenticate(t.store.db, agent.token, Date.now());
      if (!actor) throw new Error("the agent's session should authenticate");
      const live = await createApiToken(
        t.store.db,
        actor,
        { name: "live", expiresInDays: 1 },
        Date.now(),
      );
      const expired = await createApiToken(
        t.store.db,
        actor,
        { name: "expired", expiresInDays: 1 },
        Date.now() - 2 * DAY_MS,
      );
      expect((await me(bearerInject(t, live.token))).statusCode).toBe(200);
      expectError(await me(bearerInject(t, expired.token)), 401, "auth.required");

      const staleSession = await openSession(
        t.store.db,
        { email: agent.email, password: TEST_PASSWORD },
        Date.now() - 13 * HOUR_MS,
      );
      expectError(await me(bearerInject(t, staleSession.token)), 401, "auth.required");
    });

    it("refuses a revoked token and a signed-out session; nobody else can revoke yours", async () => {
      const created = await agent.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "to revoke" },
      });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json();
      const viaToken = bearerInject(t, token);
      expect((await me(viaToken)).statusCode).toBe(200);

      const before = await countWrites();
      const byOther = await lead.inject({ method: "DELETE", url: `/api/v1/tokens/${id}` });
      expectError(byOther, 404, "token.not_found");
      expect(await countWrites()).toEqual(before);
      expect((await me(viaToken)).statusCode).toBe(200);

      const revoked = await agent.inject({ method: "DELETE", url: `/api/v1/tokens/${id}` });
      expect(revoked.statusCode).toBe(204);
      expectError(await me(viaToken), 401, "auth.required");

      const session = await signIn(t, "leaving@security.test", [ROLE_GRANTS.agent]);
      const logout = await session.inject({ method: "POST", url: "/api/v1/auth/logout" });
      expect(logout.statusCode).toBe(204);
      expectError(await me(session.inject), 401, "auth.required");
    });

    it("sets an HTTP-only session cookie and refuses a tampered one", async () => {
      const signedIn = await attemptLogin(agent.email, TEST_PASSWORD);
      const cookie = signedIn.cookies.find((item) => item.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      const value = cookie?.value ?? "";
      const withCookie = (session: string) =>
        t.app.inject({ url: "/api/v1/auth/me", cookies: { [SESSION_COOKIE]: session } });
      expect((await withCookie(value)).statusCode).toBe(200);

      const flip = (text: string, at: number) =>
        text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
      const tampered = [
        flip(value, value.length - 1),
        flip(value, Math.floor(value.length / 2)),
        value.slice(0, -1),
        `${value}A`,
        value.replace("tls_", "tlt_"),
      ];
      for (const session of tampered) {
        expect(session).not.toBe(value);
        expectError(await withCookie(session), 401, "auth.required");
      }
    });

    it("refuses garbage credentials", async () => {
      const random = randomBytes(32).toString("base64url");
      const headers = [
        "Bearer garbage",
        `Bearer tls_${random}`,
        `Bearer tlt_${random}`,
        `Bearer ${agent.token}x`,
        "Bearer",
        agent.token,
        "Basic YWRtaW5AdGVzdC5sb2NhbDp0ZXN0LXBhc3N3b3JkLTEyMw==",
      ];
      for (const authorization of headers) {
        const answer = await t.app.inject({ url: "/api/v1/cases", headers: { authorization } });
        expectError(answer, 401, "auth.required");
      }
    });

    it("shuts a disabled user out of their sessions and tokens at once", async () => {
      const user = await signIn(t, "to-disable@security.test", [ROLE_GRANTS.agent]);
      const created = await user.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "integration" },
      });
      const viaToken = bearerInject(t, created.json().token);
      expect((await me(user.inject)).statusCode).toBe(200);
      expect((await me(viaToken)).statusCode).toBe(200);

      const disable = (disabled: boolean) =>
        t.inject({ method: "PATCH", url: `/api/v1/users/${user.id}`, payload: { disabled } });
      expect((await disable(true)).statusCode).toBe(200);
      expectError(await me(user.inject), 401, "auth.required");
      expectError(await me(viaToken), 401, "auth.required");
      expectError(await attemptLogin(user.email, TEST_PASSWORD), 401, "auth.invalid_credentials");

      // Enabling again restores the token; the sessions ended for good.
      expect((await disable(false)).statusCode).toBe(200);
      expect((await me(viaToken)).statusCode).toBe(200);
      expectError(await me(user.inject), 401, "auth.required");
    });
  });

  describe("privilege escalation", () => {
    it("does not let an agent create a user", async () => {
      const before = await countWrites();
      const answer = await agent.inject({
        method: "POST",
        url: "/api/v1/users",
        payload: {
          email: "sidekick@security.test",
          name: "Sidekick",
          password: TEST_PASSWORD,
          grants: [{ role: "admin" }],
        },
      });
      expectError(answer, 403, "access.forbidden");
      expect(await countWrites()).toEqual(before);
    });

    it("does not let an agent change their own grants, nor mint a stronger token", async () => {
      const before = await countWrites();
      for (const payload of [{ grants: [{ role: "admin" }] }, { name: "Still an agent" }]) {
        const answer = await agent.inject({
          method: "PATCH",
          url: `/api/v1/users/${agent.id}`,
          payload,
        });
        expectError(answer, 403, "access.forbidden");
      }
      const minted = await agent.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "stronger", grants: [{ role: "admin" }] },
      });
      expectError(minted, 400, "request.invalid");
      expect(minted.json().error.field).toBe("body.grants");
      expect(await countWrites()).toEqual(before);
      expect((await me(agent.inject)).json().user.grants).toEqual([ROLE_GRANTS.agent]);
    });

    it("does not let an agent describe teams, agents or customers through the event log", async () => {
      const before = await countWrites();
      const at = new Date().toISOString();
      const refused = [
        { type: "team.upserted", at, team: WORKSPACE.teams.billing, name: "Renamed" },
        { type: "agent.upserted", at, agent: "agent-sneaky", team: WORKSPACE.teams.billing },
        {
          type: "customer.upserted",
          at,
          customer: WORKSPACE.customers.emea,
          tier: "gold",
          segment: "smb",
          region: "emea",
        },
        {
          type: "case.opened",
          at,
          case: "case-sneaky",
          customer: WORKSPACE.customers.emea,
          channel: "email",
          category: "technical/login",
          priority: "low",
          team: WORKSPACE.teams.technical,
        },
      ];
      for (const payload of refused) {
        const answer = await agent.inject({ method: "POST", url: "/api/v1/events", payload });
        expectError(answer, 403, "access.forbidden");
      }
      // A case outside the agent's teams answers as if it did not exist.
      const status = await agent.inject({
        method: "POST",
        url: "/api/v1/events",
        payload: { type: "case.status", at, case: WORKSPACE.cases.technical, status: "open" },
      });
      expectError(status, 404, "case.not_found");
      expect(await countWrites()).toEqual(before);
      expect((await t.inject(`/api/v1/teams/${WORKSPACE.teams.billing}`)).json().name).toBe(
        "Billing",
      );
    });

    it("answers a team lead guessing another team's case id as if it did not exist", async () => {
      const missing = await lead.inject("/api/v1/cases/case-that-never-was");
      const guessed = await lead.inject(`/api/v1/cases/${WORKSPACE.cases.technical}`);
      expectError(missing, 404, "case.not_found");
      expectError(guessed, 404, "case.not_found");
      expect(guessed.json().error.message.replace(WORKSPACE.cases.technical, "ID")).toBe(
        missing.json().error.message.replace("case-that-never-was", "ID"),
      );
      const events = await lead.inject(`/api/v1/cases/${WORKSPACE.cases.technical}/events`);
      expectError(events, 404, "case.not_found");
      const customer = await lead.inject(`/api/v1/customers/${WORKSPACE.customers.amer}/journey`);
      expectError(customer, 404, "customer.not_found");

      // The customer they share: the journey shows the billing case, not the technical one.
      const journey = await lead.inject(`/api/v1/customers/${WORKSPACE.customers.emea}/journey`);
      expect(journey.statusCode).toBe(200);
      const caseIds = new Set(
        journey.json().items.map((event: { caseId: string }) => event.caseId),
      );
      expect(caseIds).toContain(WORKSPACE.cases.billing);
      expect(caseIds).not.toContain(WORKSPACE.cases.technicalOfEmea);
      const full = await t.inject(`/api/v1/customers/${WORKSPACE.customers.emea}/journey`);
      const allCaseIds = full.json().items.map((event: { caseId: string }) => event.caseId);
      expect(allCaseIds).toContain(WORKSPACE.cases.technicalOfEmea);
    });

    it("lists to an agent only their team's cases, customers and events", async () => {
      const cases = await agent.inject("/api/v1/cases");
      expect(idsOf(cases)).toEqual([WORKSPACE.cases.billing]);
      const customers = await agent.inject("/api/v1/customers");
      expect(idsOf(customers)).toEqual([WORKSPACE.customers.emea]);
      const events = await agent.inject("/api/v1/events?limit=500");
      const eventCases = new Set(
        events.json().items.map((event: { caseId: string }) => event.caseId),
      );
      expect([...eventCases]).toEqual([WORKSPACE.cases.billing]);
      // Filtering by the other team is no way around the scope.
      const byTeam = await agent.inject(`/api/v1/cases?team=${WORKSPACE.teams.technical}`);
      expect(byTeam.json().items).toEqual([]);
    });

    it("lets an analyst read but not write", async () => {
      const before = await countWrites();
      expect((await analyst.inject("/api/v1/cases")).statusCode).toBe(200);
      const answer = await analyst.inject({
        method: "POST",
        url: "/api/v1/cases",
        payload: {
          customer: WORKSPACE.customers.emea,
          channel: "email",
          category: "billing/refund",
          priority: "low",
          team: WORKSPACE.teams.billing,
        },
      });
      expectError(answer, 403, "access.forbidden");
      expect(await countWrites()).toEqual(before);
    });

    it("lets an auditor read the audit trail and write nothing at all", async () => {
      const before = await countWrites();
      const writes = t.routes.filter(
        (route) =>
          route.url.startsWith("/api/v1/") &&
          ["POST", "PUT", "PATCH", "DELETE"].includes(route.method) &&
          // Signing in and out is open to every caller; it changes no record of the workspace.
          route.access !== "public" &&
          route.access !== "authenticated",
      );
      expect(writes.length).toBeGreaterThanOrEqual(10);
      for (const route of writes) {
        // Any id will do (\`events\` is even a valid retention kind): the permission check
        // answers before a handler looks at the path or the body.
        const url = route.url.replace(/:[A-Za-z]+/g, "events");
        // A retention run is previewable with retention:read; applying it is the write.
        const payload = route.url === "/api/v1/retention/run" ? { dryRun: false } : {};
        const answer = await auditor.inject({ method: route.method as "POST", url, payload });
        // POSTs that compute without writing (a routing test panel, a replay) need only a read
        // permission the auditor holds: they answer, and the count below shows nothing written.
        if (roleAllows("auditor", route.access as Permission)) continue;
        expectError(answer, 403, "access.forbidden");
      }
      expect(await countWrites()).toEqual(before);

      const trail = await auditor.inject("/api/v1/audit?limit=5");
      expect(trail.statusCode).toBe(200);
      expect(trail.json().items).toHaveLength(5);
      const verified = await auditor.inject("/api/v1/audit/verify");
      expect(verified.json()).toMatchObject({ valid: true, entries: before.auditEntries });
    });
  });

  describe("SQL-injection-shaped input", () => {
    const LISTS = [
      "/api/v1/cases",
      "/api/v1/customers",
      "/api/v1/agents",
      "/api/v1/events",
      "/api/v1/audit",
    ];

    /** Every query parameter the OpenAPI document gives each list. */
    async function filterParameters(): Promise<Map<string, string[]>> {
      const document = (await t.inject("/api/openapi.json")).json();
      return new Map(
        LISTS.map((path) => {
          const parameters = (document.paths[path].get.parameters ?? []) as {
            in: string;
            name: string;
          }[];
          return [path, parameters.filter((p) => p.in === "query").map((p) => p.name)];
        }),
      );
    }

    /** The callers to try a list as: the admin sees everything, the agent's scope adds SQL. */
    const callersOf = (path: string): [string, Inject][] =>
      path === "/api/v1/audit"
        ? [["admin", t.inject]]
        : [
            ["admin", t.inject],
            ["agent", agent.inject],
          ];

    it("answers them in every filter parameter with a 400 or an empty list", async () => {
      const before = await countWrites();
      const parameters = await filterParameters();
      expect(parameters.get("/api/v1/cases")).toEqual(
        expect.arrayContaining(["status", "team", "agent", "customer", "category", "cursor"]),
      );
      const unexpected: string[] = [];
      for (const [path, names] of parameters) {
        expect(names.length).toBeGreaterThan(0);
        for (const [caller, inject] of callersOf(path)) {
          for (const name of names) {
            for (const injection of INJECTIONS) {
              const url = `${path}?${new URLSearchParams({ [name]: injection })}`;
              const answer = await inject(url);
              const fine =
                (answer.statusCode === 400 &&
                  ["request.invalid", "request.invalid_cursor"].includes(
                    answer.json().error.code,
                  )) ||
                (answer.statusCode === 200 && answer.json().items.length === 0);
              if (!fine) unexpected.push(`${caller} ${url}: ${answer.statusCode} ${answer.body}`);
            }
          }
        }
      }
      expect(unexpected).toEqual([]);
      expect(await countWrites()).toEqual(before);
    });

    it("treats them inside well-formed cursors as plain values", async () => {
      const unexpected: string[] = [];
      for (const path of LISTS) {
        for (const [caller, inject] of callersOf(path)) {
          const visible = new Set(idsOf(await inject(`${path}?limit=500`)));
          for (const injection of INJECTIONS) {
            for (const key of [[injection], [0, injection], [injection, injection], [1, 2]]) {
              const answer = await inject(`${path}?cursor=${encodeCursor(key)}`);
              const fine =
                (answer.statusCode === 400 &&
                  answer.json().error.code === "request.invalid_cursor") ||
                (answer.statusCode === 200 && idsOf(answer).every((id) => visible.has(id)));
              if (!fine)
                unexpected.push(`${caller} ${path} ${JSON.stringify(key)}: ${answer.body}`);
            }
          }
        }
      }
      expect(unexpected).toEqual([]);
    });

    it("answers them as ids with a 404, and as credentials with the uniform 401", async () => {
      const before = await countWrites();
      for (const injection of INJECTIONS) {
        const id = encodeURIComponent(injection);
        const reads = [
          [`/api/v1/cases/${id}`, "case.not_found"],
          [`/api/v1/cases/${id}/events`, "case.not_found"],
          [`/api/v1/customers/${id}`, "customer.not_found"],
          [`/api/v1/customers/${id}/journey`, "customer.not_found"],
          [`/api/v1/users/${id}`, "user.not_found"],
          [`/api/v1/teams/${id}`, "team.not_found"],
          [`/api/v1/agents/${id}`, "agent.not_found"],
        ] as const;
        for (const [url, code] of reads) expectError(await t.inject(url), 404, code);
        const revoke = await t.inject({ method: "DELETE", url: `/api/v1/tokens/${id}` });
        expectError(revoke, 404, "token.not_found");
        expectError(await attemptLogin(injection, injection), 401, "auth.invalid_credentials");
        expectError(
          await attemptLogin(`admin@test.local${injection}`, TEST_PASSWORD),
          401,
          "auth.invalid_credentials",
        );
      }
      expect(await countWrites()).toEqual(before);
    });

    it("stores them in free text verbatim, and every table is still there", async () => {
      const created = await t.inject({
        method: "POST",
        url: "/api/v1/customers",
        payload: {
          id: "cus-quoted",
          tier: "gold",
          segment: "smb",
          region: "emea",
          name: INJECTIONS[1],
        },
      });
      expect(created.statusCode).toBe(201);
      expect((await t.inject("/api/v1/customers/cus-quoted")).json().name).toBe(INJECTIONS[1]);
      const found = await t.inject(`/api/v1/customers?q=${encodeURIComponent("DROP TABLE")}`);
      expect(idsOf(found)).toEqual(["cus-quoted"]);

      const health = await t.inject("/api/health");
      expect(health.json()).toMatchObject({ status: "ok", store: { ok: true } });
      for (const path of LISTS) expect((await t.inject(path)).statusCode).toBe(200);
      expect(await countCases(t.store.db)).toBe(3);
      expect(await countUsers(t.store.db)).toBeGreaterThan(0);
    });
  });

  describe("oversized payloads", () => {
    const huge = "x".repeat(TWO_MEGABYTES);

    it("refuses a 2 MB body with 413 and writes nothing", async () => {
      const before = await countWrites();
      const bodies: [string, object][] = [
        [
          "/api/v1/users",
          { email: "big@security.test", name: huge, password: TEST_PASSWORD, grants: [] },
        ],
        [
          "/api/v1/events",
          {
            type: "case.status",
            at: new Date().toISOString(),
            case: WORKSPACE.cases.billing,
            status: "open",
            note: huge,
          },
        ],
        [
          "/api/v1/cases",
          {
            customer: WORKSPACE.customers.emea,
            channel: "email",
            category: "billing/refund",
            priority: "low",
            team: WORKSPACE.teams.billing,
            subject: huge,
          },
        ],
        ["/api/v1/customers", { tier: "gold", segment: "smb", region: "emea", name: huge }],
      ];
      for (const [url, payload] of bodies) {
        const answer = await t.inject({ method: "POST", url, payload });
        expectError(answer, 413, "request.body_too_large");
        expect(await countWrites()).toEqual(before);
      }
      const login = await attemptLogin(agent.email, huge);
      expectError(login, 413, "request.body_too_large");
    });

    it("reads no body at all from a caller without credentials", async () => {
      const answer = await t.app.inject({
        method: "POST",
        url: "/api/v1/users",
        payload: { email: "big@security.test", name: huge, password: TEST_PASSWORD, grants: [] },
      });
      expectError(answer, 401, "auth.required");
    });

    it("refuses fields past their length within the byte limit, naming the field", async () => {
      const before = await countWrites();
      const long = await t.inject({
        method: "POST",
        url: "/api/v1/users",
        payload: {
          email: "long@security.test",
          name: "x".repeat(500_000),
          password: TEST_PASSWORD,
          grants: [],
        },
      });
      expectError(long, 400, "request.invalid");
      expect(long.json().error.field).toBe("body.name");
      const grants = await t.inject({
        method: "POST",
        url: "/api/v1/users",
        payload: {
          email: "many@security.test",
          name: "Many grants",
          password: TEST_PASSWORD,
          grants: Array.from({ length: 1_000 }, () => ({ role: "agent", teams: ["billing"] })),
        },
      });
      expectError(grants, 400, "request.invalid");
      expect(grants.json().error.field).toBe("body.grants");
      expect(await countWrites()).toEqual(before);
    });
  });
});

describe.each(STORE_KINDS)("rate limits on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { rateLimit: { perMinute: 5, loginPerMinute: 3 } });
  });
  afterAll(() => t.close());

  /** A fresh session of the admin, signed in from an address of its own (its own login budget). */
  async function freshAdminSession(remoteAddress: string): Promise<Inject> {
    const signedIn = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "admin@test.local", password: TEST_PASSWORD },
      remoteAddress,
    });
    expect(signedIn.statusCode).toBe(200);
    return bearerInject(t, signedIn.json().token);
  }

  function expectRateLimited(answer: LightMyRequestResponse): void {
    expectError(answer, 429, "request.rate_limited");
    const retryAfter = Number(answer.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  }

  it("answers the sixth request of a minute with one token 429, and writes nothing", async () => {
    const other = await freshAdminSession("198.51.100.1");
    const entriesBefore = (await other("/api/v1/audit/verify")).json().entries;
    for (let request = 1; request <= 5; request += 1) {
      expect((await t.inject("/api/v1/auth/me")).statusCode).toBe(200);
    }
    const sixth = await t.inject({
      method: "POST",
      url: "/api/v1/teams",
      payload: { id: "rate-limited", name: "Never made" },
    });
    expectRateLimited(sixth);

    // Another credential has a budget of its own, and sees that nothing was written.
    expectError(await other("/api/v1/teams/rate-limited"), 404, "team.not_found");
    expect((await other("/api/v1/audit/verify")).json().entries).toBe(entriesBefore);
  });

  it("answers the fourth login attempt of a minute from one address 429", async () => {
    const attempt = (remoteAddress: string, password: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "admin@test.local", password },
        remoteAddress,
      });
    for (let round = 1; round <= 3; round += 1) {
      expectError(
        await attempt("203.0.113.5", `wrong-password-${round}`),
        401,
        "auth.invalid_credentials",
      );
    }
    // Even the right password waits: the limit is on attempts, not on failures.
    expectRateLimited(await attempt("203.0.113.5", TEST_PASSWORD));
    expect((await attempt("203.0.113.6", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("limits callers without credentials by address", async () => {
    const anonymous = (remoteAddress: string) =>
      t.app.inject({ url: "/api/v1/cases", remoteAddress });
    for (let request = 1; request <= 5; request += 1) {
      expectError(await anonymous("192.0.2.1"), 401, "auth.required");
    }
    expectRateLimited(await anonymous("192.0.2.1"));
    expectError(await anonymous("192.0.2.2"), 401, "auth.required");
  });

  it("limits made-up bearer tokens by address, however many different ones are tried", async () => {
    const guess = (attempt: number) =>
      t.app.inject({
        url: "/api/v1/cases",
        remoteAddress: "192.0.2.9",
        headers: { authorization: `Bearer tlt_guess${attempt}` },
      });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expectError(await guess(attempt), 401, "auth.required");
    }
    expectRateLimited(await guess(6));
  });
});

describe.each(STORE_KINDS)("scope of writes on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedWorkspace(t);
  });
  afterAll(() => t.close());

  const at = () => new Date().toISOString();

  it("does not let a team lead move another team's agent into their team", async () => {
    const lead = await signIn(t, "lead@scope.test", [ROLE_GRANTS.team_lead]);
    const before = await auditEntryCount(t);
    const moved = await lead.inject({
      method: "POST",
      url: "/api/v1/events",
      payload: {
        type: "agent.upserted",
        at: at(),
        agent: WORKSPACE.agents.technical,
        team: WORKSPACE.teams.billing,
        name: "Renamed",
      },
    });
    expectError(moved, 403, "access.forbidden");
    expect(moved.json().error.field).toBe("body.agent");
    const agent = await t.inject(`/api/v1/agents/${WORKSPACE.agents.technical}`);
    expect(agent.json()).toMatchObject({ teamId: WORKSPACE.teams.technical });
    expect(await auditEntryCount(t)).toBe(before);
  });

  it("does not let a region-scoped manager take over a customer of another region", async () => {
    const manager = await signIn(t, "ops-emea@scope.test", [
      { role: "ops_manager", teams: [], regions: ["emea"] },
    ]);
    const takeover = await manager.inject({
      method: "POST",
      url: "/api/v1/events",
      payload: {
        type: "customer.upserted",
        at: at(),
        customer: WORKSPACE.customers.amer,
        tier: "gold",
        segment: "smb",
        region: "emea",
        name: "Taken over",
      },
    });
    expectError(takeover, 403, "access.forbidden");
    expect(takeover.json().error.field).toBe("body.customer");
    const customer = await t.inject(`/api/v1/customers/${WORKSPACE.customers.amer}`);
    expect(customer.json()).toMatchObject({ region: "amer" });
  });

  it("does not let a team-scoped admin hand out grants beyond their teams", async () => {
    const scopedAdmin = await signIn(t, "admin-billing@scope.test", [
      { role: "admin", teams: [WORKSPACE.teams.billing], regions: [] },
    ]);
    const users = (await t.inject("/api/v1/users")).json().items.length;
    const unscoped = await scopedAdmin.inject({
      method: "POST",
      url: "/api/v1/users",
      payload: {
        email: "escalated@scope.test",
        name: "Escalated",
        password: "a-long-enough-password",
        grants: [{ role: "admin" }],
      },
    });
    expectError(unscoped, 403, "access.forbidden");
    expect(unscoped.json().error.field).toBe("body.grants.0");
    const scoped = await scopedAdmin.inject({
      method: "POST",
      url: "/api/v1/users",
      payload: {
        email: "billing-agent@scope.test",
        name: "Billing agent",
        password: "a-long-enough-password",
        grants: [{ role: "agent", teams: [WORKSPACE.teams.billing] }],
      },
    });
    expect(scoped.statusCode).toBe(201);
    expect((await t.inject("/api/v1/users")).json().items.length).toBe(users + 1);
    // Nor change a user whose grants reach beyond their teams (the unscoped admin of the app).
    const others = (await t.inject("/api/v1/users")).json().items as {
      id: string;
      email: string;
    }[];
    const admin = others.find((user) => user.email === "admin@test.local");
    const edit = await scopedAdmin.inject({
      method: "PATCH",
      url: `/api/v1/users/${admin?.id}`,
      payload: { disabled: true },
    });
    expectError(edit, 403, "access.forbidden");
  });

  it("answers an event nested absurdly deep with a 400 naming the field", async () => {
    // Built as text: the test client's own JSON.stringify would overflow on such an object.
    const depth = 10_000;
    const deep = `${'{"next":'.repeat(depth)}"leaf"${"}".repeat(depth)}`;
    const response = await t.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/json" },
      payload: `{"type":"case.reopened","at":"${at()}","case":"${WORKSPACE.cases.billing}","extra":${deep}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "request.invalid", field: "body.extra" });
  });

  it("lets an auditor preview retention but not apply it", async () => {
    const auditor = await signIn(t, "auditor@scope.test", [ROLE_GRANTS.auditor]);
    const preview = await auditor.inject({
      method: "POST",
      url: "/api/v1/retention/run",
      payload: { dryRun: true },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().dryRun).toBe(true);
    const apply = await auditor.inject({
      method: "POST",
      url: "/api/v1/retention/run",
      payload: { dryRun: false },
    });
    expectError(apply, 403, "access.forbidden");
  });
});
